/** Who uses the agency console: the admin (everything), producers (every room, notes), brand viewers (their brand). */
export const CONSOLE_ROLES = ['admin', 'producer', 'brand'] as const;

/** A console user's role. */
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];

/** A credential's role: a console user's, or a studio link's. */
export type TokenRole = ConsoleRole | 'studio';

/** What a console user may do besides looking at the rooms they may see. */
export const CONSOLE_POWERS: Readonly<Record<ConsoleRole, { manage: boolean; sendNotes: boolean; allRooms: boolean }>> = {
  admin: { manage: true, sendNotes: true, allRooms: true },
  producer: { manage: false, sendNotes: true, allRooms: true },
  brand: { manage: false, sendNotes: false, allRooms: false },
};
