import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandResult } from '../../../../electron/core/protocol';
import type { StudioState } from '../../../../electron/core/domain/studio-state';
import { connectClient, onEveryState, sendCommand, sendOk, startTestHub, type ConnectedClient, type TestHub } from '../../../helpers/hub';
import { product, productCue } from '../../../helpers/rundown';
import { QUICK_MS } from '../../../helpers/timeouts';
import { waitUntil } from '../../../helpers/wait';

/**
 * Windows pressing next / previous at the same moment, on a real hub over socket.io, with fc.scheduler deciding the
 * order in which the presses go out and in which the engine answers the scene switches each "Go" asks for (a slow
 * engine answer lets another press in while the first "Go" is still under way). The engine is a fake socket that only
 * answers when the scheduler says so: the race is in the hub, not in OBS.
 */

const CUES = ['c0', 'c1', 'c2', 'c3'] as const;
/**
 * Scenes the fake engine reports (it never reports a switch, so 'Opening' stays on program and every Go asks for its
 * product's scene): c0 and c2 ask for 'Live', c1 and c3 for 'Close-up'.
 */
const SCENES = ['Opening', 'Live', 'Close-up'];

describe('simultaneous next / previous from several windows (real hub, socket.io; fake engine answering in a scheduled order)', () => {
  let hub: TestHub;
  let engine: ConnectedClient;
  /** The scheduler of the current run; null between runs (the engine then answers at once). */
  let scheduler: fc.Scheduler | null = null;
  /** Scene switches the hub asked of the engine during the current run. */
  const switches: string[] = [];
  const windows: { socket: ConnectedClient; sees: () => string | null }[] = [];

  beforeAll(async () => {
    hub = await startTestHub();
    engine = await connectClient(hub.url, hub.engineToken, (socket) =>
      socket.on('engine.execute', (request, ack) => {
        const answer: CommandResult = { ok: true, version: 0 };
        if (scheduler && request.name === 'scene.switch') switches.push((request.payload as { scene: string }).scene);
        if (scheduler) void scheduler.schedule(Promise.resolve(), `engine answers ${request.name}`).then(() => ack(answer));
        else ack(answer);
      }),
    );
    await sendOk(engine, 'engine.report', { obs: { status: 'connected', message: null, version: '29.1.3' }, scenes: { names: SCENES, program: 'Opening', preview: null } });
    const anchor = await connectClient(hub.url, hub.anchorToken);
    await sendOk(anchor, 'permissions.set', { producerCanControlAir: true });
    await sendOk(anchor, 'catalog.upsert', { products: CUES.map((c, i) => product(`SKU-${c}`, { scene: SCENES[1 + (i % 2)]! })) });
    for (const c of CUES) await sendOk(anchor, 'cue.add', { cue: productCue(c, `SKU-${c}`) });
    const producers = await Promise.all(
      [1, 2].map(async (i) => {
        const invite = await sendOk(anchor, 'invite.create', { role: 'producer', name: `Producer ${i}` });
        return connectClient(hub.url, (invite.data as { token: string }).token);
      }),
    );
    for (const socket of [anchor, ...producers]) {
      let seen: StudioState = socket.initialState;
      onEveryState(socket, (state) => (seen = state));
      windows.push({ socket, sees: () => seen.rundown.currentCueId });
    }
  });

  afterAll(async () => {
    for (const w of windows) w.socket.close();
    engine?.close();
    await hub?.stop();
  });

  it('exactly one press moves the show; every other is refused as cueMovedOn and the winner keeps the last Go', async () => {
    const outcomes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.uniqueArray(fc.nat(windows.length - 1), { minLength: 2, maxLength: windows.length }),
        fc.array(fc.constantFrom<1 | -1>(1, -1), { minLength: 3, maxLength: 3 }),
        async (s, pressing, directions) => {
          // Every window sees c1 live before anyone presses.
          if (hub.store.current.rundown.currentCueId !== 'c1') await sendOk(windows[0]!.socket, 'cue.goto', { id: 'c1' });
          await waitUntil(() => windows.every((w) => w.sees() === 'c1'), QUICK_MS, 'every window showing c1 live');
          scheduler = s;
          switches.length = 0;
          try {
            // Each window presses having seen c1: the presses cross on the way to the hub, in the scheduler's order.
            const presses = pressing.map((w, i) => {
              const direction = directions[i]!;
              return s
                .schedule(Promise.resolve(), `window ${w} presses ${direction === 1 ? 'next' : 'previous'}`)
                .then(() => sendCommand(windows[w]!.socket, direction === 1 ? 'cue.next' : 'cue.prev', { fromCueId: 'c1' }))
                .then((result) => ({ direction, result }));
            });
            const answers = await s.waitFor(Promise.all(presses));
            const done = answers.filter((a) => a.result.ok);
            const refused = answers.filter((a) => !a.result.ok);
            outcomes.add(`${done.length} moved`);
            expect(done, `${s.report().length} scheduled steps:\n${s.toString()}`).toHaveLength(1);
            const winner = done[0]!;
            const target = winner.direction === 1 ? 'c2' : 'c0';
            expect(winner.result.ok && (winner.result.data as { cueId: string }).cueId).toBe(target);
            for (const r of refused) expect(r.result.ok ? null : r.result.error.refusal?.key).toBe('cueMovedOn');
            // What every window shows: the winner's cue, with the winner's Go (not a refused press's) as the last Go.
            expect(hub.store.current.rundown.currentCueId).toBe(target);
            expect(hub.store.current.rundown.lastGo?.cueId).toBe(target);
            await waitUntil(() => windows.every((w) => w.sees() === target), QUICK_MS, `every window showing ${target} live`);
            // The engine was asked to switch scenes for the winner's Go only (anything else would flip the picture).
            await s.waitIdle();
            expect(switches, 'scene switches asked of the engine').toEqual(['Live']);
          } finally {
            scheduler = null;
          }
        },
      ),
      { numRuns: Number(process.env.ANCHOR_MODEL_RUNS ?? 40) },
    );
    expect([...outcomes]).toEqual(['1 moved']);
  }, 120_000);
});

