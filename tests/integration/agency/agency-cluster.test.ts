import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { LINK_TOKEN_REFUSED } from '../../../agency/server/link-gateway';
import { connectConsole, type TestConsole } from '../../helpers/agency';
import { startAgencyProcess, type AgencyProcess } from '../../helpers/agency-process';
import { startPostgres, type PostgresHandle } from '../../helpers/postgres';
import { startRedis, type RedisHandle } from '../../helpers/redis';
import { SimulatedStudio } from '../../helpers/simulated-studio';
import { startTcpBalancer, type TcpBalancer } from '../../helpers/tcp-balancer';
import { makeTempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait';

const STUDIOS = 20;

/**
 * The agency at scale: two nodes (the built bundle, as `npm run agency` runs it) on one real PostgreSQL and one real
 * Redis, behind a TCP balancer, 20 studio links. One node is killed with SIGKILL mid-stream: its studios reconnect to
 * the other, the consoles keep updating, and PostgreSQL holds each ledger entry exactly once.
 */
describe('agency cluster: two nodes, PostgreSQL + Redis', () => {
  const dir = makeTempDir('anchor-agency-cluster-');
  let postgres: PostgresHandle;
  let redis: RedisHandle;
  let nodeA: AgencyProcess;
  let nodeB: AgencyProcess;
  let balancer: TcpBalancer;
  let onB: TestConsole;
  let viaBalancer: TestConsole;
  const studios: Array<{ studio: SimulatedStudio; roomId: string; token: string }> = [];

  /** Every studio's room shows, on `console`, all of the studio's entries and its own GMV to the cent. */
  const allCaughtUp = (console: TestConsole, what: string) =>
    Promise.all(
      studios.map(({ studio, roomId }) =>
        console.waitForRoom(roomId, (r) => r.entries === studio.entryCount() && r.figures?.gmv === studio.tallies().gmv, `${what}: ${studio.name}`, 60_000),
      ),
    );

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
    const env = { databaseUrl: postgres.url, redisUrl: redis.url };
    nodeA = await startAgencyProcess({ ...env, dataDir: `${dir.path}/a` });
    nodeB = await startAgencyProcess({ ...env, dataDir: `${dir.path}/b` });
    expect(nodeA.adminToken).toMatch(/^agt_/);
    expect(nodeB.adminToken).toBeNull(); // one admin for the cluster: the second node found it
    balancer = await startTcpBalancer([nodeA.port, nodeB.port]);
    onB = await connectConsole(nodeB.url, nodeA.adminToken!);
    viaBalancer = await connectConsole(balancer.url, nodeA.adminToken!);
    for (let i = 0; i < STUDIOS; i++) {
      const { roomId, token } = await onB.request('room.create', { name: `Room ${String(i).padStart(2, '0')}`, brand: i % 2 ? 'Tea Co' : 'Silk Co', anchor: `Anchor ${i}` });
      studios.push({ studio: new SimulatedStudio(`s${i}`), roomId, token });
    }
  }, 120_000);

  afterAll(async () => {
    for (const { studio } of studios) studio.unlink();
    onB?.close();
    viaBalancer?.close();
    await balancer?.close();
    await Promise.all([nodeA?.stop(), nodeB?.stop()]);
    await Promise.all([postgres?.stop(), redis?.stop()]);
    dir.remove();
  });

  it('spreads the links over both nodes, and a console on one node sees the rooms linked to the other', async () => {
    for (const { studio } of studios) for (let n = 0; n < 10; n++) studio.sell();
    for (const { studio, token } of studios) studio.link(balancer.url, token);
    await allCaughtUp(onB, 'every room at node B');
    const health = await Promise.all([nodeA, nodeB].map(async (node) => (await fetch(`${node.url}/healthz`)).json() as Promise<{ links: number; database: string; cluster: boolean }>));
    expect(health.map((h) => [h.database, h.cluster])).toEqual([['postgres', true], ['postgres', true]]);
    expect(health[0]!.links).toBeGreaterThan(0);
    expect(health[1]!.links).toBeGreaterThan(0);
    expect(health[0]!.links + health[1]!.links).toBe(STUDIOS);
  });

  it('survives kill -9 of a node: its studios move to the other, consoles keep updating, each entry is stored once', async () => {
    // Orders keep flowing while the node dies.
    const selling = setInterval(() => studios.forEach(({ studio }) => studio.sell()), 50);
    await new Promise((r) => setTimeout(r, 300));
    await nodeA.kill();
    await new Promise((r) => setTimeout(r, 500));
    clearInterval(selling);
    for (const { studio } of studios) for (let n = 0; n < 5; n++) studio.sell();

    await allCaughtUp(onB, 'every room after the kill, on the console that stayed');
    await allCaughtUp(viaBalancer, 'every room after the kill, on the console that reconnected');
    expect(studios.every(({ studio }) => studio.view?.state === 'linked')).toBe(true);
    const health = (await (await fetch(`${nodeB.url}/healthz`)).json()) as { links: number };
    expect(health.links).toBe(STUDIOS);

    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    try {
      const { rows } = await db.query<{ studio_id: string; n: string; seqs: string; top: string }>(
        'SELECT studio_id, COUNT(*) AS n, COUNT(DISTINCT seq) AS seqs, MAX(seq) AS top FROM ledger_entries GROUP BY studio_id',
      );
      const byRoom = new Map(rows.map((r) => [r.studio_id, [Number(r.n), Number(r.seqs), Number(r.top)]]));
      for (const { studio, roomId } of studios) expect(byRoom.get(roomId)).toEqual([studio.entryCount(), studio.entryCount(), studio.entryCount()]);
    } finally {
      await db.end();
    }
  });

  it('an offline studio keeps selling and catches up when its link returns', async () => {
    const { studio, roomId, token } = studios[3]!;
    studio.unlink();
    await onB.waitForRoom(roomId, (r) => !r.isLinked, 'the room to show offline');
    for (let n = 0; n < 40; n++) studio.sell();
    studio.link(balancer.url, token);
    const room = await onB.waitForRoom(roomId, (r) => r.isLinked && r.entries === studio.entryCount(), 'the studio to catch up');
    expect(room.figures!.gmv).toBe(studio.tallies().gmv);
  });

  it('refuses a forged token and a revoked one', async () => {
    const forged = new SimulatedStudio('forger');
    forged.link(balancer.url, 'agt_forgedforgedforgedforgedforgedforged');
    await waitUntil(() => forged.view?.state === 'refused', 20_000, 'the forged link to be refused');
    expect(forged.view!.problem).toBe(LINK_TOKEN_REFUSED);
    forged.unlink();

    const { studio, roomId } = studios[5]!;
    const { credentials } = await onB.request('token.list', {});
    await onB.request('token.revoke', { id: credentials.find((c) => c.roomId === roomId)!.id });
    await waitUntil(() => studio.view?.state === 'refused', 20_000, 'the revoked studio to be dropped');
    await onB.waitForRoom(roomId, (r) => !r.isLinked, 'the revoked room to show unlinked');
  });
});
