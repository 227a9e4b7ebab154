/** Every role a studio client can hold; a token maps to exactly one. */
export const ROLES = ['anchor', 'producer', 'moderator', 'viewer', 'engine'] as const;

/** A client's role: decides which commands the hub accepts from it. */
export type Role = (typeof ROLES)[number];

/** True when the value names a known role. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
