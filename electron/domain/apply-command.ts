import type { ObsState, ScenesState, StudioState } from './studio-state';

/** A command the hub applies to its own state (already validated against the protocol). */
export type StateCommand =
  | { name: 'show.rename'; payload: { title: string } }
  | { name: 'engine.report'; payload: { obs: ObsState; scenes?: ScenesState } };

/** The outcome of applying a command: the next state, or why the command cannot apply. */
export type ApplyResult = { ok: true; state: StudioState; changed: boolean } | { ok: false; reason: string };

/** Pure update of the studio state by one command; bumps the version only when something changed. */
export function applyCommand(state: StudioState, command: StateCommand): ApplyResult {
  switch (command.name) {
    case 'show.rename': {
      const title = command.payload.title.trim();
      if (title === state.show.title) return unchanged(state);
      return changed({ ...state, show: { ...state.show, title } });
    }
    case 'engine.report': {
      const { obs, scenes } = command.payload;
      const next: StudioState = { ...state, obs: { ...obs }, scenes: scenes ? cloneScenes(scenes) : state.scenes };
      if (JSON.stringify(next) === JSON.stringify(state)) return unchanged(state);
      return changed(next);
    }
  }
}

function cloneScenes(scenes: ScenesState): ScenesState {
  return { names: [...scenes.names], program: scenes.program, preview: scenes.preview };
}

function unchanged(state: StudioState): ApplyResult {
  return { ok: true, state, changed: false };
}

function changed(state: StudioState): ApplyResult {
  return { ok: true, state: { ...state, version: state.version + 1 }, changed: true };
}
