import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { installShutdownSignals } from '../hub/shutdown-signals';
import { runStudio } from './run-studio';

/** Default data directory of the studio per platform (same place the Electron app uses for userData/studio). */
export function defaultDataDir(): string {
  if (process.env.ANCHOR_DATA_DIR) return resolve(process.env.ANCHOR_DATA_DIR);
  if (process.platform === 'win32') return join(process.env.APPDATA ?? homedir(), 'Anchor Studio', 'studio');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Anchor Studio', 'studio');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Anchor Studio', 'studio');
}

/** Runs the studio without Electron and prints the URL to open in a browser. */
export async function startHeadlessStudio(argv: string[] = process.argv.slice(2)): Promise<void> {
  const uiDir = resolve(argv[0] ?? 'dist/renderer');
  if (!existsSync(join(uiDir, 'index.html'))) {
    throw new Error(`The UI is not built (${uiDir}/index.html is missing). Run "npm run build" first.`);
  }
  const port = process.env.ANCHOR_PORT ? Number(process.env.ANCHOR_PORT) : 0;
  const dataDir = defaultDataDir();
  const envToken = process.env.ANCHOR_ADMIN_TOKEN?.trim() || undefined;
  const studio = await runStudio({ dataDir, port, staticDir: uiDir, anchorToken: envToken });
  process.stdout.write(
    `\nAnchor Studio is running headless (no Electron window on this machine).\n` +
      `Data: ${dataDir}\n` +
      `Open this in a browser:\n\n  ${studio.hub.url}/?token=${studio.hub.anchorToken}\n\n` +
      `Press Ctrl+C to stop.\n`,
  );
  installShutdownSignals(() => studio.close());
}
