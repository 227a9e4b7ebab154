import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../../../electron/core/domain/apply-command';
import { sceneSwitchBlocker } from '../../../../electron/features/scenes/domain/scenes';
import { initialStudioState } from '../../../../electron/core/domain/studio-state';

describe('applyCommand', () => {
  it('renames with trimmed title and bumps the version once', () => {
    const r = applyCommand(initialStudioState(), { name: 'show.rename', payload: { title: '  茶具专场 ' } });
    expect(r).toMatchObject({ ok: true, changed: true, state: { version: 1, show: { title: '茶具专场' } } });
  });

  it('does not bump the version for a no-op', () => {
    const s = { ...initialStudioState(), show: { title: 'Same' } };
    const r = applyCommand(s, { name: 'show.rename', payload: { title: 'Same' } });
    expect(r).toMatchObject({ ok: true, changed: false, state: { version: 0 } });
  });

  it('takes engine reports, and ignores a repeat of the same report', () => {
    const report = {
      name: 'engine.report' as const,
      payload: {
        obs: { status: 'connected' as const, message: null, version: '29.0.2' },
        scenes: { names: ['Opening'], program: 'Opening', preview: null },
      },
    };
    const first = applyCommand(initialStudioState(), report);
    if (!first.ok) throw new Error('expected ok');
    expect(first.state.scenes.program).toBe('Opening');
    const second = applyCommand(first.state, report);
    expect(second).toMatchObject({ ok: true, changed: false });
  });

  it('takes a report of the on-air scenes alone, keeping the rest of the scenes; one without scenes keeps them all', () => {
    const obs = { status: 'connected' as const, message: null, version: '29.0.2' };
    const scenes = { names: ['Opening', 'Anchor'], program: 'Opening', preview: null, sources: [{ scene: 'Anchor', items: [] }] };
    const first = applyCommand(initialStudioState(), { name: 'engine.report', payload: { obs, scenes } });
    if (!first.ok) throw new Error('expected ok');
    const switched = applyCommand(first.state, { name: 'engine.report', payload: { obs, onAir: { program: 'Anchor', preview: null } } });
    if (!switched.ok) throw new Error('expected ok');
    expect(switched).toMatchObject({ changed: true, state: { version: first.state.version + 1 } });
    expect(switched.state.scenes).toEqual({ ...scenes, program: 'Anchor' });
    expect(applyCommand(switched.state, { name: 'engine.report', payload: { obs, onAir: { program: 'Anchor', preview: null } } })).toMatchObject({ changed: false });
    expect(applyCommand(switched.state, { name: 'engine.report', payload: { obs } })).toMatchObject({ changed: false });
  });

  it('keeps what the scene panel shows from an engine report: camera preset, mute state and transition', () => {
    const scenes = {
      names: ['Anchor'],
      program: 'Anchor',
      preview: null,
      sources: [{ scene: 'Anchor', cameraPreset: 'pip' as const, items: [{ name: 'Mic', kind: 'pulse_input_capture', isVisible: true, isMuted: true }] }],
      transition: { kind: 'fade' as const, durationMs: 300 },
    };
    const r = applyCommand(initialStudioState(), {
      name: 'engine.report',
      payload: { obs: { status: 'connected', message: null, version: '29.0.2' }, scenes },
    });
    if (!r.ok) throw new Error('expected ok');
    expect(r.state.scenes).toEqual(scenes);
    expect(r.state.scenes.sources![0]).not.toBe(scenes.sources[0]);
  });
});

describe('sceneSwitchBlocker', () => {
  it('explains why a switch cannot happen', () => {
    expect(sceneSwitchBlocker(false, { names: ['Opening'] }, 'Opening')).toMatch(/OBS is not connected/);
    expect(sceneSwitchBlocker(true, { names: ['Opening'] }, 'Nope')).toMatch(/no scene named "Nope".*Opening/);
    expect(sceneSwitchBlocker(true, { names: [] }, 'Nope')).toMatch(/\(none yet\)/);
    expect(sceneSwitchBlocker(true, { names: ['Opening'] }, 'Opening')).toBeNull();
  });
});
