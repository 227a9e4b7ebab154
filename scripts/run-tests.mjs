#!/usr/bin/env node
// `npm test`: checks the system packages, type-checks each runtime, lints, builds the studio, runs vitest (unit +
// integration against real OBS, nginx-rtmp, SQLite, socket.io) and Playwright (real Chromium, the built studio), then
// prints one summary line for both.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const OUT = '.test-output';
const chromium = process.env.ANCHOR_CHROMIUM ?? '/usr/bin/chromium';

const REQUIRED = [
  { what: 'Chromium', path: chromium, pkg: 'chromium' },
  { what: 'OBS Studio', bin: 'obs', pkg: 'obs-studio' },
  { what: 'Xvfb', bin: 'Xvfb', pkg: 'xvfb' },
  { what: 'ffmpeg', bin: 'ffmpeg', pkg: 'ffmpeg' },
  { what: 'ffprobe', bin: 'ffprobe', pkg: 'ffmpeg' },
  { what: 'nginx', bin: 'nginx', pkg: 'nginx' },
  { what: 'nginx RTMP module', path: '/usr/lib/nginx/modules/ngx_rtmp_module.so', pkg: 'libnginx-mod-rtmp' },
  { what: 'Noto CJK fonts', path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', pkg: 'fonts-noto-cjk' },
  // `ss -K` cuts a live connection in the engine's recovery test.
  { what: 'ss (iproute2)', bin: 'ss', pkg: 'iproute2' },
  // The agency's cluster tests run real PostgreSQL and Redis (tests/helpers/postgres.ts, redis.ts).
  { what: 'PostgreSQL', path: '/usr/lib/postgresql', pkg: 'postgresql' },
  { what: 'Redis', bin: 'redis-server', pkg: 'redis-server' },
];

function onPath(bin) {
  return spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
}

const findMissing = () => REQUIRED.filter((r) => (r.bin ? !onPath(r.bin) : !existsSync(r.path)));

/** True when this user can install packages without being asked for a password (root, or sudo -n). */
function canInstallQuietly() {
  if (process.platform !== 'linux' || !onPath('apt-get')) return false;
  if (process.getuid?.() === 0) return true;
  return onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
}

let missing = findMissing();
if (missing.length && canInstallQuietly()) {
  console.log(`Installing the system packages the tests drive: ${[...new Set(missing.map((m) => m.pkg))].join(' ')}`);
  spawnSync('bash', ['scripts/install-system-deps.sh'], { stdio: 'inherit' });
  missing = findMissing();
}
if (missing.length) {
  console.error(`Missing system packages for the tests: ${missing.map((m) => `${m.what} (${m.pkg})`).join(', ')}.`);
  console.error('Install them with one command, then run npm test again:  sudo bash scripts/install-system-deps.sh');
  process.exit(1);
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

function run(label, cmd, args) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const res = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } });
  return res.status === 0;
}

// The whole repository, then each runtime on its own (domain and protocol without Node or DOM globals, the hub and
// engine without the DOM, the UI without Node), then the lint rules (promises, type imports, unused code).
const typesOk = ['tsconfig.json', 'tsconfig.shared.json', 'tsconfig.node.json', 'tsconfig.web.json']
  .map((config) => run(`typecheck ${config}`, 'npx', ['tsc', '-p', config, '--noEmit']))
  .every(Boolean);
const lintOk = run('lint', 'npx', ['eslint', '--max-warnings', '0', '.']);
const buildOk =
  run('build UI', 'npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn']) &&
  run('build shell', 'node', ['scripts/build-shell.mjs']);
run('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${OUT}/vitest.json`]);
if (buildOk) run('playwright', 'npx', ['playwright', 'test']);

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

const v = readJson(`${OUT}/vitest.json`);
const p = readJson(`${OUT}/playwright.json`);
const counts = {
  passed: (v?.numPassedTests ?? 0) + (p?.stats?.expected ?? 0),
  failed: (v ? v.numFailedTests : 1) + (p ? p.stats.unexpected + p.stats.flaky : 1),
  skipped: (v?.numPendingTests ?? 0) + (v?.numTodoTests ?? 0) + (p?.stats?.skipped ?? 0),
};
// Harness checks (layer rules, lock file, docs against the registry, packaging config, test helpers) are counted
// apart from the tests of the product itself.
const harnessPassed = (v?.testResults ?? [])
  .filter((file) => file.name.includes('/tests/harness/'))
  .flatMap((file) => file.assertionResults ?? [])
  .filter((test) => test.status === 'passed').length;
console.log('');
console.log(`vitest: ${v ? `${v.numPassedTests} passed, ${v.numFailedTests} failed (of the passed: ${v.numPassedTests - harnessPassed} product tests, ${harnessPassed} harness checks)` : 'did not report (crashed?)'}`);
console.log(`playwright: ${p ? `${p.stats.expected} passed, ${p.stats.unexpected + p.stats.flaky} failed` : 'did not run or report'}`);
if (!typesOk) console.log('typecheck: FAILED');
if (!lintOk) console.log('lint: FAILED');
if (!buildOk) console.log('build: FAILED');
if (!typesOk || !lintOk || !buildOk) counts.failed += 1;
console.log(`Tests: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
process.exit(counts.failed === 0 && counts.skipped === 0 ? 0 : 1);
