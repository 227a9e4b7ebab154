// Bundles the Electron shell (main + preload), the headless entry, and the hub's and the engine's own processes with
// esbuild. Native or optional modules stay external: they are loaded from node_modules at run time (better-sqlite3 is
// rebuilt for Electron by electron-builder, see electron-builder.yml). So does node-forge (377 kB), which the hub
// loads only when LAN sharing first needs a certificate. The tests run these bundles, not the sources.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const external = ['electron', 'better-sqlite3', '@napi-rs/canvas', 'obs-websocket-js', 'bufferutil', 'utf-8-validate', 'node-forge'];

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
  minifyWhitespace: true,
  minifySyntax: true,
};

// In the app the bundles run from app.asar: an external package loaded with import() would go through the ESM loader,
// every other one through require. The studio's bundles turn import() into require so all resolve the same way.
const asRequire = { supported: { 'dynamic-import': false } };

const entries = [
  { entryPoints: ['electron/main/main.ts'], outfile: 'dist/main/main.cjs', external, ...asRequire },
  { entryPoints: ['electron/studio/headless-main.ts'], outfile: 'dist/main/headless.cjs', external, ...asRequire },
  // The studio's children, forked from main.cjs (Electron utility processes) or headless.cjs (Node children).
  { entryPoints: ['electron/studio/hub-process.ts'], outfile: 'dist/main/hub-process.cjs', external, ...asRequire },
  { entryPoints: ['electron/studio/engine-process.ts'], outfile: 'dist/main/engine-process.cjs', external, ...asRequire },
  // The hub reads uploaded workbooks in a worker thread with a capped heap (core/hub/sheets/sheet-worker-client.ts).
  { entryPoints: ['electron/core/hub/sheets/sheet-worker.ts'], outfile: 'dist/main/sheet-worker.cjs', external, ...asRequire },
  // The agency node (`npm run agency`): its database and Redis drivers load from node_modules (PGlite finds its wasm there).
  {
    entryPoints: ['agency/server/agency-cli.ts'],
    outfile: 'dist/agency/agency.cjs',
    external: [...external, '@electric-sql/pglite', 'pg', 'redis', '@socket.io/redis-streams-adapter'],
  },
  // The preload runs sandboxed: it can require only 'electron', so everything else must be inside the bundle.
  { entryPoints: ['electron/preload/preload.ts'], outfile: 'dist/preload/preload.cjs', external: ['electron'] },
];

await Promise.all(['dist/main', 'dist/preload', 'dist/agency'].map((dir) => rm(join(root, dir), { recursive: true, force: true })));
const started = Date.now();
await Promise.all(entries.map((entry) => build({ ...common, ...entry })));
process.stdout.write(`Shell built in ${Date.now() - started} ms: ${entries.map((e) => e.outfile).join(', ')}\n`);
