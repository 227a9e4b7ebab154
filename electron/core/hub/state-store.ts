import { applyCommand, type StateCommand } from '../domain/apply-command';
import { restoreOutputState } from '../../features/output/domain/output';
import { restorePermissions } from '../../features/cohost/domain/cohost';
import { initialStudioState, type LiveState, type StudioState } from '../domain/studio-state';
import { REHEARSING, wentLive } from '../domain/show-phase';
import { readJson, writeJson, type Db } from './storage';

const STATE_KEY = 'studio_state';

/** Parts of the state a restarted hub does not take from the database (see the constructor). */
const RUNTIME_ONLY = new Set<keyof StudioState>(['version', 'obs', 'presence', 'sharing']);

/**
 * True when `next` differs from `prev` in something a restarted hub would restore. Engine reports arrive every second
 * with fresh OBS telemetry; writing the whole state for those cost every command behind them a SQLite write.
 */
export function needsSaving(prev: StudioState, next: StudioState): boolean {
  for (const key of Object.keys(next) as (keyof StudioState)[]) {
    if (RUNTIME_ONLY.has(key) || prev[key] === next[key]) continue;
    // Of the outputs only the destinations and the last show's facts are restored, not the engine's health.
    if (key === 'output' && prev.output.destinations === next.output.destinations && prev.output.show === next.output.show) continue;
    // Engine reports carry a fresh copy of the scenes even when nothing changed.
    if (key === 'scenes' && JSON.stringify(prev.scenes) === JSON.stringify(next.scenes)) continue;
    return true;
  }
  return false;
}

/**
 * The show's phase after a restart. The engine (another process) may still be sending: a show that was on air stays
 * live (see restoreOutputState); an ended show stays ended, so its report keeps its on-air window.
 */
function restoreLive(saved: Partial<StudioState>): LiveState {
  const onAir = saved.output?.show?.phase === 'live' ? saved.output.show.onAir : null;
  if (onAir) return wentLive(onAir.startedAt);
  const last = saved.live;
  return last?.endedAt != null && last.startedAt != null ? { isLive: false, startedAt: last.startedAt, endedAt: last.endedAt } : REHEARSING;
}

/** Holds the hub's studio state: applies commands, persists, and tells listeners about changes. */
export class StateStore {
  private state: StudioState;
  private readonly listeners = new Set<(state: StudioState) => void>();

  constructor(private readonly db: Db) {
    const saved = readJson<StudioState>(db, STATE_KEY);
    // OBS facts, presence and LAN sharing are only true while the hub runs: a restarted hub starts without them
    // (sharing stays off until the anchor turns it on again).
    const fresh = initialStudioState();
    this.state = saved
      ? {
          ...fresh,
          ...saved,
          obs: fresh.obs,
          presence: [],
          sharing: fresh.sharing,
          live: restoreLive(saved),
          permissions: restorePermissions(saved.permissions),
          // Fields added since the state was saved take their defaults.
          rundown: { ...fresh.rundown, ...saved.rundown },
          output: restoreOutputState(saved.output),
        }
      : fresh;
  }

  /** The current snapshot. */
  get current(): StudioState {
    return this.state;
  }

  /**
   * Applies a state command: listeners hear about it first, then what a restart would restore is written, before the
   * caller's answer. A scene switch reaches the windows without waiting on the disk; an acknowledged change is saved.
   */
  apply(command: StateCommand): { ok: true; version: number } | { ok: false; reason: string } {
    const result = applyCommand(this.state, command);
    if (!result.ok) return result;
    if (result.changed) {
      const isWorthSaving = needsSaving(this.state, result.state);
      this.state = result.state;
      for (const listener of this.listeners) listener(this.state);
      // The newest state: a listener may have applied a command of its own meanwhile.
      if (isWorthSaving) writeJson(this.db, STATE_KEY, this.state);
    }
    return { ok: true, version: this.state.version };
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  subscribe(listener: (state: StudioState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
