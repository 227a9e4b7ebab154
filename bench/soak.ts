/**
 * Soak: seven hours of a busy show replayed at high speed against the real hub and the anchor's window in Chromium
 * (tests/helpers/soak.ts drives it): per simulated hour 72,000 chat messages, 7,200 orders (one in ten refunded),
 * 3,600 engine health reports (1 Hz) and 20 cue changes; 500,000 messages and 50,000 orders over the seven hours.
 *
 * Prints, per simulated hour: hub RSS and heap after GC, event-loop lag p99, open handles, SQLite file sizes, the
 * window's heap after GC and fps; then the change from the first hour to the last, and a bar per hour of the hub's
 * heap (a leak shows as a staircase). The short version runs in `npm test` (tests/integration/soak.test.ts).
 *
 * Run: npm run build && npx tsx bench/soak.ts [--hours 7] [--scale 1]
 */
import { parseArgs } from 'node:util';
import { runSoak, type SoakHour } from '../tests/helpers/soak';

const { values } = parseArgs({ options: { hours: { type: 'string', default: '7' }, scale: { type: 'string', default: '1' } } });
const hours = Number(values.hours);
const scale = Number(values.scale);
if (!(Number.isInteger(hours) && hours >= 2 && scale > 0)) throw new Error('Use --hours 2 or more (a whole number) and --scale > 0.');

const f = (n: number, d = 1) => n.toFixed(d).padStart(8);
console.log(`soak: ${hours} simulated hours at ${scale}x a busy hour (72,000 messages, 7,200 orders, 3,600 reports, 20 cues per hour)\n`);
console.log('hour  seconds  hub RSS MB  heap MB  lag p99 ms  handles  SQLite MB  window heap MB  fps');
const rows = await runSoak({
  hours,
  scale,
  onHour: (h: SoakHour) =>
    console.log(`${String(h.hour).padStart(4)}  ${f(h.seconds)}  ${f(h.hubRssMb)}  ${f(h.hubHeapMb)}  ${f(h.lagP99Ms)}  ${String(h.handles).padStart(7)}  ${f(h.sqliteMb)}  ${f(h.browserHeapMb)}  ${f(h.fps, 0)}`),
});
const first = rows[0]!;
const last = rows.at(-1)!;
const change = (a: number, b: number) => `${b - a >= 0 ? '+' : ''}${(b - a).toFixed(1)} (${(((b - a) / a) * 100).toFixed(1)}%)`;
console.log(`\nhour 1 -> hour ${last.hour}: hub heap ${change(first.hubHeapMb, last.hubHeapMb)} MB, RSS ${change(first.hubRssMb, last.hubRssMb)} MB, window heap ${change(first.browserHeapMb, last.browserHeapMb)} MB, handles ${last.handles - first.handles}`);
const max = Math.max(...rows.map((r) => r.hubHeapMb));
console.log('\nhub heap after GC per hour:');
for (const r of rows) console.log(`${String(r.hour).padStart(4)} ${'█'.repeat(Math.max(1, Math.round((r.hubHeapMb / max) * 50)))} ${r.hubHeapMb.toFixed(1)} MB`);
