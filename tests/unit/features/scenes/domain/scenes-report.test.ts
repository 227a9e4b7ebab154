import { describe, expect, it } from 'vitest';
import { scenesReport, type ScenesState } from '../../../../../electron/features/scenes/domain/scenes';

const scenes: ScenesState = {
  names: ['Opening', 'Anchor'],
  program: 'Opening',
  preview: null,
  sources: [{ scene: 'Anchor', items: [{ name: 'Camera', kind: 'v4l2_input', isVisible: true }] }],
  transition: { kind: 'cut', durationMs: 0 },
};

describe('what an engine report says about the scenes', () => {
  it('everything when the hub was sent nothing yet (a first report, or after a reconnect)', () => {
    expect(scenesReport(null, scenes)).toEqual({ scenes });
  });

  it('nothing when they did not change', () => {
    expect(scenesReport(scenes, structuredClone(scenes))).toEqual({});
  });

  it('only the program and preview after a switch or a take', () => {
    expect(scenesReport(scenes, { ...scenes, program: 'Anchor' })).toEqual({ onAir: { program: 'Anchor', preview: null } });
    expect(scenesReport(scenes, { ...scenes, preview: 'Anchor' })).toEqual({ onAir: { program: 'Opening', preview: 'Anchor' } });
  });

  it('everything when anything else changed, with or without a switch', () => {
    const hidden = structuredClone(scenes);
    hidden.sources![0]!.items[0]!.isVisible = false;
    expect(scenesReport(scenes, hidden)).toEqual({ scenes: hidden });
    const renamed = { ...scenes, names: ['Opening', 'Host'], program: 'Host' };
    expect(scenesReport(scenes, renamed)).toEqual({ scenes: renamed });
    const fade = { ...scenes, program: 'Anchor', transition: { kind: 'fade' as const, durationMs: 300 } };
    expect(scenesReport(scenes, fade)).toEqual({ scenes: fade });
  });
});
