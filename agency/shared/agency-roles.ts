/** Who uses the agency console: the admin (everything), producers (every room, notes), brand viewers (their brand). */
export const CONSOLE_ROLES = ['admin', 'producer', 'brand'] as const;

/** A console user's role. */
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];

/** A credential's role: a console user's, or a studio link's. */
export type TokenRole = ConsoleRole | 'studio';

/**
 * What a console user may do besides looking at the rooms they may see: `manage` rooms and credentials; `steer` a
 * room (notes to its anchor, and producer commands where its anchor allowed them, checked again by the studio).
 */
export const CONSOLE_POWERS: Readonly<Record<ConsoleRole, { manage: boolean; steer: boolean; allRooms: boolean }>> = {
  admin: { manage: true, steer: true, allRooms: true },
  producer: { manage: false, steer: true, allRooms: true },
  brand: { manage: false, steer: false, allRooms: false },
};
