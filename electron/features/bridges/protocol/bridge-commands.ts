import { z } from 'zod';
import { defineCommand } from '../../../core/protocol/command-spec';
import { BRIDGE_KINDS, BRIDGE_LIMITS, type BridgeStatus } from '../domain/bridges';
import { OBA_CONSOLES } from '../domain/oba-message';

const bridgeId = z.strictObject({ id: z.string().min(1).max(64) });
const bridgeName = z.string().trim().min(1, 'name the bridge').max(BRIDGE_LIMITS.nameLength);

/** What `bridge.add` and `bridge.rotate` answer: the bridge, and the link with its secret (shown this once). */
export interface BridgeLink {
  bridge: BridgeStatus;
  /**
   * `http://127.0.0.1:<port>/api/v1/bridges/<kind>/<id>/<secret>`: paste it where the source posts to; null for a bridge
   * the studio connects out with (Twitch, YouTube, oba), which has no link.
   */
  url: string | null;
}

/** The built-in chat bridges: added, paused and removed from the studio, each with its own revocable link. */
export const BRIDGE_COMMANDS = {
  'bridge.add': defineCommand({
    // One shape for every kind (the protocol fuzzer mutates strict objects); a Twitch bridge without a channel, or a
    // YouTube one without a video or API key, is refused; an oba bridge without an address reads this computer's oba.
    payload: z.strictObject({
      kind: z.enum(BRIDGE_KINDS),
      name: bridgeName,
      channel: z.string().trim().max(100).optional(),
      video: z.string().trim().max(300).optional(),
      apiKey: z.string().trim().max(200).optional(),
      address: z.string().trim().max(200).optional(),
      commentPlatform: z.enum(OBA_CONSOLES).optional(),
    }),
    roles: ['anchor'],
    executor: 'hub',
    summary:
      'Add a chat bridge: Social Stream Ninja (answers its link, with its own secret, shown once, to paste into SSN), a Twitch channel the studio reads itself, a YouTube live video read with your Data API key (sealed, never shown again), or oba-live-tool on this computer or the local network (comments and order signals from a shop\'s live console).',
  }),
  'bridge.pause': defineCommand({
    payload: bridgeId.extend({ paused: z.boolean() }),
    roles: ['anchor', 'producer'],
    executor: 'hub',
    summary: "Pause a bridge (its messages are dropped until resumed) or resume it.",
  }),
  'bridge.rotate': defineCommand({
    payload: bridgeId,
    roles: ['anchor'],
    executor: 'hub',
    summary: 'Give a bridge a new link: the old one stops working at once.',
  }),
  'bridge.remove': defineCommand({
    payload: bridgeId,
    roles: ['anchor'],
    executor: 'hub',
    summary: 'Remove a bridge: its link stops working at once; what it brought stays in the chat.',
  }),
} as const;

