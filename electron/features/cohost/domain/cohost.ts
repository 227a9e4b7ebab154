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

/**
 * The air powers the anchor may grant producers, each on its own and off by default: the picture (scenes,
 * transitions, sources), the cameras (presets), the microphones, going live and ending the show, the destinations
 * (and the virtual camera). Without them a producer still runs the rundown, products, chat and sales.
 */
export const PRODUCER_POWERS = ['scenes', 'cameras', 'mics', 'goLive', 'destinations'] as const;

/** One air power a producer may be granted. */
export type ProducerPower = (typeof PRODUCER_POWERS)[number];

/** What the anchor allows other roles beyond their fixed rights. */
export interface Permissions {
  /** The air powers producers have (each false until the anchor grants it). */
  producerPowers: Record<ProducerPower, boolean>;
}

/** A record with a value for every producer power. */
export function powersWith<T>(valueOf: (power: ProducerPower) => T): Record<ProducerPower, T> {
  return Object.fromEntries(PRODUCER_POWERS.map((p) => [p, valueOf(p)])) as Record<ProducerPower, T>;
}

/** Every power set to one value (what the single "control the air" switch of earlier versions meant). */
export function allPowers(isGranted: boolean): Record<ProducerPower, boolean> {
  return powersWith(() => isGranted);
}

/** Permissions as saved by any version of the studio (earlier ones had one switch for all, or scene switching only). */
export function restorePermissions(saved: unknown): Permissions {
  const old = (saved ?? {}) as { producerPowers?: Partial<Record<ProducerPower, unknown>>; producerCanControlAir?: unknown; producerCanSwitchScenes?: unknown };
  if (old.producerPowers && typeof old.producerPowers === 'object') {
    const powers = old.producerPowers;
    return { producerPowers: powersWith((p) => powers[p] === true) };
  }
  return { producerPowers: allPowers(old.producerCanControlAir === true || old.producerCanSwitchScenes === true) };
}

/** Longest note a producer can send. */
export const MAX_NOTE_LENGTH = 280;
/** Unacknowledged notes kept; the oldest drop first so a stuck anchor screen never grows without bound. */
export const MAX_OPEN_NOTES = 20;

/** Roles that may be invited as co-hosts (anchor and engine are never handed out). */
export const INVITABLE_ROLES = ['producer', 'moderator', 'viewer'] as const;

/** Commands that change what goes on air, by the power a producer needs to send them. */
export const AIR_CONTROL_COMMANDS: Readonly<Record<ProducerPower, readonly string[]>> = {
  scenes: ['scene.switch', 'scene.preview', 'studio-mode.set', 'transition.set', 'transition.trigger', 'source.toggle'],
  cameras: ['camera.preset'],
  mics: ['audio.mute'],
  goLive: ['show.goLive', 'show.end'],
  destinations: ['destination.enable', 'destination.reconnect', 'virtualcam.start', 'virtualcam.stop'],
};

/** The power a command needs from a producer, or null when it needs none. */
export function powerFor(command: string): ProducerPower | null {
  return PRODUCER_POWERS.find((p) => AIR_CONTROL_COMMANDS[p].includes(command)) ?? null;
}

/** Each power in words, for the English refusal. */
const POWER_WORDS: Readonly<Record<ProducerPower, string>> = {
  scenes: 'switch scenes and sources',
  cameras: 'move the cameras',
  mics: 'mute or unmute the microphones',
  goLive: 'go live or end the show',
  destinations: 'change the destinations and the virtual camera',
};

/** Refusals of the co-hosting rules a window says in its own language. */
export type CohostRefusalKey = `producerNoPower.${ProducerPower}`;

/** Why the show's own rules refuse a command the role could otherwise send, or null. */
export function policyRefusal(permissions: Permissions, role: Role, command: string): { message: string; key: CohostRefusalKey; power: ProducerPower } | null {
  const power = role === 'producer' ? powerFor(command) : null;
  if (power && !permissions.producerPowers[power]) {
    return {
      key: `producerNoPower.${power}`,
      power,
      message: `The anchor has not allowed producers to ${POWER_WORDS[power]}. Ask the anchor to allow it under Co-hosts.`,
    };
  }
  return null;
}
