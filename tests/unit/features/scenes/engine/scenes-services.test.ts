import { afterEach, describe, expect, it } from 'vitest';
import { ObsRequestError } from '../../../../../electron/core/engine/obs-client';
import { NotConnectedError, RejectedError } from '../../../../../electron/core/engine/obs-session';
import { LayoutService } from '../../../../../electron/features/scenes/engine/layout-service';
import { ScenesService } from '../../../../../electron/features/scenes/engine/scenes-service';
import type { ShowLayout } from '../../../../../electron/features/scenes/engine/show-scenes';
import { FakeObs } from '../../../../helpers/fake-obs';
import { fakeSession, settle, type FakeSession } from '../../../../helpers/fake-session';

// The scenes and layout services on an in-memory OBS (a unit test of these two modules; tests/integration/obs-*.test.ts
// drive the same services in the built engine against a real OBS 29).

const LAYOUT: ShowLayout = {
  inputs: [
    { name: 'Cam', kind: 'ffmpeg_source', settings: {} },
    { name: 'Cam 2', kind: 'color_source_v3', settings: {} },
    { name: 'Title', kind: 'text_ft2_source_v2', settings: { text: 'Hi' } },
    { name: 'Mic', kind: 'pulse_input_capture', settings: {} },
  ],
  scenes: [
    { name: 'Opening', items: [{ input: 'Title', box: { x: 0, y: 0, w: 1, h: 1 } }] },
    { name: 'Anchor', items: [{ input: 'Cam', box: { x: 0, y: 0, w: 1, h: 1 } }, { input: 'Mic', box: { x: 0, y: 0, w: 1, h: 1 } }] },
    { name: 'Flash sale', items: [{ input: 'Title', box: { x: 0, y: 0, w: 1, h: 1 } }] },
  ],
  cameras: ['Cam', 'Cam 2'],
};

describe('scenes and layout services (fake OBS)', () => {
  let session: FakeSession;
  let scenes: ScenesService;
  let layout: LayoutService;

  async function start(prepare: (obs: FakeObs) => void = () => {}): Promise<FakeObs> {
    const obs = new FakeObs();
    // A fresh OBS collection: one empty "Scene", on program.
    obs.addScene('Scene');
    prepare(obs);
    session = await fakeSession(obs);
    let current: LayoutService | null = null;
    scenes = new ScenesService(session, () => current?.current ?? null);
    layout = new LayoutService(session, scenes, () => structuredClone(LAYOUT));
    current = layout;
    for (const service of [layout, scenes]) await service.restore();
    await scenes.afterRestore();
    return obs;
  }

  afterEach(async () => {
    await session?.close();
  });

  it('builds the show on a fresh OBS, drops OBS\'s empty "Scene", and reports the scenes in running order with their sources', async () => {
    const obs = await start();
    expect([...obs.scenes.keys()].sort()).toEqual(['Anchor', 'Flash sale', 'Opening']);
    expect(scenes.state.names).toEqual(['Opening', 'Anchor', 'Flash sale']);
    expect(scenes.state.program).toBe('Opening');
    expect(scenes.state.sources?.find((s) => s.scene === 'Anchor')?.items).toEqual([
      // Where the layout placed it (the editor draws and drags this box); a microphone has no place, so no box.
      { name: 'Cam', kind: 'ffmpeg_source', isVisible: true, box: { x: 0, y: 0, w: 1, h: 1 } },
      { name: 'Mic', kind: 'pulse_input_capture', isVisible: true, isMuted: false },
    ]);
    expect(scenes.state.transition).toEqual({ kind: 'cut', durationMs: 300 });
  });

  it('switches program and resolves only once OBS announced it; refuses while OBS is away', async () => {
    const obs = await start();
    const changes: string[] = [];
    scenes.onChange(() => changes.push(scenes.state.program ?? ''));
    await scenes.switchScene('Anchor');
    expect(scenes.state.program).toBe('Anchor');
    expect(obs.program).toBe('Anchor');
    expect(session.desired.value.program).toBe('Anchor');
    expect(changes).toContain('Anchor');
    await expect(scenes.switchScene('Nope')).rejects.toBeInstanceOf(ObsRequestError);
    session.setRunning(false);
    await expect(scenes.switchScene('Opening')).rejects.toBeInstanceOf(NotConnectedError);
  });

  it('studio mode: preview, then the transition takes it to program; the fade length is what OBS reports', async () => {
    const obs = await start();
    await scenes.setStudioMode(true);
    expect(obs.isStudioMode).toBe(true);
    await scenes.setPreview('Flash sale');
    expect(scenes.state.preview).toBe('Flash sale');
    await scenes.triggerTransition();
    expect(scenes.state.program).toBe('Flash sale');
    await scenes.setTransition({ kind: 'fade', durationMs: 450 });
    expect(obs.transition).toEqual({ name: 'Fade', kind: 'fade_transition', durationMs: 450 });
    expect(scenes.state.transition).toEqual({ kind: 'fade', durationMs: 450 });
    await scenes.setStudioMode(false);
    await settle();
    expect(scenes.state.preview).toBeNull();
  });

  it('a relaunched OBS gets the show back: the edited layout, program, studio mode, transition, preset, mute and hidden source', async () => {
    await start();
    await scenes.switchScene('Flash sale');
    await scenes.setTransition({ kind: 'fade', durationMs: 200 });
    await layout.setCameraPreset('Anchor', 'pip');
    await layout.setMuted('Mic', true);
    await layout.setSourceVisible('Opening', 'Title', false);
    await layout.createScene('Unboxing');
    const desired = session.desired.snapshot();
    const dataDir = session.dataDir;

    // A new OBS (the old one crashed): same data dir, so the same saved layout and desired state.
    const obs = new FakeObs();
    obs.addScene('Scene');
    const next = await fakeSession(obs);
    try {
      Object.assign(next, { dataDir });
      next.desired.update((d) => Object.assign(d, desired));
      let current: LayoutService | null = null;
      const scenes2 = new ScenesService(next, () => current?.current ?? null);
      const layout2 = new LayoutService(next, scenes2, () => {
        throw new Error('the saved layout must win over the default');
      });
      current = layout2;
      await layout2.restore();
      await scenes2.restore();
      await scenes2.afterRestore();
      expect(scenes2.state.names).toEqual(['Opening', 'Anchor', 'Flash sale', 'Unboxing']);
      expect(obs.program).toBe('Flash sale');
      expect(obs.transition.kind).toBe('fade_transition');
      expect(obs.inputs.get('Mic')?.isMuted).toBe(true);
      expect(obs.scenes.get('Opening')!.find((i) => i.sourceName === 'Title')?.sceneItemEnabled).toBe(false);
      expect(obs.scenes.get('Anchor')!.some((i) => i.sourceName === 'Cam 2' && i.sceneItemEnabled)).toBe(true);
    } finally {
      await next.close();
    }
  });

  it('edits the show: adds and removes a source, renames and removes a scene, and keeps the program elsewhere', async () => {
    const obs = await start();
    await layout.addSource({ scene: 'Flash sale', name: 'Price tag', type: 'text', text: '¥39' });
    expect(obs.inputs.get('Price tag')).toMatchObject({ kind: 'text_ft2_source_v2' });
    expect(scenes.state.sources?.find((s) => s.scene === 'Flash sale')?.items.map((i) => i.name)).toContain('Price tag');
    await expect(layout.addSource({ scene: 'Flash sale', name: 'Price tag', type: 'text' })).rejects.toThrow('"Price tag" is already in Flash sale.');
    await expect(layout.addSource({ scene: 'Nope', name: 'X', type: 'text' })).rejects.toBeInstanceOf(RejectedError);
    await layout.removeSource('Flash sale', 'Price tag');
    expect(obs.inputs.has('Price tag')).toBe(false);
    await scenes.switchScene('Flash sale');
    await layout.renameScene('Flash sale', '秒杀 Flash');
    expect(session.desired.value.program).toBe('秒杀 Flash');
    expect(scenes.state.names).toContain('秒杀 Flash');
    await layout.removeScene('秒杀 Flash');
    expect(obs.scenes.has('秒杀 Flash')).toBe(false);
    expect(obs.program).not.toBe('秒杀 Flash');
    await expect(layout.setCameraPreset('Opening', 'side-by-side')).resolves.toBeUndefined();
  });

  it('a removed scene leaves its camera part: a new scene of the same name is not given the part\'s camera', async () => {
    const obs = await start();
    await layout.removeScene('Anchor');
    await layout.createScene('Anchor');
    await layout.assignCameraRole('main', 'Cam 2');
    const items = (name: string) => (obs.scenes.get(name) ?? []).map((i) => i.sourceName);
    expect(items('Anchor')).not.toContain('Cam 2');
  });

  it('the last scene cannot go, and a preset needs the cameras it places', async () => {
    await start();
    await layout.removeScene('Opening');
    await layout.removeScene('Anchor');
    await expect(layout.removeScene('Flash sale')).rejects.toThrow('The show needs at least one scene.');
  });

  it('a mute made in OBS itself reaches the scene list; a thumbnail is the scene OBS draws', async () => {
    const obs = await start();
    await session.client.call('SetInputMute', { inputName: 'Mic', inputMuted: true });
    await settle();
    expect(scenes.state.sources?.find((s) => s.scene === 'Anchor')?.items.find((i) => i.name === 'Mic')?.isMuted).toBe(true);
    expect(await scenes.screenshot('Anchor', 160)).toBe(`data:image/jpg;base64,${Buffer.from('Anchor').toString('base64')}`);
    expect(obs.requests.at(-1)).toMatchObject({ type: 'GetSourceScreenshot', data: { sourceName: 'Anchor', imageWidth: 160 } });
  });
});
