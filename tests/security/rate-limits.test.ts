import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_RATE } from '../../electron/core/hub/rate-limit';
import { connectClient, postCommand, sendCommand, startTestHub, type TestHub } from '../helpers/hub';

/** Audit rows written for one actor. */
const auditRows = (hub: TestHub, actor: string) => (hub.db.prepare('SELECT COUNT(*) AS n FROM audit_log WHERE actor_id = ?').get(actor) as { n: number }).n;

// A co-host's client in a loop (a bug, or someone with a leaked invite on the LAN) must not take the hub's time or fill
// its audit log: after a burst its commands are refused, cheaply, until time refills its allowance.
describe('rate limits per connection', () => {
  let hub: TestHub;
  /** The hub's clock for the limits: frozen, so no allowance comes back during a burst; moved on by hand. */
  let now = Date.now();
  const total = COMMAND_RATE.burst * 3;

  beforeAll(async () => {
    hub = await startTestHub({ now: () => now });
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it("a producer's window gets its burst, then refusals that cost no audit row; time gives it back", async () => {
    const producer = await connectClient(hub.url, hub.tokens.issue({ id: 'p-loop', role: 'producer', name: 'Loop' }));
    const results = await Promise.all(Array.from({ length: total }, () => sendCommand(producer, 'output.preflight', {})));
    const accepted = results.filter((r) => r.ok).length;
    const limited = results.filter((r) => !r.ok && r.error.code === 'rate_limited');
    expect(accepted).toBe(COMMAND_RATE.burst);
    expect(limited).toHaveLength(total - COMMAND_RATE.burst);
    const first = limited[0]!;
    if (!first.ok) expect(first.error.message).toMatch(/Too many commands.*Wait a moment/);
    expect(auditRows(hub, 'p-loop')).toBe(COMMAND_RATE.burst);
    // One warning for the burst, not one per refusal.
    expect(hub.logLines.filter((l) => l.includes('commands rate-limited')).length).toBeGreaterThanOrEqual(1);
    expect(hub.logLines.filter((l) => l.includes('commands rate-limited')).length).toBeLessThan(5);

    // Another window of the same co-host has its own allowance (the limit is per connection).
    const second = await connectClient(hub.url, hub.tokens.issue({ id: 'p-loop', role: 'producer', name: 'Loop' }));
    expect((await sendCommand(second, 'output.preflight', {})).ok).toBe(true);
    // A second later: COMMAND_RATE.perSecond more.
    now += 1000;
    const later = await Promise.all(Array.from({ length: COMMAND_RATE.perSecond + 5 }, () => sendCommand(producer, 'output.preflight', {})));
    expect(later.filter((r) => r.ok)).toHaveLength(COMMAND_RATE.perSecond);
    producer.close();
    second.close();
  });

  it("over HTTP a co-host's token gets 429 with Retry-After after its burst; the anchor is not limited", async () => {
    const token = hub.tokens.issue({ id: 'v-http', role: 'viewer', name: 'Script' });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < COMMAND_RATE.burst + 3; i++) {
      const res = await fetch(`${hub.url}/api/v1/commands/output.preflight`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: '{}',
      });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
      await res.arrayBuffer();
    }
    // output.preflight is not a viewer's command: 403 while within the allowance, 429 after it.
    expect(statuses.filter((s) => s === 403)).toHaveLength(COMMAND_RATE.burst);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    expect(retryAfter).toBe('1');
    const anchorStatuses = await Promise.all(Array.from({ length: total }, async () => (await postCommand(hub.url, hub.anchorToken, 'output.preflight', {})).status));
    expect(new Set(anchorStatuses)).toEqual(new Set([200]));
  });
});
