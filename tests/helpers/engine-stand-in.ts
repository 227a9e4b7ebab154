import { createServer, type Server } from 'node:net';
import type { EngineOutputState } from '../../electron/features/output/domain/output';
import type { CommandResult, EngineRequest } from '../../electron/core/protocol';
import { connectClient, postCommand, sendCommand, type ConnectedClient } from './hub';

/**
 * The OBS engine stood in by a socket.io client holding the engine token: it answers every request the hub sends
 * with success and reports the program scene it is told to. With a TCP listener standing in for a reachable RTMP
 * server, the hub's real go-live path (pre-flight, `output.start`, `live.set`, the show phases) runs without OBS. For
 * tests of what going live and ending do to the show's figures, not of OBS.
 */
export interface EngineStandIn {
  /** Every request the hub sent, in order. */
  requests: EngineRequest[];
  /** Runs `show.goLive` as the anchor; throws with the hub's reason when it refuses. */
  goLive(): Promise<void>;
  /** Runs `show.end` as the anchor. */
  endShow(): Promise<void>;
  /** Reports `scene` as the program scene, as the engine does when OBS switches. */
  showScene(scene: string): Promise<void>;
  /** Disconnects and closes the RTMP stand-in. */
  close(): Promise<void>;
}

const SCENES = ['Opening', 'Anchor', 'Product'];

/** Connects the stand-in to a hub, reports OBS connected on `Opening`, adds one enabled destination (no backup). */
export async function connectEngineStandIn(hub: { url: string; engineToken: string; anchorToken: string }): Promise<EngineStandIn> {
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
    recording: { isActive: false, startedAt: null, lastFile: null, problem: null },
    virtualCam: { isActive: false },
    capabilities: { relay: { isAvailable: true, message: null }, virtualCam: { isAvailable: true, message: null } },
    recordingDir: null,
    microphones: [{ name: 'Mic', isMuted: false }],
  };
  const report = async (program: string) => {
    const result = await sendCommand(engine, 'engine.report', {
      obs: { status: 'connected', message: null, version: '29.0.2', profile: 'vertical' },
      scenes: { names: SCENES, program, preview: null, sources: SCENES.map((scene) => ({ scene, items: [{ name: 'Cam', kind: 'v4l2_input', isVisible: true }] })) },
      output,
    });
    if (!result.ok) throw new Error(`engine.report: ${result.error.message}`);
  };
  await report('Opening');
  const anchor = async (name: string, payload: object = {}): Promise<CommandResult> => {
    const res = await postCommand(hub.url, hub.anchorToken, name, payload);
    if (res.status !== 200) throw new Error(`${name} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as CommandResult;
  };
  await anchor('destination.add', { name: 'Test', platform: 'kuaishou', server: `rtmp://127.0.0.1:${port}/live`, key: 'key-stand-in-123456' });
  await anchor('output.settings', { isBackupRecording: false });
  return {
    requests,
    goLive: async () => void (await anchor('show.goLive')),
    endShow: async () => void (await anchor('show.end')),
    showScene: report,
    async close() {
      engine.close();
      await new Promise<void>((r) => rtmp.close(() => r()));
    },
  };
}
