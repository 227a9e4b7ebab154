import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedInvite, InviteSummary } from '../../electron/features/cohost/protocol/cohost-commands';
import { connectClient, postCommand, sendCommand, sendOk, startTestHub, type ConnectedClient, type TestHub } from '../helpers/hub';
import { waitUntil } from '../helpers/wait';

const DAY = 24 * 3600_000;

// Invites expire: a link forwarded, a phone lost, a co-host who left the agency stop working by themselves.
describe('invites expire', () => {
  let hub: TestHub;
  let anchor: ConnectedClient;
  /** The hub's clock for invites (moved forward below; socket.io keeps the real one for its heartbeats). */
  let now = Date.now();

  beforeAll(async () => {
    hub = await startTestHub({ now: () => now });
    anchor = await connectClient(hub.url, hub.anchorToken);
  });

  afterAll(async () => {
    anchor?.close();
    await hub?.stop();
  });

  it('after its days an invite opens nothing: HTTP, a new connection, an open window at its next command or change', async () => {
    const invite = (await sendOk(anchor, 'invite.create', { role: 'producer', name: 'Phone', validDays: 1 })).data as CreatedInvite;
    const listener = (await sendOk(anchor, 'invite.create', { role: 'viewer', name: 'Screen', validDays: 1 })).data as CreatedInvite;
    expect(invite.expiresAt).toBeGreaterThan(Date.now() + DAY - 60_000);
    const list = (await sendOk(anchor, 'invite.list', {})).data as InviteSummary[];
    expect(list.find((i) => i.principalId === invite.principalId)?.expiresAt).toBe(invite.expiresAt);
    const producer = await connectClient(hub.url, invite.token);
    const viewer = await connectClient(hub.url, listener.token);
    let viewerDropped = false;
    viewer.on('disconnect', () => (viewerDropped = true));
    expect((await postCommand(hub.url, invite.token, 'output.preflight', {})).status).toBe(200);

    now += DAY + 60_000;
    expect((await postCommand(hub.url, invite.token, 'output.preflight', {})).status).toBe(401);
    await expect(connectClient(hub.url, invite.token)).rejects.toThrow(/expired/);
    // An open window: its next command is refused, unless a change of the show already dropped it.
    const outcome = producer.connected
      ? await Promise.race([
          sendCommand(producer, 'output.preflight', {}).then((r) => (r.ok ? 'accepted' : r.error.code)),
          new Promise<string>((resolve) => producer.once('disconnect', () => resolve('dropped'))),
        ])
      : 'dropped';
    expect(['unauthorized', 'dropped']).toContain(outcome);
    // A window that only listens is dropped at the next change of the show.
    await sendOk(anchor, 'show.rename', { title: 'After the expiry' });
    await waitUntil(() => viewerDropped, 5000, 'the expired viewer dropped');
    // The anchor's own key never expires.
    expect((await postCommand(hub.url, hub.anchorToken, 'output.preflight', {})).status).toBe(200);
    producer.close();
  });

  it('takes 30 days by default and at most a year', async () => {
    const invite = (await sendOk(anchor, 'invite.create', { role: 'moderator', name: 'Mod' })).data as CreatedInvite;
    expect(Math.round((invite.expiresAt - now) / DAY)).toBe(30);
    expect((await sendCommand(anchor, 'invite.create', { role: 'viewer', name: 'x', validDays: 400 })).ok).toBe(false);
  });
});
