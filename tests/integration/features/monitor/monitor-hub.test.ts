import { afterEach, describe, expect, it } from 'vitest';
import type { CreatedInvite } from '../../../../electron/features/cohost/protocol/cohost-commands';
import { MONITOR_LIMITS, type AudioMetersEvent, type MonitorFrameEvent } from '../../../../electron/features/monitor/protocol/monitor-events';
import { connectClient, lanCertificateOf, sendCommand, sendOk, startTestHub, type ConnectedClient, type TestHub } from '../../../helpers/hub';
import { waitUntil } from '../../../helpers/wait';
import { QUICK_MS } from '../../../helpers/timeouts';

// 127.0.0.2 stands in for the LAN address (as in the co-host tests): another address, still on this machine.
const LAN = '127.0.0.2';
const IMAGE = `data:image/jpeg;base64,${Buffer.alloc(3000, 7).toString('base64')}`;

/** Collects one event's payloads on a socket. */
function collect<T>(socket: ConnectedClient, event: string): T[] {
  const seen: T[] = [];
  (socket as unknown as { on(e: string, l: (p: T) => void): void }).on(event, (p) => seen.push(p));
  return seen;
}

describe('the monitor on a real hub', () => {
  let hub: TestHub;
  const sockets: ConnectedClient[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await hub?.stop();
  });

  it('sends every frame to windows on this computer and at most lanFps a second to LAN windows', async () => {
    hub = await startTestHub({ lanAddresses: () => [LAN] });
    const anchor = await connectClient(hub.url, hub.anchorToken);
    sockets.push(anchor);
    await sendOk(anchor, 'sharing.set', { enabled: true });
    const invite = (await sendOk(anchor, 'invite.create', { role: 'producer', name: 'LAN producer' })).data as CreatedInvite;
    const remote = await connectClient(`https://${LAN}:${hub.port}`, invite.token, undefined, { ca: lanCertificateOf(hub) });
    const local = await connectClient(hub.url, invite.token);
    const engine = await connectClient(hub.url, hub.engineToken);
    sockets.push(remote, local, engine);
    const localFrames = collect<MonitorFrameEvent>(local, 'monitor.frame');
    const lanFrames = collect<MonitorFrameEvent>(remote, 'monitor.frame');

    // Two seconds of program frames at 30 fps, stamped as the engine stamps them.
    const start = Date.now();
    for (let i = 0; i < 60; i++) await sendOk(engine, 'monitor.publish', { view: 'program', scene: 'Anchor', at: start + Math.round((i * 1000) / 30), image: IMAGE });
    await waitUntil(() => localFrames.length === 60, QUICK_MS, 'all 60 frames at the local window');
    const lanCap = 2 * MONITOR_LIMITS.lanFps;
    await waitUntil(() => lanFrames.length >= lanCap, QUICK_MS, 'the LAN window got its share');
    expect(lanFrames.length).toBe(lanCap);
    // Evenly spaced, not the first few: each at least 1/lanFps after the one before.
    for (let i = 1; i < lanFrames.length; i++) expect(lanFrames[i]!.at - lanFrames[i - 1]!.at).toBeGreaterThanOrEqual(1000 / MONITOR_LIMITS.lanFps);
    expect(localFrames[0]).toEqual({ view: 'program', scene: 'Anchor', at: start, image: IMAGE });
  });

  it('sends audio levels to every window, and only the engine may publish frames or levels', async () => {
    hub = await startTestHub();
    const anchor = await connectClient(hub.url, hub.anchorToken);
    const engine = await connectClient(hub.url, hub.engineToken);
    sockets.push(anchor, engine);
    const levels = collect<AudioMetersEvent>(anchor, 'audio.meters');
    const reading = { at: Date.now(), levels: [{ source: 'Desk mic', levelDb: -24.5, peakDb: -18, isMuted: false }] };
    await sendOk(engine, 'meters.publish', reading);
    await waitUntil(() => levels.length === 1, QUICK_MS, 'the levels at the anchor window');
    expect(levels[0]).toEqual(reading);
    expect(await sendCommand(anchor, 'meters.publish', reading)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await sendCommand(anchor, 'monitor.publish', { view: 'program', scene: 'A', at: 1, image: IMAGE })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // A frame that is not an image, or levels off the scale, are refused with what is wrong.
    const notImage = await sendCommand(engine, 'monitor.publish', { view: 'program', scene: 'A', at: 1, image: '<svg onload=alert(1)>' });
    expect(notImage).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(JSON.stringify(notImage)).toContain('base64 data URI');
    expect(await sendCommand(engine, 'meters.publish', { at: 1, levels: [{ source: 'x', levelDb: 12, peakDb: 0, isMuted: false }] })).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('asks the engine for the picture and levels on behalf of any role, and says so when no engine runs', async () => {
    hub = await startTestHub();
    const anchor = await connectClient(hub.url, hub.anchorToken);
    sockets.push(anchor);
    const watched = await sendCommand(anchor, 'monitor.watch', { views: ['program'], fps: 15 });
    expect(watched.ok).toBe(false);
    expect(JSON.stringify(watched)).toMatch(/engine|OBS/i);
    expect(await sendCommand(anchor, 'monitor.watch', { views: ['program'], fps: 90 })).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });
});
