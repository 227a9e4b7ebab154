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
  /** Base URLs on the LAN while sharing is on (https: the studio's own certificate). */
  lanUrls: string[];
  /**
   * SHA-256 fingerprint of that certificate while sharing is on (`AB:CD:…`): the co-host's browser warns about a
   * certificate it does not know; the fingerprint it shows must be this one. Optional: states saved before TLS lack it.
   */
  fingerprint?: string | null;
}

/** What the anchor allows other roles beyond their fixed rights. */
export interface Permissions {
  /**
   * Producers may control what goes on air: the picture (scenes, transitions, sources, camera presets), the
   * microphone, going live and ending the show. Off, a producer still runs the rundown, products, chat and sales.
   */
  producerCanControlAir: boolean;
}

/** Permissions as saved by any version of the studio (earlier ones only knew scene switching). */
export function restorePermissions(saved: unknown): Permissions {
  const old = (saved ?? {}) as { producerCanControlAir?: unknown; producerCanSwitchScenes?: unknown };
  return { producerCanControlAir: old.producerCanControlAir === true || old.producerCanSwitchScenes === true };
}

/** Longest note a producer can send. */
export const MAX_NOTE_LENGTH = 280;
/** Unacknowledged notes kept; the oldest drop first so a stuck anchor screen never grows without bound. */
export const MAX_OPEN_NOTES = 20;

/** Roles that may be invited as co-hosts (anchor and engine are never handed out). */
export const INVITABLE_ROLES = ['producer', 'moderator', 'viewer'] as const;

/**
 * Commands that change what goes on air; producers may send them only when the anchor allows it. One permission for
 * all of them: a producer who may switch the scene but not end the show (or the reverse) is a trap, not a policy.
 */
export const AIR_CONTROL_COMMANDS: readonly string[] = [
  'scene.switch',
  'scene.preview',
  'studio-mode.set',
  'transition.set',
  'transition.trigger',
  'source.toggle',
  'camera.preset',
  'audio.mute',
  'show.goLive',
  'show.end',
  'destination.enable',
  'destination.reconnect',
  'virtualcam.start',
  'virtualcam.stop',
];

/** Refusals of the co-hosting rules a window says in its own language. */
export type CohostRefusalKey = 'producerAirControlOff';

/** Why the show's own rules refuse a command the role could otherwise send, or null. */
export function policyRefusal(permissions: Permissions, role: Role, command: string): { message: string; key: CohostRefusalKey } | null {
  if (role === 'producer' && AIR_CONTROL_COMMANDS.includes(command) && !permissions.producerCanControlAir) {
    return {
      key: 'producerAirControlOff',
      message: 'The anchor has not allowed producers to control the air (scenes, cameras, microphone, going live, ending the show). Ask the anchor to turn on "Producers may control the air".',
    };
  }
  return null;
}
