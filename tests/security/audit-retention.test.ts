import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, sendCommand, sendOk, startTestHub, type TestHub } from '../helpers/hub';

// Every refused command writes an audit row: a client that keeps sending refused commands must not grow the studio's
// database without end. The newest rows are kept; the anchor still reads the log.
describe('audit log retention', () => {
  let hub: TestHub;
  const keep = 50;

  beforeAll(async () => {
    // Refused commands as fast as a socket carries them; the rate limits, which would cut this short, have their own
    // test (rate-limits.test.ts): here the log's bound is what is checked.
    hub = await startTestHub({ auditMaxRows: keep, commandRate: { burst: 1_000_000, perSecond: 1_000_000 } });
  });

  afterAll(async () => {
    await hub?.stop();
  });

  it('keeps at most the newest rows, whatever a client sends', async () => {
    const viewer = await connectClient(hub.url, hub.tokens.issue({ id: 'v', role: 'viewer', name: 'Viewer' }));
    for (let i = 0; i < 4 * keep; i++) {
      const refused = await sendCommand(viewer, 'cue.next', { fromCueId: `c${i}` });
      expect(refused.ok).toBe(false);
    }
    viewer.close();
    const rows = hub.db.prepare('SELECT COUNT(*) AS n, MAX(id) AS last FROM audit_log').get() as { n: number; last: number };
    expect(rows.n).toBeLessThanOrEqual(keep);
    expect(rows.last).toBeGreaterThanOrEqual(4 * keep);
    const anchor = await connectClient(hub.url, hub.anchorToken);
    const log = (await sendOk(anchor, 'audit.list', { limit: 10 })).data as Array<{ actorId: string; command: string; ok: boolean }>;
    expect(log[0]).toMatchObject({ actorId: 'v', command: 'cue.next', ok: false });
    anchor.close();
  });
});
