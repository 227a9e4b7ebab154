import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../../../electron/core/domain/apply-command';
import { applyStatePatch, diffState } from '../../../../electron/core/domain/state-patch';
import { initialStudioState, type StudioState } from '../../../../electron/core/domain/studio-state';
import { createAppStore } from '../../../../renderer/src/store/studio-store';

const apply = (state: StudioState, command: Parameters<typeof applyCommand>[1]) => {
  const result = applyCommand(state, command);
  if (!result.ok) throw new Error(result.reason);
  return result.state;
};

const report = (program: string) => ({
  name: 'engine.report' as const,
  payload: { obs: { status: 'connected' as const, message: null, version: '29.0.2' }, scenes: { names: ['A', 'B'], program, preview: null } },
});

describe('state patches: windows get what changed', () => {
  it('a patch holds only the parts that changed, and applying it gives the same state', () => {
    const before = apply(initialStudioState(), report('A'));
    const after = apply(before, { name: 'show.rename', payload: { title: 'Tea night' } });
    const patch = diffState(before, after);
    expect(Object.keys(patch.changes).sort()).toEqual(['revision', 'show']);
    expect(applyStatePatch(before, patch)).toEqual(after);
  });

  it('an engine report that repeats OBS keeps every part as it was: nothing to send', () => {
    const before = apply(initialStudioState(), report('A'));
    const result = applyCommand(before, report('A'));
    expect(result.ok && result.changed).toBe(false);
    const switched = apply(before, report('B'));
    expect(switched.obs).toBe(before.obs);
    expect(Object.keys(diffState(before, switched).changes)).toEqual(['scenes']);
  });

  it('a patch that does not start from the state held (one was missed) is refused: the window asks for the whole state', () => {
    const a = apply(initialStudioState(), report('A'));
    const b = apply(a, report('B'));
    const c = apply(b, report('A'));
    expect(applyStatePatch(a, diffState(b, c))).toBeNull();
  });

  it('the window store applies patches in order and says when it needs the whole state', () => {
    const store = createAppStore({ storage: { getItem: () => null, setItem: () => {}, removeItem: () => {} }, browserLanguages: ['en'] });
    const a = apply(initialStudioState(), report('A'));
    const b = apply(a, report('B'));
    const c = apply(b, { name: 'show.rename', payload: { title: 'x' } });
    expect(store.getState().onPatch(diffState(a, b))).toBe(false); // nothing held yet
    store.getState().onSnapshot(a);
    expect(store.getState().onPatch(diffState(a, b))).toBe(true);
    expect(store.getState().studio?.scenes.program).toBe('B');
    const sceneDesk = store.getState().studio!.scenes;
    expect(store.getState().onPatch(diffState(b, c))).toBe(true);
    // Unchanged parts keep their objects: a scene desk selecting them does not re-render for a title change.
    expect(store.getState().studio!.scenes).toBe(sceneDesk);
    expect(store.getState().onPatch(diffState(a, b))).toBe(false);
  });
});
