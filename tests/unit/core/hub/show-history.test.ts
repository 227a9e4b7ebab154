import { afterEach, describe, expect, it, vi } from 'vitest';
import { reportTimeline, SHOW_HISTORY_MIGRATIONS, ShowHistory, type ShowHistoryOptions } from '../../../../electron/core/hub/show-history';
import { openDatabase, type Db } from '../../../../electron/core/hub/storage';
import { makeTempDir } from '../../../helpers/temp-dir';

const T0 = Date.UTC(2025, 4, 1, 12, 0);
const min = (n: number) => T0 + n * 60_000;

describe('show history (scenes and chat volume in SQLite)', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0).reverse()) c();
  });
  const dir = () => {
    const d = makeTempDir('anchor-history-');
    cleanups.push(d.remove);
    return d.path;
  };
  /** Opens the history over a studio db in `path`; closing it checkpoints like the hub does. */
  const open = (path: string, options: ShowHistoryOptions = {}): { db: Db; history: ShowHistory; close(): void } => {
    const db = openDatabase(path, { migrations: SHOW_HISTORY_MIGRATIONS });
    const history = new ShowHistory(db, { flushIntervalMs: 60_000, ...options });
    let isOpen = true;
    const close = () => {
      if (!isOpen) return;
      isOpen = false;
      history.close();
      db.close();
    };
    cleanups.push(close);
    return { db, history, close };
  };
  const rows = (db: Db) => db.prepare('SELECT minute, kind, count FROM show_chat_minutes ORDER BY minute, kind').all();

  it('records a program scene only when it changes, and remembers the last one across a reopen', () => {
    const path = dir();
    const first = open(path);
    expect(first.history.recordProgram('Opening', min(0))).toEqual({ at: min(0), scene: 'Opening' });
    for (let i = 1; i < 30; i++) expect(first.history.recordProgram('Opening', min(0) + i * 1000)).toBeNull();
    expect(first.history.recordProgram(null, min(1))).toBeNull();
    first.history.recordProgram('Product', min(2));
    first.close();

    const second = open(path);
    // The engine reports the same scene again after a restart: not a change.
    expect(second.history.recordProgram('Product', min(3))).toBeNull();
    second.history.recordProgram('Anchor', min(4));
    expect(second.history.sceneChanges(min(0), min(10))).toEqual([
      { at: min(0), scene: 'Opening' },
      { at: min(2), scene: 'Product' },
      { at: min(4), scene: 'Anchor' },
    ]);
    // A window that opens mid-show starts with the scene live at its start.
    expect(second.history.sceneChanges(min(3), min(10))).toEqual([
      { at: min(2), scene: 'Product' },
      { at: min(4), scene: 'Anchor' },
    ]);
    expect(second.history.sceneSpan()).toEqual({ first: min(0), last: min(4) });
  });

  it('counts chat in memory, writes it on flush as one row per minute and kind, and adds to it after a reopen', () => {
    const path = dir();
    const first = open(path);
    for (let i = 0; i < 1000; i++) first.history.countChat(min(0) + (i % 60) * 1000, { comment: 1 });
    first.history.countChat(min(0) + 59_999, { like: 40, gift: 2 });
    first.history.countChat(min(1), { comment: 3 });
    expect(rows(first.db)).toEqual([]); // nothing written per message
    first.close(); // close flushes

    const second = open(path);
    expect(rows(second.db)).toEqual([
      { minute: min(0), kind: 'comment', count: 1000 },
      { minute: min(0), kind: 'gift', count: 2 },
      { minute: min(0), kind: 'like', count: 40 },
      { minute: min(1), kind: 'comment', count: 3 },
    ]);
    second.history.countChat(min(1) + 10_000, { comment: 2, follow: 1 });
    expect(second.history.chatMinutes(min(1), min(2))).toEqual([
      { minute: min(1), kind: 'comment', count: 5 },
      { minute: min(1), kind: 'follow', count: 1 },
    ]);
    expect(second.history.chatSpan()).toEqual({ first: min(0), last: min(1) });
  });

  it('flushes on its timer without anyone reading', () => {
    // The flush interval is the clock under test: fake timers step it exactly, without waiting on the wall clock.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const { db, history } = open(dir(), { flushIntervalMs: 1000 });
      history.countChat(min(0), { comment: 4 });
      vi.advanceTimersByTime(999);
      expect(rows(db)).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(rows(db)).toEqual([{ minute: min(0), kind: 'comment', count: 4 }]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stays bounded: the oldest scene changes and chat minutes beyond the kept history go', () => {
    const { db, history } = open(dir(), { maxSceneChanges: 5, chatHistoryMinutes: 10 });
    for (let i = 0; i < 12; i++) history.recordProgram(`S${i}`, min(i));
    expect((db.prepare('SELECT scene FROM show_scene_changes ORDER BY id').all() as { scene: string }[]).map((r) => r.scene)).toEqual([
      'S7',
      'S8',
      'S9',
      'S10',
      'S11',
    ]);
    for (let i = 0; i < 30; i++) history.countChat(min(i), { comment: 1 });
    history.flush();
    expect(history.chatSpan()).toEqual({ first: min(20), last: min(29) });
  });

  it('feeds the report: the window spans sales, cues and chat, with the scene live at its start', () => {
    const { history } = open(dir());
    history.recordProgram('Pre-show', min(-120));
    history.recordProgram('Anchor', min(2) + 30_000);
    history.countChat(min(1), { comment: 6 });
    history.countChat(min(4), { like: 2 });
    const timeline = reportTimeline(history, { [String(min(3))]: { placed: 1, orders: 1, paid: 100, refunded: 0, units: 1, gmv: 100 } }, [{ cueId: 'tea', label: 'Tea', startedAt: min(0) }])!;
    expect({ from: timeline.from, to: timeline.to }).toEqual({ from: min(0), to: min(5) });
    expect(timeline.minutes.map((m) => [m.messages, m.orders])).toEqual([
      [0, 0],
      [6, 0],
      [0, 0],
      [0, 1],
      [2, 0],
    ]);
    expect(timeline.scenes.map((b) => [b.key, b.from, b.to])).toEqual([
      ['Pre-show', min(0), min(2) + 30_000],
      ['Anchor', min(2) + 30_000, min(5)],
    ]);
    expect(timeline.chatByKind).toEqual({ comment: 6, like: 2 });
  });
});
