/**
 * Agency replication at scale: N simulated studio links (the studio's real link client, in-memory chained ledgers)
 * selling M orders/s each, through a TCP balancer to two agency nodes (the built bundle) on one PostgreSQL and one
 * Redis. Prints replication lag (an entry added in a studio -> the agency's acknowledgement, which comes after its
 * commit) p50/p90/p99/max, entries stored per second, and CPU per process; against a baseline in the same run: the
 * same rows inserted straight into PostgreSQL with pg, 100 per statement, as fast as it takes them.
 *
 * Run: npx tsx bench/agency.ts [links=200] [ordersPerSecond=10] [seconds=20]. Needs `npm run build` (the node bundle)
 * and PostgreSQL + Redis (npm run system-deps).
 */
import pg from 'pg';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { connectConsole } from '../tests/helpers/agency';
import { startAgencyProcess, type AgencyProcess } from '../tests/helpers/agency-process';
import { startPostgres } from '../tests/helpers/postgres';
import { startRedis } from '../tests/helpers/redis';
import { SimulatedStudio } from '../tests/helpers/simulated-studio';
import { startTcpBalancer } from '../tests/helpers/tcp-balancer';
import { makeTempDir } from '../tests/helpers/temp-dir';
import { percentile, processCpuSeconds, sleep, sorted, waitFor } from './bench-stats';

const LINKS = Number(process.argv[2] ?? 200);
const RATE = Number(process.argv[3] ?? 10);
const SECONDS = Number(process.argv[4] ?? 20);

/** Rows/s PostgreSQL takes straight from pg: 100-row INSERTs of ledger-entry-shaped rows, for `ms`. */
async function baselineRowsPerSecond(url: string, ms: number): Promise<number> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  await db.query('CREATE TABLE baseline (studio_id TEXT, seq BIGINT, event JSONB, source TEXT, received_at BIGINT, prev_hash TEXT, hash TEXT, stored_at BIGINT, PRIMARY KEY (studio_id, seq))');
  const event = JSON.stringify({ eventId: 'e', platform: 'douyin', orderId: 'o', status: 'paid', occurredAt: 0, currency: 'CNY', items: [{ sku: 'SKU-1', quantity: 1, unitPrice: 990 }] });
  const hash = 'a'.repeat(64);
  let rows = 0;
  const until = performance.now() + ms;
  const started = performance.now();
  while (performance.now() < until) {
    const params: unknown[] = [];
    const values = Array.from({ length: 100 }, () => {
      params.push('room', ++rows, event, 'http', Date.now(), hash, hash, Date.now());
      const at = params.length - 8;
      return `(${Array.from({ length: 8 }, (_, i) => `$${at + i + 1}`).join(', ')})`;
    });
    await db.query(`INSERT INTO baseline VALUES ${values.join(', ')}`, params);
  }
  const rate = rows / ((performance.now() - started) / 1000);
  await db.end();
  return rate;
}

async function main(): Promise<void> {
  const dir = makeTempDir('anchor-agency-bench-');
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  const nodes: AgencyProcess[] = [];
  const studios: SimulatedStudio[] = [];
  try {
    const baseline = await baselineRowsPerSecond(postgres.url, 5_000);
    const env = { databaseUrl: postgres.url, redisUrl: redis.url };
    nodes.push(await startAgencyProcess({ ...env, dataDir: `${dir.path}/a` }));
    nodes.push(await startAgencyProcess({ ...env, dataDir: `${dir.path}/b` }));
    const balancer = await startTcpBalancer(nodes.map((n) => n.port));
    const admin = await connectConsole(nodes[1]!.url, nodes[0]!.adminToken!);
    for (let i = 0; i < LINKS; i++) {
      const { token } = await admin.request('room.create', { name: `Room ${i}`, brand: `Brand ${i % 10}`, anchor: `Anchor ${i}` });
      const studio = new SimulatedStudio(`s${i}`);
      studio.link(balancer.url, token);
      studios.push(studio);
    }
    await waitFor(() => studios.every((s) => s.view?.state === 'linked'), 120_000, 'every link to be up');
    process.stdout.write(`${LINKS} links up (PostgreSQL + Redis, 2 nodes); selling ${RATE} orders/s each for ${SECONDS} s (plus a partial refund every 5th order)\n`);

    const cpuBefore = { node: processCpuSeconds('dist/agency/agency.cjs'), postgres: processCpuSeconds('postgres'), redis: processCpuSeconds('redis-server'), bench: process.cpuUsage() };
    const started = performance.now();
    // Each studio sells on its own clock, spread over the first period so the load is even, as real rooms are.
    const timers = studios.map((studio, i) => {
      const period = 1000 / RATE;
      let timer: NodeJS.Timeout | undefined;
      const first = setTimeout(() => {
        timer = setInterval(() => studio.sell(), period);
      }, (i * period) / LINKS);
      return () => (clearTimeout(first), clearInterval(timer));
    });
    for (let s = 1; s <= SECONDS; s++) {
      await sleep(1000);
      const added = studios.reduce((n, st) => n + st.entryCount(), 0);
      const acked = studios.reduce((n, st) => n + st.ackedAt.length, 0);
      process.stdout.write(`  ${String(s).padStart(3)} s: ${added} entries added, ${acked} acknowledged (${added - acked} in flight)\n`);
    }
    for (const stop of timers) stop();
    await waitFor(() => studios.every((s) => s.ackedAt.length === s.entryCount()), 120_000, 'the agency to acknowledge every entry');
    const seconds = (performance.now() - started) / 1000;
    const bench = process.cpuUsage(cpuBefore.bench);
    const cpu = {
      'agency nodes': processCpuSeconds('dist/agency/agency.cjs') - cpuBefore.node,
      postgres: processCpuSeconds('postgres') - cpuBefore.postgres,
      redis: processCpuSeconds('redis-server') - cpuBefore.redis,
      'bench (200 simulated studios)': (bench.user + bench.system) / 1e6,
    };

    const lags = sorted(studios.flatMap((s) => s.addedAt.map((at, i) => s.ackedAt[i]! - at)));
    const entries = lags.length;
    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    const stored = Number((await db.query<{ n: string }>('SELECT COUNT(*) AS n FROM ledger_entries')).rows[0]!.n);
    await db.end();
    const rate = entries / seconds;
    process.stdout.write(
      [
        '',
        `entries: ${entries} added, ${stored} rows in PostgreSQL (${stored === entries ? 'each exactly once' : 'MISMATCH'})`,
        `stored: ${rate.toFixed(0)} entries/s sustained; baseline (pg, 100-row INSERTs, same run): ${baseline.toFixed(0)} rows/s -> ${(rate / baseline).toFixed(3)} of the baseline`,
        `replication lag (added in a studio -> committed and acknowledged by the agency), ms: p50 ${percentile(lags, 50)}  p90 ${percentile(lags, 90)}  p99 ${percentile(lags, 99)}  max ${lags.at(-1)}`,
        `target p99 <= 1000 ms at 200 links x 10 orders/s: ${percentile(lags, 99) <= 1000 ? 'met' : 'NOT met'}`,
        `CPU over the run (core-seconds in ${seconds.toFixed(1)} s; ${cpus().length} cores, load ${loadavg()[0]!.toFixed(2)}):`,
        ...Object.entries(cpu).map(([what, s]) => `  ${what.padEnd(30)} ${s.toFixed(1)} (${((s / seconds) * 100).toFixed(0)}% of a core)`),
        '',
      ].join('\n'),
    );
    admin.close();
    await balancer.close();
  } finally {
    for (const studio of studios) studio.unlink();
    await Promise.all(nodes.map((n) => n.stop()));
    await Promise.all([postgres.stop(), redis.stop()]);
    dir.remove();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
