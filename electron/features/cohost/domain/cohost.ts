import type { Role } from '../../../core/domain/roles';

/** A private message from a producer to the anchor, shown until acknowledged. */
export interface Note {
  id: string;
  fromName: string;
  fromRole: Role;
  text: string;
  /** Epoch ms. */
  at: number;
}

/** One connected client, for the presence list. */
export interface PresenceEntry {
  clientId: string;
  principalId: string;
  name: string;
  role: Role;
  /** Epoch ms of the connection. */
  since: number;
}

/** Whether the hub also listens on the LAN, and where co-hosts reach it. */
export interface SharingState {
  isLanEnabled: boolean;
  /** Base URLs on the LAN while sharing is on. */
  lanUrls: string[];
}

/** What the anchor allows other roles beyond their fixed rights. */
export interface Permissions {
  producerCanSwitchScenes: boolean;
}

/** Longest note a producer can send. */
export const MAX_NOTE_LENGTH = 280;
/** Unacknowledged notes kept; the oldest drop first so a stuck anchor screen never grows without bound. */
export const MAX_OPEN_NOTES = 20;

/** Roles that may be invited as co-hosts (anchor and engine are never handed out). */
export const INVITABLE_ROLES = ['producer', 'moderator', 'viewer'] as const;

/** Commands that move the picture; producers may send them only when the anchor allows it. */
export const SCENE_CONTROL_COMMANDS: readonly string[] = [
  'scene.switch',
  'scene.preview',
  'studio-mode.set',
  'transition.set',
  'transition.trigger',
  'source.toggle',
];

/** Why the show's own rules refuse a command the role could otherwise send, or null. */
export function policyRefusal(permissions: Permissions, role: Role, command: string): string | null {
  if (role === 'producer' && SCENE_CONTROL_COMMANDS.includes(command) && !permissions.producerCanSwitchScenes) {
    return 'The anchor has not allowed producers to switch scenes. Ask the anchor to turn on "Producers may switch scenes".';
  }
  return null;
}
