import type { Role } from './roles';
import type { StatePatch } from './state-patch';
import type { StudioState } from './studio-state';

type Redactions = { [K in keyof StudioState]?: (part: StudioState[K]) => StudioState[K] };

const NO_LAN_ADDRESSES: Redactions['sharing'] = (sharing) => ({ ...sharing, lanUrls: [] });

/**
 * What a role does not read of the studio state; every other part is the same for all. Producer notes are for the
 * anchor (and the producers who write them); the studio's LAN addresses are for those who run it; who is connected is
 * not a viewer's business (a viewer token goes to screens and brand guests).
 */
const REDACTIONS: Partial<Record<Role, Redactions>> = {
  moderator: { notes: () => [], sharing: NO_LAN_ADDRESSES },
  viewer: { notes: () => [], presence: () => [], sharing: NO_LAN_ADDRESSES },
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
