import { afterEach, describe, expect, it } from 'vitest';
import { initialStudioState } from '../../../../electron/core/domain/studio-state';
import { ended, wentLive } from '../../../../electron/core/domain/show-phase';
import { needsSaving, StateStore } from '../../../../electron/core/hub/state-store';
import { openDatabase, readJson, type Db } from '../../../../electron/core/hub/storage';
import { makeTempDir } from '../../../helpers/temp-dir';

const scenes = { names: ['Opening', 'Anchor'], program: 'Opening', preview: null };
const report = (fps: number, program = 'Opening') => ({
  name: 'engine.report' as const,
  payload: {
    obs: { status: 'connected' as const, message: null, version: '29.0.2', health: { fps } as never },
    scenes: { ...scenes, program },
  },
});

describe('state store persistence', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0).reverse()) c();
  });
  /** A store on a database of its own, closed and removed after the test. */
  const openStore = (): { db: Db; store: StateStore } => {
    const dir = makeTempDir('anchor-state-');
    cleanups.push(dir.remove);
    const db = openDatabase(dir.path);
    cleanups.push(() => db.close());
    return { db, store: new StateStore(db) };
  };
  const savedVersion = (db: Db) => readJson<{ version: number }>(db, 'studio_state')?.version ?? null;

  it('writes show changes and scene switches, not the telemetry of every engine report; a restart restores the show', () => {
    const { db, store } = openStore();
    store.apply(report(30));
    const afterFirst = savedVersion(db);
    expect(afterFirst).toBe(store.current.version);

    // Only the frame rate moved: the state changed for clients, but nothing a restart would keep.
    store.apply(report(29));
    store.apply(report(28));
    expect(store.current.version).toBe(afterFirst! + 2);
    expect(savedVersion(db)).toBe(afterFirst);

    store.apply(report(28, 'Anchor'));
    expect(savedVersion(db)).toBe(store.current.version);
    store.apply({ name: 'show.rename', payload: { title: '秋季茶具专场' } });
    store.apply({ name: 'live.set', payload: { isLive: true, startedAt: 1, endedAt: null } });
    expect(readJson<{ show: { title: string } }>(db, 'studio_state')?.show.title).toBe('秋季茶具专场');

    const restarted = new StateStore(db);
    expect(restarted.current.show.title).toBe('秋季茶具专场');
    expect(restarted.current.scenes.program).toBe('Anchor');
    expect(restarted.current.live.isLive).toBe(false);
  });

  it('an ended show stays ended across a restart, with its on-air window (the report covers it)', () => {
    const { db, store } = openStore();
    store.apply({ name: 'live.set', payload: wentLive(1_000) });
    store.apply({ name: 'live.set', payload: ended(store.current.live, 9_000) });
    expect(new StateStore(db).current.live).toEqual({ isLive: false, startedAt: 1_000, endedAt: 9_000 });
  });

  it('tells listeners before it writes (a scene switch reaches windows without waiting on the disk); the newest state is what is saved', () => {
    const { db, store } = openStore();
    store.apply(report(30));
    const seenOnDisk: Array<number | null> = [];
    store.subscribe((state) => {
      seenOnDisk.push(savedVersion(db));
      // A listener that reacts with a command of its own (the sales feature clears rehearsal sales when the show goes live).
      if (state.scenes.program === 'Anchor' && state.show.title !== 'reacted') store.apply({ name: 'show.rename', payload: { title: 'reacted' } });
    });
    const before = savedVersion(db);
    store.apply(report(30, 'Anchor'));
    expect(seenOnDisk[0]).toBe(before);
    expect(savedVersion(db)).toBe(store.current.version);
    expect(readJson<{ show: { title: string }; scenes: { program: string } }>(db, 'studio_state')).toMatchObject({ show: { title: 'reacted' }, scenes: { program: 'Anchor' } });
  });

  it('needsSaving ignores runtime-only parts and a fresh copy of unchanged scenes', () => {
    const base = { ...initialStudioState(), scenes };
    expect(needsSaving(base, { ...base, version: 9, presence: [], obs: { status: 'connected', message: null, version: '30.0.0' } })).toBe(false);
    expect(needsSaving(base, { ...base, scenes: structuredClone(scenes) })).toBe(false);
    expect(needsSaving(base, { ...base, output: { ...base.output, engine: null } })).toBe(false);
    expect(needsSaving(base, { ...base, output: { ...base.output, destinations: [] } })).toBe(true);
    expect(needsSaving(base, { ...base, scenes: { ...scenes, program: 'Anchor' } })).toBe(true);
    expect(needsSaving(base, { ...base, rundown: { ...base.rundown, isOverlayVisible: !base.rundown.isOverlayVisible } })).toBe(true);
  });
});
