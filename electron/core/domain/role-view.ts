import type { Role } from './roles';
import type { StatePatch } from './state-patch';
import type { StudioState } from './studio-state';

type Redactions = { [K in keyof StudioState]?: (part: StudioState[K]) => StudioState[K] };

const NO_LAN_ADDRESSES: Redactions['sharing'] = (sharing) => ({ ...sharing, lanUrls: [] });

/** The run of show without what is said and noted behind the scenes: the cues' scripts and producer notes. */
const NO_TALKING_POINTS: Redactions['rundown'] = (rundown) => ({
  ...rundown,
  cues: rundown.cues.map(({ script: _script, note: _note, ...cue }) => cue),
});

/**
 * Output without where the picture goes and where it is kept: the destinations' servers (keys reach no window at all)
 * and the backup file's path on the anchor's computer. Names, platforms and health stay: a moderator sees what is up.
 */
const NO_OUTPUT_ADDRESSES: Redactions['output'] = (output) => ({
  ...output,
  destinations: output.destinations.map((d) => ({ ...d, server: '' })),
  show: { ...output.show, backupFile: null },
});

/**
 * What a role does not read of the studio state; every other part is the same for all. Producer notes, the cues'
 * scripts and notes, the LAN and stream addresses and the backup's path are for those who run the show (the anchor and
 * producers); who is connected is not a viewer's business either (a viewer token goes to screens and brand guests).
 */
const REDACTIONS: Partial<Record<Role, Redactions>> = {
  moderator: { notes: () => [], sharing: NO_LAN_ADDRESSES, rundown: NO_TALKING_POINTS, output: NO_OUTPUT_ADDRESSES },
  viewer: { notes: () => [], presence: () => [], sharing: NO_LAN_ADDRESSES, rundown: NO_TALKING_POINTS, output: NO_OUTPUT_ADDRESSES },
};

/** Roles grouped by what they read of the state: one patch is built and sent per group. */
export const STATE_VIEW_GROUPS: readonly (readonly Exclude<Role, 'engine'>[])[] = [['anchor', 'producer'], ['moderator'], ['viewer']];

function redact(role: Role, parts: Partial<StudioState>): Partial<StudioState> {
  const rules = REDACTIONS[role];
  if (!rules) return parts;
  const out: Record<string, unknown> = { ...parts };
  for (const key of Object.keys(rules) as Array<keyof StudioState>) {
    const rule = rules[key] as ((part: unknown) => unknown) | undefined;
    if (rule && key in parts) out[key] = rule(parts[key]);
  }
  return out as Partial<StudioState>;
}

/** The studio state as `role` reads it. */
export function stateForRole(role: Role, state: StudioState): StudioState {
  return REDACTIONS[role] ? (redact(role, state) as StudioState) : state;
}

/** A state patch as `role` reads it (the same versions, so the role's window applies patches in order as usual). */
export function patchForRole(role: Role, patch: StatePatch): StatePatch {
  return REDACTIONS[role] ? { ...patch, changes: redact(role, patch.changes) } : patch;
}
