import { MAX_OPEN_NOTES, PRODUCER_POWERS, type Note, type Permissions, type PresenceEntry, type SharingState } from '../../features/cohost/domain/cohost';
import type { EngineOutputState, OutputState } from '../../features/output/domain/output';
import type { RundownState } from '../../features/rundown/domain/rundown';
import type { LiveState, ObsState, StudioState } from './studio-state';
import type { OnAirScenes, ScenesState } from '../../features/scenes/domain/scenes';

/** A command the hub applies to its own state (validated protocol commands, and the hub's own bookkeeping). */
export type StateCommand =
  | { name: 'show.rename'; payload: { title: string } }
  | { name: 'engine.report'; payload: { obs: ObsState; scenes?: ScenesState; onAir?: OnAirScenes; output?: EngineOutputState | null } }
  | { name: 'output.set'; payload: Partial<Omit<OutputState, 'engine'>> }
  | { name: 'live.set'; payload: LiveState }
  | { name: 'permissions.set'; payload: { producerPowers: Partial<Permissions['producerPowers']> } }
  | { name: 'note.add'; payload: Note }
  | { name: 'note.ack'; payload: { id: string } }
  | { name: 'presence.set'; payload: { presence: PresenceEntry[] } }
  | { name: 'sharing.update'; payload: SharingState }
  /** The run-of-show feature computes the next rundown with the pure functions of domain/rundown and sets it whole. */
  | { name: 'rundown.set'; payload: RundownState };

/** Changes people make to the show; everything else (telemetry, presence) leaves the revision alone. */
const SHOW_EDITS = new Set<StateCommand['name']>(['show.rename', 'permissions.set', 'note.add', 'note.ack', 'rundown.set']);

/** The outcome of applying a command: the next state, or why the command cannot apply. */
export type ApplyResult = { ok: true; state: StudioState; changed: boolean } | { ok: false; reason: string };

/** The scenes with another program or preview (the same object when neither moved). */
function withOnAir(scenes: ScenesState, onAir: OnAirScenes): ScenesState {
  return onAir.program === scenes.program && onAir.preview === scenes.preview ? scenes : { ...scenes, program: onAir.program, preview: onAir.preview };
}

/** Pure update of the studio state by one command; bumps the version (and for show edits the revision) only on change. */
export function applyCommand(state: StudioState, command: StateCommand): ApplyResult {
  const result = applyOne(state, command);
  if (!result.ok || !result.changed || !SHOW_EDITS.has(command.name)) return result;
  return { ...result, state: { ...result.state, revision: state.revision + 1 } };
}

function applyOne(state: StudioState, command: StateCommand): ApplyResult {
  switch (command.name) {
    case 'show.rename': {
      const title = command.payload.title.trim();
      if (title === state.show.title) return unchanged(state);
      return changed({ ...state, show: { ...state.show, title } });
    }
    case 'engine.report': {
      // Each part keeps its old object when the report repeats it: windows then get only what changed. Scenes come
      // whole, or as the on-air pair alone after a switch, or not at all when they did not change.
      const { obs, scenes, onAir, output } = command.payload;
      const nextObs = isSame(obs, state.obs) ? state.obs : { ...obs };
      const nextScenes = scenes ? (isSame(scenes, state.scenes) ? state.scenes : cloneScenes(scenes)) : onAir ? withOnAir(state.scenes, onAir) : state.scenes;
      const engine =
        output === undefined ? state.output.engine : output === null ? null : isSame(output, state.output.engine) ? state.output.engine : structuredClone(output);
      const nextOutput = engine === state.output.engine ? state.output : { ...state.output, engine };
      if (nextObs === state.obs && nextScenes === state.scenes && nextOutput === state.output) return unchanged(state);
      return changed({ ...state, obs: nextObs, scenes: nextScenes, output: nextOutput });
    }
    case 'permissions.set': {
      const producerPowers = { ...state.permissions.producerPowers, ...command.payload.producerPowers };
      if (PRODUCER_POWERS.every((p) => producerPowers[p] === state.permissions.producerPowers[p])) return unchanged(state);
      return changed({ ...state, permissions: { producerPowers } });
    }
    case 'note.add':
      return changed({ ...state, notes: [...state.notes, command.payload].slice(-MAX_OPEN_NOTES) });
    case 'note.ack': {
      if (!state.notes.some((n) => n.id === command.payload.id)) {
        return { ok: false, reason: 'That note is already acknowledged or does not exist.' };
      }
      return changed({ ...state, notes: state.notes.filter((n) => n.id !== command.payload.id) });
    }
    case 'output.set': {
      const next: OutputState = { ...state.output, ...structuredClone(command.payload) };
      if (JSON.stringify(next) === JSON.stringify(state.output)) return unchanged(state);
      return changed({ ...state, output: next });
    }
    case 'live.set': {
      const { isLive, startedAt, endedAt } = command.payload;
      if (state.live.isLive === isLive && state.live.startedAt === startedAt && state.live.endedAt === endedAt) return unchanged(state);
      return changed({ ...state, live: { ...command.payload } });
    }
    case 'presence.set':
      return changed({ ...state, presence: command.payload.presence.map((p) => ({ ...p })) });
    case 'sharing.update':
      return changed({ ...state, sharing: { isLanEnabled: command.payload.isLanEnabled, lanUrls: [...command.payload.lanUrls], fingerprint: command.payload.fingerprint ?? null } });
    case 'rundown.set':
      if (JSON.stringify(command.payload) === JSON.stringify(state.rundown)) return unchanged(state);
      return changed({ ...state, rundown: command.payload });
  }
}

function isSame<T>(a: T, b: T): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function cloneScenes(scenes: ScenesState): ScenesState {
  const copy: ScenesState = { names: [...scenes.names], program: scenes.program, preview: scenes.preview };
  if (scenes.sources) copy.sources = scenes.sources.map((s) => ({ ...s, items: s.items.map((i) => ({ ...i })) }));
  if (scenes.transition) copy.transition = { ...scenes.transition };
  if (scenes.cameraRoles) copy.cameraRoles = { ...scenes.cameraRoles };
  return copy;
}

function unchanged(state: StudioState): ApplyResult {
  return { ok: true, state, changed: false };
}

function changed(state: StudioState): ApplyResult {
  return { ok: true, state: { ...state, version: state.version + 1 }, changed: true };
}
