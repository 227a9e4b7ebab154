import { describe, expect, it } from 'vitest';
import { canvasOrientation, roleCandidates, suggestName, takenNames } from '../../../../../renderer/src/features/scenes/editor-view';

describe('scene editor view helpers', () => {
  const scenes = {
    names: ['Opening', 'Anchor'],
    program: 'Opening',
    preview: null,
    sources: [{ scene: 'Anchor', items: [{ name: 'Camera', kind: 'v4l2_input', isVisible: true }] }],
  };

  it('knows every name OBS uses: scenes and sources share one name space', () => {
    expect([...takenNames(scenes)].sort()).toEqual(['Anchor', 'Camera', 'Opening']);
    expect(takenNames(null).size).toBe(0);
  });

  it('suggests the first free name', () => {
    expect(suggestName('Camera', takenNames(scenes))).toBe('Camera 2');
    expect(suggestName('Camera', new Set(['Camera', 'Camera 2']))).toBe('Camera 3');
    expect(suggestName('测试画面', takenNames(scenes))).toBe('测试画面');
  });

  it('reads the canvas orientation from the video profile', () => {
    expect(canvasOrientation('vertical')).toBe('vertical');
    expect(canvasOrientation('horizontal')).toBe('horizontal');
    expect(canvasOrientation('test')).toBe('horizontal');
    expect(canvasOrientation('low-power')).toBe('horizontal');
    expect(canvasOrientation(null)).toBeNull();
  });

  it('offers cameras, test patterns and clips for a camera part, each once; never a title, a colour or a microphone', () => {
    const show = {
      names: ['Anchor', 'Close-up'],
      program: null,
      preview: null,
      sources: [
        { scene: 'Anchor', items: [{ name: 'Bg', kind: 'color_source_v3', isVisible: true }, { name: 'Face cam', kind: 'v4l2_input', isVisible: true }, { name: 'Title', kind: 'text_ft2_source_v2', isVisible: true }] },
        { scene: 'Close-up', items: [{ name: 'Pattern', kind: 'ffmpeg_source', isVisible: true }, { name: 'Face cam', kind: 'v4l2_input', isVisible: true }, { name: 'Mic', kind: 'pulse_input_capture', isVisible: true }, { name: 'Mac cam', kind: 'av_capture_input_v2', isVisible: true }] },
      ],
    };
    expect(roleCandidates(show)).toEqual(['Face cam', 'Pattern', 'Mac cam']);
    expect(roleCandidates(null)).toEqual([]);
  });
});
