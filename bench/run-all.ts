/**
 * Runs every bench in turn (each in its own process, so one's OBS or Chromium never skews the next) and prints their
 * figures. `npm run bench`; `npm run bench -- overlay-latency scene-switch` runs only those.
 */
import { spawnSync } from 'node:child_process';

const BENCHES = ['startup', 'hub-memory', 'scene-switch', 'state-traffic', 'overlay-latency', 'thumbnail-cost', 'monitor', 'dual-output', 'relay', 'publish-route', 'obs-recovery', 'orders', 'agency', 'chat-flood', 'soak', 'obs-soak'];

const asked = process.argv.slice(2);
const unknown = asked.filter((b) => !BENCHES.includes(b));
if (unknown.length > 0) {
  process.stderr.write(`Unknown bench: ${unknown.join(', ')}. Known: ${BENCHES.join(', ')}.\n`);
  process.exit(2);
}
let failed = 0;
for (const name of asked.length > 0 ? asked : BENCHES) {
  process.stdout.write(`\n=== bench/${name}.ts\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}.ts`], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed += 1;
    process.stdout.write(`bench/${name}.ts failed (exit ${run.status ?? run.signal})\n`);
  }
}
process.exit(failed > 0 ? 1 : 0);
