// The engine's reports to a real hub (socket.io on loopback): after a switch only the on-air scenes travel, and the
// windows still see every scene with its sources.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectToHub, type EngineSnapshot, type HubLink } from '../../../electron/core/engine/hub-link';
import { SILENT_LOGGER } from '../../../electron/core/engine/obs-session';
import type { StateCommand } from '../../../electron/core/domain/apply-command';
import { ENGINE_OBS_STATUSES, type StudioState } from '../../../electron/core/domain/studio-state';
import type { EngineHandlers } from '../../../electron/core/protocol/engine-requests';
import { validateCommand } from '../../../electron/core/protocol/validate';
import { connectClient, onEveryState, startTestHub, type TestHub } from '../../helpers/hub';
import { QUICK_MS } from '../../helpers/timeouts';
import { waitUntil } from '../../helpers/wait';

describe('engine reports', () => {
  let hub: TestHub | undefined;
  let link: HubLink | undefined;
  afterEach(async () => {
    await link?.close(snap);
    await hub?.stop();
  });

  const snap: EngineSnapshot = {
    obs: { status: 'connected', message: null, version: '29.0.2' },
    scenes: {
      names: ['Opening', 'Anchor'],
      program: 'Opening',
      preview: null,
      sources: [{ scene: 'Anchor', items: [{ name: 'Camera', kind: 'v4l2_input', isVisible: true }] }],
    },
    output: null,
  };

  it('send the scenes whole first, then only program and preview after a switch, and whole again when a source changes', async () => {
    hub = await startTestHub();
    const reports: Extract<StateCommand, { name: 'engine.report' }>['payload'][] = [];
    const apply = hub.store.apply.bind(hub.store);
    vi.spyOn(hub.store, 'apply').mockImplementation((command) => {
      if (command.name === 'engine.report') reports.push(structuredClone(command.payload));
      return apply(command);
    });
    const window = await connectClient(hub.url, hub.anchorToken);
    let seen: StudioState = window.initialState;
    onEveryState(window, (state) => (seen = state), window.initialState);

    link = connectToHub({ hubUrl: hub.url, token: hub.engineToken, log: SILENT_LOGGER, handlers: {} as EngineHandlers, snapshot: () => structuredClone(snap) });
    await link.whenConnected();
    await link.report();
    expect(reports.at(-1)).toEqual({ obs: snap.obs, scenes: snap.scenes, output: null });

    snap.scenes.program = 'Anchor';
    await link.report();
    expect(reports.at(-1)).toEqual({ obs: snap.obs, onAir: { program: 'Anchor', preview: null }, output: null });
    await waitUntil(() => seen.scenes.program === 'Anchor', QUICK_MS, 'the window to see the switch');
    expect(seen.scenes).toEqual(snap.scenes);

    snap.scenes.sources![0]!.items[0]!.isVisible = false;
    await link.report();
    expect(reports.at(-1)).toEqual({ obs: snap.obs, scenes: snap.scenes, output: null });
    await waitUntil(() => seen.scenes.sources?.[0]?.items[0]?.isVisible === false, QUICK_MS, 'the window to see the hidden source');
    expect(seen.scenes).toEqual(snap.scenes);

    snap.obs = { ...snap.obs, message: 'Recording' };
    await link.report();
    expect(reports.at(-1)).toEqual({ obs: snap.obs, output: null });
    window.close();
  });

  it('are refused when they carry the whole scenes and the on-air pair at once (which one would the hub keep?)', () => {
    const both = validateCommand('engine.report', { obs: snap.obs, scenes: snap.scenes, onAir: { program: 'Anchor', preview: null } });
    expect(both).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/scenes or onAir, not both/) } });
    expect(validateCommand('engine.report', { obs: snap.obs, onAir: { program: 'Anchor', preview: null } })).toMatchObject({ ok: true });
  });

  it("never say the engine is restarting: that status is the hub's own, for an engine that went away", () => {
    for (const status of ENGINE_OBS_STATUSES) expect(validateCommand('engine.report', { obs: { ...snap.obs, status } }), status).toMatchObject({ ok: true });
    expect(validateCommand('engine.report', { obs: { ...snap.obs, status: 'engine-restarting' } })).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });
});
