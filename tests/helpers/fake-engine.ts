import { createServer, type Server } from 'node:net';
import type { EngineOutputState } from '../../electron/features/output/domain/output';
import type { CommandResult, EngineRequest } from '../../electron/core/protocol';
import { connectClient, postCommand, sendCommand, type ConnectedClient } from './hub';

/**
 * A stand-in for the OBS engine: a socket.io client holding the engine token that answers every request the hub sends
 * it with success, and records them (what the stream would show: `overlay.render` carries the pinned comment). With a
 * TCP listener standing in for a reachable RTMP server, the hub's real go-live path (pre-flight, `output.start`,
 * `live.set`) runs without OBS. For tests of what going live does to the show, not of OBS.
 */
export interface FakeEngine {
  /** Every request the hub sent, in order. */
  requests: EngineRequest[];
  /** Runs `show.goLive` as the anchor; throws with the hub's reason when it refuses. */
  goLive(): Promise<void>;
  /** Runs `show.end` as the anchor. */
  endShow(): Promise<void>;
  /** The last `overlay.render` payload (what the stream shows), or undefined before any. */
  lastOverlay(): { card: unknown; pinned: { user: string; text: string } | null } | undefined;
  /** Disconnects the engine and closes the RTMP stand-in. */
  close(): Promise<void>;
}

/** Connects a fake engine to a hub, reports OBS connected, and adds one enabled destination (no backup recording). */
export async function connectFakeEngine(hub: { url: string; engineToken: string; anchorToken: string }): Promise<FakeEngine> {
  const requests: EngineRequest[] = [];
  const rtmp: Server = createServer((s) => s.destroy());
  await new Promise<void>((r) => rtmp.listen(0, '127.0.0.1', () => r()));
  const port = (rtmp.address() as { port: number }).port;
  const engine: ConnectedClient = await connectClient(hub.url, hub.engineToken, (socket) =>
    socket.on('engine.execute', (request, ack) => {
      requests.push(request);
      ack(request.name === 'output.stop' ? { ok: true, version: 0, data: { recordingFile: null } } : { ok: true, version: 0 });
    }),
  );
  const output: EngineOutputState = {
    mode: 'direct',
    destinations: [],
    derived: [],
    picture: { width: 640, height: 360, fps: 30, bitrateKbps: 1000, x264Preset: 'ultrafast' },
    recording: { isActive: false, startedAt: null, lastFile: null, problem: null },
    virtualCam: { isActive: false },
    capabilities: { relay: { isAvailable: true, message: null }, virtualCam: { isAvailable: true, message: null } },
    recordingDir: null,
    microphones: [{ name: 'Mic', isMuted: false }],
  };
  const reported = await sendCommand(engine, 'engine.report', {
    obs: { status: 'connected', message: null, version: '29.0.2', profile: 'vertical' },
    scenes: { names: ['Live'], program: 'Live', preview: null, sources: [{ scene: 'Live', items: [{ name: 'Cam', kind: 'v4l2_input', isVisible: true }] }] },
    output,
  });
  if (!reported.ok) throw new Error(`engine.report: ${reported.error.message}`);
  const anchor = async (name: string, payload: object = {}) => {
    const res = await postCommand(hub.url, hub.anchorToken, name, payload);
    if (res.status !== 200) throw new Error(`${name} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as CommandResult;
  };
  // A hub restarted on the same data keeps its destination (and, mid-show, its live show): nothing to add then.
  const { body } = await postCommand(hub.url, hub.anchorToken, 'destination.add', { name: 'Test', platform: 'kuaishou', server: `rtmp://127.0.0.1:${port}/live`, key: 'key-test-123456' });
  if (!body.ok && !/already exists/.test(body.error.message)) throw new Error(`destination.add: ${body.error.message}`);
  await anchor('output.settings', { isBackupRecording: false });
  return {
    requests,
    goLive: async () => void (await anchor('show.goLive')),
    endShow: async () => void (await anchor('show.end')),
    lastOverlay: () => requests.filter((r) => r.name === 'overlay.render').at(-1)?.payload as ReturnType<FakeEngine['lastOverlay']>,
    async close() {
      engine.close();
      await new Promise<void>((r) => rtmp.close(() => r()));
    },
  };
}
