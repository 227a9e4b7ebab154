import { describe, expect, it } from 'vitest';
import type { ScenesState } from '../../../../../electron/features/scenes/domain/scenes';
import { THUMBNAIL_LIMITS } from '../../../../../electron/features/scenes/protocol/thumbnail-events';
import {
  focusedScene,
  isTypingTarget,
  mergeThumbnails,
  microphones,
  NO_THUMBNAILS,
  parseFadeMs,
  sceneAction,
  sceneForKey,
  sourcesOf,
  THUMBNAIL_RENEW_MS,
  thumbnailWatchScenes,
  visualSources,
} from '../../../../../renderer/src/features/scenes/scene-view';

const scenes = (patch: Partial<ScenesState> = {}): ScenesState => ({
  names: ['Opening', 'Anchor', 'Q&A'],
  program: 'Opening',
  preview: null,
  sources: [
    {
      scene: 'Opening',
      items: [
        { name: 'Opening · background', kind: 'color_source_v3', isVisible: true },
        { name: 'Mic', kind: 'pulse_input_capture', isVisible: true, isMuted: true },
      ],
    },
    {
      scene: 'Anchor',
      cameraPreset: 'pip',
      items: [
        { name: 'Rehearsal camera', kind: 'ffmpeg_source', isVisible: true },
        { name: 'Mic', kind: 'pulse_input_capture', isVisible: true, isMuted: true },
        { name: 'Desk mic', kind: 'wasapi_input_capture', isVisible: true },
      ],
    },
  ],
  ...patch,
});

describe('sceneAction', () => {
  it('switches program in normal mode and does nothing for the scene already on program', () => {
    expect(sceneAction(scenes(), 'Anchor')).toEqual({ name: 'scene.switch', payload: { scene: 'Anchor' } });
    expect(sceneAction(scenes(), 'Opening')).toBeNull();
  });

  it('puts the scene on preview in studio mode (even the program scene), never on program directly', () => {
    const studio = scenes({ preview: 'Anchor' });
    expect(sceneAction(studio, 'Q&A')).toEqual({ name: 'scene.preview', payload: { scene: 'Q&A' } });
    expect(sceneAction(studio, 'Opening')).toEqual({ name: 'scene.preview', payload: { scene: 'Opening' } });
    expect(sceneAction(studio, 'Anchor')).toBeNull();
  });
});

describe('scene hotkeys', () => {
  it('maps 1-9 to the scene at that position and nothing else', () => {
    const names = ['A', 'B', 'C'];
    expect(sceneForKey('1', names)).toBe('A');
    expect(sceneForKey('3', names)).toBe('C');
    expect(sceneForKey('4', names)).toBeNull();
    expect(sceneForKey('0', names)).toBeNull();
    expect(sceneForKey('a', names)).toBeNull();
    expect(sceneForKey('10', names)).toBeNull();
    expect(sceneForKey('9', Array.from({ length: 12 }, (_, i) => `S${i + 1}`))).toBe('S9');
  });

  it('treats text fields as typing, but not checkboxes or buttons', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTypingTarget({ tagName: 'input', type: 'number' })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTypingTarget({ tagName: 'SELECT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget({ tagName: 'BODY' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe('sources of the scene in focus', () => {
  it('focuses the preview scene in studio mode, else program', () => {
    expect(focusedScene(scenes())).toBe('Opening');
    expect(focusedScene(scenes({ preview: 'Q&A' }))).toBe('Q&A');
    expect(focusedScene(scenes({ program: null }))).toBeNull();
  });

  it('lists a scene with its preset; null for an unknown scene or before the engine listed sources', () => {
    expect(sourcesOf(scenes(), 'Anchor')?.cameraPreset).toBe('pip');
    expect(sourcesOf(scenes(), 'Q&A')).toBeNull();
    expect(sourcesOf(scenes({ sources: undefined }), 'Anchor')).toBeNull();
    expect(sourcesOf(scenes(), null)).toBeNull();
  });

  it('gives microphones a mute toggle instead of a visibility toggle, each listed once', () => {
    expect(visualSources(sourcesOf(scenes(), 'Anchor')!.items).map((i) => i.name)).toEqual(['Rehearsal camera']);
    expect(microphones(scenes())).toEqual([
      { name: 'Mic', isMuted: true },
      { name: 'Desk mic', isMuted: false },
    ]);
    expect(microphones(scenes({ sources: undefined }))).toEqual([]);
  });
});

describe('parseFadeMs', () => {
  it('accepts whole ms within the protocol limits only', () => {
    expect(parseFadeMs(' 300 ')).toBe(300);
    expect(parseFadeMs('50')).toBe(50);
    expect(parseFadeMs('5000')).toBe(5000);
    expect(parseFadeMs('49')).toBeNull();
    expect(parseFadeMs('5001')).toBeNull();
    expect(parseFadeMs('2.5')).toBeNull();
    expect(parseFadeMs('-300')).toBeNull();
    expect(parseFadeMs('')).toBeNull();
    expect(parseFadeMs('3e2')).toBeNull();
  });
});

describe('thumbnail watch', () => {
  const visible = { isOnScreen: true, isHubConnected: true, obsStatus: 'connected' as const };

  it('asks for the scenes only while the panel and the window are visible, the hub is up and OBS connected', () => {
    expect(thumbnailWatchScenes(visible, ['A', 'B'])).toEqual(['A', 'B']);
    expect(thumbnailWatchScenes({ ...visible, isOnScreen: false }, ['A'])).toBeNull();
    expect(thumbnailWatchScenes({ ...visible, isHubConnected: false }, ['A'])).toBeNull();
    expect(thumbnailWatchScenes({ ...visible, obsStatus: 'reconnecting' }, ['A'])).toBeNull();
    expect(thumbnailWatchScenes(visible, [])).toBeNull();
  });

  it('stays within the protocol: at most the allowed scenes, renewed well before the lease ends', () => {
    const many = Array.from({ length: THUMBNAIL_LIMITS.maxScenes + 5 }, (_, i) => `S${i}`);
    expect(thumbnailWatchScenes(visible, many)).toHaveLength(THUMBNAIL_LIMITS.maxScenes);
    expect(THUMBNAIL_RENEW_MS).toBeLessThan(THUMBNAIL_LIMITS.leaseMs);
  });
});

describe('mergeThumbnails', () => {
  const img = (n: number) => `data:image/jpeg;base64,${'A'.repeat(n)}`;

  it('keeps the newest picture per scene and drops a batch older than what is shown', () => {
    const a = mergeThumbnails(NO_THUMBNAILS, { at: 10, images: { Opening: img(1), Anchor: img(1) } });
    const b = mergeThumbnails(a, { at: 20, images: { Opening: img(2) } });
    expect(b).toEqual({ at: 20, images: { Opening: img(2), Anchor: img(1) } });
    expect(mergeThumbnails(b, { at: 15, images: { Opening: img(3) } })).toBe(b);
  });

  it('takes only image data URIs, never a URL the window would fetch', () => {
    const merged = mergeThumbnails(NO_THUMBNAILS, { at: 1, images: { A: 'https://example.com/x.png', B: img(1), C: 'javascript:alert(1)' } });
    expect(merged.images).toEqual({ B: img(1) });
  });

  it('never grows past the protocol limit (renamed scenes leave no trail)', () => {
    let view = NO_THUMBNAILS;
    for (let i = 0; i < THUMBNAIL_LIMITS.maxScenes * 3; i++) view = mergeThumbnails(view, { at: i, images: { [`S${i}`]: img(1) } });
    expect(Object.keys(view.images).length).toBeLessThanOrEqual(THUMBNAIL_LIMITS.maxScenes);
  });
});
