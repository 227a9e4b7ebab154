// `npm start` after `npm run build`: opens the Electron app when this machine can show it, otherwise runs the studio
// headless and prints the browser URL. ANCHOR_HEADLESS=1 forces headless.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Path of the Electron executable, or null. Mirrors node_modules/electron/index.js without its side effect: requiring
 * that module downloads the binary when it is missing (Electron >= 42), which must never happen from `npm start`.
 */
function electronExecutable() {
  let packageDir;
  try {
    packageDir = dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const candidate = process.env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron')
    : relative
      ? join(packageDir, 'dist', relative)
      : null;
  if (!candidate) return null;
  try {
    return statSync(candidate).isFile() ? candidate : null;
  } catch {
    return null;
  }
}

/** Why the studio must run headless here, or null when Electron can open a window. */
function headlessReason(executable) {
  if (process.env.ANCHOR_HEADLESS === '1') return 'ANCHOR_HEADLESS=1';
  if (!executable) return 'Electron binary not available';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display (DISPLAY and WAYLAND_DISPLAY are unset)';
  }
  return null;
}

const executable = electronExecutable();
const reason = headlessReason(executable);

if (reason) {
  process.stdout.write(`${reason}: running the studio headless\n`);
  // The built headless studio (the same bundle the tests run): it forks the hub and the engine, prints the URL and
  // handles Ctrl+C itself.
  const { runHeadless } = createRequire(import.meta.url)(join(root, 'dist/main/headless.cjs'));
  try {
    await runHeadless([]);
  } catch (err) {
    process.stderr.write(`Anchor Studio could not start: ${err.message}\n`);
    process.exit(1);
  }
} else {
  const env = { ...process.env };
  // Inherited from some tool, this variable would make Electron behave as plain Node and ignore the app.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(executable, ['.'], { cwd: root, stdio: 'inherit', env });
  // Ctrl+C reaches the whole process group, Electron included: wait for its graceful quit instead of dying first.
  process.on('SIGINT', () => undefined);
  // SIGTERM (a process manager) is sent to us alone: pass it on.
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('error', (err) => {
    process.stderr.write(`Could not start Electron: ${err.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
