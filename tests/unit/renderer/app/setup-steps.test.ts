import { describe, expect, it } from 'vitest';
import { initialStudioState } from '../../../../electron/core/domain/studio-state';
import { isNewStudio, setupSteps } from '../../../../renderer/src/app/setup-steps';
import type { EngineOutputState } from '../../../../electron/features/output/domain/output';
import { productCue } from '../../../helpers/rundown';

const done = (input: Parameters<typeof setupSteps>[0]) => setupSteps(input).filter((s) => s.isDone).map((s) => s.id);

describe('setup checklist', () => {
  it('a fresh studio has every step to do and is new; the rehearsal camera is not a camera', () => {
    const studio = initialStudioState();
    studio.scenes.sources = [{ scene: 'Anchor', items: [{ name: 'Rehearsal camera', kind: 'ffmpeg_source', isVisible: true }] }];
    expect(done({ studio, productCount: 0 })).toEqual([]);
    expect(isNewStudio({ studio, productCount: 0 })).toBe(true);
  });

  it('marks each step as the studio gets it: OBS, a real camera, a microphone, a chosen canvas, products with cues, a destination', () => {
    const studio = initialStudioState();
    studio.obs = { ...studio.obs, status: 'connected', profile: 'vertical' };
    studio.scenes.sources = [{ scene: 'Anchor', items: [{ name: 'Hands', kind: 'v4l2_input', isVisible: true }] }];
    studio.rundown = { ...studio.rundown, cues: [productCue('c1', 'TEA')] };
    expect(done({ studio, productCount: 1 })).toEqual(['obs', 'cameras', 'canvas', 'catalog']);
    // A microphone in OBS, even muted for now, is the microphone step done.
    const engine: EngineOutputState = {
      mode: 'off',
      destinations: [],
      derived: [],
      picture: { width: 640, height: 360, fps: 30, bitrateKbps: 1000, x264Preset: 'ultrafast' },
      recording: { isActive: false, startedAt: null, lastFile: null, problem: null },
      virtualCam: { isActive: false },
      capabilities: { relay: { isAvailable: true, message: null }, virtualCam: { isAvailable: false, message: null } },
      recordingDir: null,
      microphones: [{ name: 'Desk mic', isMuted: true }],
    };
    const withMic = { ...studio, output: { ...studio.output, engine } };
    expect(done({ studio: withMic, productCount: 1 })).toEqual(['obs', 'cameras', 'microphone', 'canvas', 'catalog']);
    expect(isNewStudio({ studio, productCount: 1 })).toBe(false);
    // The tests' 640x360 canvas and the low-power one are not a choice for a platform.
    expect(done({ studio: { ...studio, obs: { ...studio.obs, profile: 'test' } }, productCount: 1 })).not.toContain('canvas');
    // Products without a run of show are not a show to rehearse yet.
    expect(done({ studio: { ...studio, rundown: { ...studio.rundown, cues: [] } }, productCount: 4 })).not.toContain('catalog');
  });

  it('a main camera the anchor cast ticks the cameras step, even a test pattern to rehearse with', () => {
    const studio = initialStudioState();
    studio.scenes.sources = [{ scene: 'Anchor', items: [{ name: 'Test pattern', kind: 'ffmpeg_source', isVisible: true }] }];
    expect(done({ studio, productCount: 0 })).not.toContain('cameras');
    studio.scenes.cameraRoles = { hands: 'Test pattern' };
    expect(done({ studio, productCount: 0 })).not.toContain('cameras');
    studio.scenes.cameraRoles = { main: 'Test pattern' };
    expect(done({ studio, productCount: 0 })).toContain('cameras');
  });
});
