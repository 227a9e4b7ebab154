import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT } from '../../../../renderer/src/store/panel-layout';
import { initialStudioState, type ObsStatus, type StudioState } from '../../../../electron/core/domain/studio-state';
import { diffState } from '../../../../electron/core/domain/state-patch';
import { initialConnection, reduceConnection } from '../../../../renderer/src/store/connection';
import { acceptSnapshot } from '../../../../renderer/src/store/snapshot';
import { createAppStore } from '../../../../renderer/src/store/studio-store';

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
    data,
  };
}

describe('reduceConnection', () => {
  it('tells a refusal after a working connection from a bad invite', () => {
    expect(reduceConnection(initialConnection, { type: 'refused' })).toMatchObject({ status: 'unauthorized', wasConnected: false });
    let s = reduceConnection(initialConnection, { type: 'connected' });
    s = reduceConnection(s, { type: 'dropped' });
    s = reduceConnection(s, { type: 'refused' });
    expect(s).toMatchObject({ status: 'unauthorized', wasConnected: true });
  });

  it('walks connecting -> connected -> reconnecting (counting attempts) -> connected', () => {
    let s = reduceConnection(initialConnection, { type: 'connected' });
    expect(s.status).toBe('connected');
    s = reduceConnection(s, { type: 'dropped' });
    s = reduceConnection(s, { type: 'retrying', attempt: 3 });
    expect(s).toMatchObject({ status: 'reconnecting', attempt: 3 });
    s = reduceConnection(s, { type: 'connected' });
    expect(s).toMatchObject({ status: 'connected', attempt: 0 });
  });

  it('keeps a refused token final: later events do not bring back "connected"', () => {
    let s = reduceConnection(initialConnection, { type: 'refused' });
    s = reduceConnection(s, { type: 'connected' });
    expect(s.status).toBe('unauthorized');
  });

  it('records role, the commands the role may send and hub clock offset from hello', () => {
    expect(initialConnection.commands.size).toBe(0);
    const s = reduceConnection(initialConnection, { type: 'hello', role: 'producer', commands: ['scene.switch', 'cue.next'], serverTime: 10_500, localTime: 10_000 });
    expect(s).toMatchObject({ role: 'producer', clockOffsetMs: 500 });
    expect([...s.commands]).toEqual(['scene.switch', 'cue.next']);
    expect(s.commands.has('invite.create')).toBe(false);
  });
});

describe('acceptSnapshot', () => {
  const v = (version: number) => ({ ...initialStudioState(), version });
  it('drops an older snapshot during a connection', () => {
    expect(acceptSnapshot(v(5), v(4), false).version).toBe(5);
    expect(acceptSnapshot(v(5), v(6), false).version).toBe(6);
  });
  it('takes the first snapshot after a (re)connect even when older (restored hub)', () => {
    expect(acceptSnapshot(v(5), v(2), true).version).toBe(2);
  });
});

describe('createAppStore', () => {
  it('starts in Chinese for a Chinese browser and English otherwise', () => {
    expect(createAppStore({ storage: memoryStorage(), browserLanguages: ['zh-CN', 'en'] }).getState().language).toBe('zh-CN');
    expect(createAppStore({ storage: memoryStorage(), browserLanguages: ['de-DE'] }).getState().language).toBe('en');
  });

  it('persists the language, the panel layout and the closed setup checklist, and nothing else (not the volatile thumbnails)', () => {
    const storage = memoryStorage();
    const a = createAppStore({ storage, browserLanguages: ['en'] });
    a.getState().setLanguage('zh-CN');
    const layout = { ...DEFAULT_LAYOUT, collapsed: ['scenes' as const], enlarged: 'cues' as const };
    a.getState().setLayout(layout);
    a.getState().dismissSetup();
    a.getState().onSnapshot({ ...initialStudioState(), version: 3 });
    a.getState().onThumbnails({ at: 1, images: { Opening: 'data:image/jpeg;base64,AAAA' } });
    expect(a.getState().thumbnails.images.Opening).toBe('data:image/jpeg;base64,AAAA');
    const saved = JSON.parse(storage.data.get('anchor-studio.settings')!);
    expect(saved.state).toEqual({ language: 'zh-CN', layout, isSetupDismissed: true });
    const b = createAppStore({ storage, browserLanguages: ['en'] });
    expect(b.getState().language).toBe('zh-CN');
    expect(b.getState().layout).toEqual(layout);
    expect(b.getState().isSetupDismissed).toBe(true);
  });

  it('ignores a corrupt saved language', () => {
    const storage = memoryStorage();
    storage.setItem('anchor-studio.settings', JSON.stringify({ state: { language: 'klingon' }, version: 0 }));
    expect(createAppStore({ storage, browserLanguages: ['en'] }).getState().language).toBe('en');
  });

  it('resyncs on every connect: the first snapshot after "connected" replaces a newer one', () => {
    const store = createAppStore({ storage: memoryStorage(), browserLanguages: ['en'] });
    const { onConnection, onSnapshot } = store.getState();
    onConnection({ type: 'connected' });
    onSnapshot({ ...initialStudioState(), version: 9 });
    onSnapshot({ ...initialStudioState(), version: 8 });
    expect(store.getState().studio?.version).toBe(9);
    onConnection({ type: 'dropped' });
    onConnection({ type: 'connected' });
    onSnapshot({ ...initialStudioState(), version: 1 });
    expect(store.getState().studio?.version).toBe(1);
  });
});

describe('the OBS banner in the store', () => {
  const withObs = (base: StudioState, status: ObsStatus, message: string | null, revision: number): StudioState => ({ ...base, revision, obs: { ...base.obs, status, message } });

  it('follows every status the hub sends, even when several arrive before the window paints: the engine\'s return is told', () => {
    const store = createAppStore({ storage: memoryStorage() });
    const connected = withObs(initialStudioState(), 'connected', null, 1);
    store.getState().onSnapshot(connected);
    expect(store.getState().banner.kind).toBeNull();
    // The engine crashed and came back: three patches in a row, nothing rendered in between.
    let last = connected;
    const kinds: Array<string | null> = [];
    for (const [status, message] of [['engine-restarting', 'The video engine stopped'], ['starting', 'Attaching'], ['connected', null]] as const) {
      const next = withObs(last, status, message, last.revision + 1);
      expect(store.getState().onPatch(diffState(last, next))).toBe(true);
      kinds.push(store.getState().banner.kind);
      last = next;
    }
    expect(kinds).toEqual(['engine', 'engine', 'engine-recovered']);
    store.getState().dismissBanner();
    expect(store.getState().banner.kind).toBeNull();
  });

  it('a reconnecting OBS, then back: "recovered"; a patch that leaves OBS alone changes nothing', () => {
    const store = createAppStore({ storage: memoryStorage() });
    const connected = withObs(initialStudioState(), 'connected', null, 1);
    store.getState().onSnapshot(connected);
    const down = withObs(connected, 'reconnecting', 'OBS stopped', 2);
    store.getState().onPatch(diffState(connected, down));
    const before = store.getState().banner;
    const unrelated = { ...down, revision: 3, show: { title: 'Spring tea' } };
    store.getState().onPatch(diffState(down, unrelated));
    expect(store.getState().banner).toBe(before);
    store.getState().onPatch(diffState(unrelated, withObs(unrelated, 'connected', null, 4)));
    expect(store.getState().banner.kind).toBe('recovered');
  });
});
