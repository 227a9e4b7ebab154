import { applyCommand, type StateCommand } from '../domain/apply-command';
import { restoreOutputState } from '../domain/output';
import { initialStudioState, type StudioState } from '../domain/studio-state';
import { readJson, writeJson, type Db } from './storage';

const STATE_KEY = 'studio_state';

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
          // Outputs die with the studio process: a restarted hub is off air until someone goes live again.
          live: fresh.live,
          output: restoreOutputState(saved.output),
        }
      : fresh;
  }

  /** The current snapshot. */
  get current(): StudioState {
    return this.state;
  }

  /** Applies a state command; persists before listeners hear about it. */
  apply(command: StateCommand): { ok: true; version: number } | { ok: false; reason: string } {
    const result = applyCommand(this.state, command);
    if (!result.ok) return result;
    if (result.changed) {
      writeJson(this.db, STATE_KEY, result.state);
      this.state = result.state;
      for (const listener of this.listeners) listener(this.state);
    }
    return { ok: true, version: this.state.version };
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  subscribe(listener: (state: StudioState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
