// The studio's built-in chat bridges: what each is and how the anchor sees it working.
import type { ChatMessage } from '../../chat/domain/chat';
import type { BridgeProblem } from './bridge-problems';
import type { ObaConsole } from './oba-message';

/** What a source the studio reads tells the chat: a message, one the platform deleted, or a viewer's messages removed (null: all). */
export type ChatSourceEvent =
  | { kind: 'message'; message: ChatMessage }
  | { kind: 'deleteMessage'; id: string }
  | { kind: 'clearUser'; userId: string | null };

/**
 * The kinds of bridge the studio runs itself. `ssn`: Social Stream Ninja posts each message to the bridge's link;
 * `twitch`: the studio reads a Twitch channel's chat itself, anonymously; `youtube`: the studio reads a live video's
 * chat through the YouTube Data API with the anchor's API key; `oba`: the studio connects to oba-live-tool, which
 * watches a shop's live console (抖店, 巨量百应, 快手, 视频号, 淘宝, 小红书) and sends its comments and order signals.
 */
export const BRIDGE_KINDS = ['ssn', 'twitch', 'youtube', 'oba'] as const;

/** One of {@link BRIDGE_KINDS}. */
export type BridgeKind = (typeof BRIDGE_KINDS)[number];

/** Limits of the bridges; the schemas and the docs use the same numbers. */
export const BRIDGE_LIMITS = {
  nameLength: 60,
  maxBridges: 20,
  /** Largest body one post may carry (SSN sends one message per post). */
  maxBodyBytes: 256 * 1024,
} as const;

/** A bridge as every window sees it (never its secret). */
export interface BridgeStatus {
  id: string;
  kind: BridgeKind;
  name: string;
  isPaused: boolean;
  createdAt: number;
  /** Hub clock of the last message it brought; null before the first. */
  lastMessageAt: number | null;
  /** Messages it brought over the last minute. */
  perMinute: number;
  /** Messages it brought since it was added (duplicates not counted). */
  accepted: number;
  /** What went wrong last (a body that was not a message, a lost connection); null when nothing did. */
  lastProblem: BridgeProblem | null;
  /** The Twitch channel read (twitch bridges); null for the others. */
  channel: string | null;
  /** The YouTube video whose live chat is read (youtube bridges); null for the others. Its API key is never shown. */
  video: string | null;
  /** oba-live-tool's WebSocket address (oba bridges); null for the others. */
  address: string | null;
  /** The platform of the plain comments oba sends (oba bridges: the Douyin or Kuaishou console); null for the others. */
  commentPlatform: ObaConsole | null;
  /** Where the studio's own connection stands (twitch, youtube and oba bridges, not paused); null for bridges that post to the studio. */
  link: BridgeLinkState | null;
}

/** A connection the studio opens itself: connecting, connected, retrying after a problem, or stopped for good (a chat that ended). */
export type BridgeLinkState = 'connecting' | 'connected' | 'retrying' | 'stopped';

/** How a bridge is doing, in one word for its badge. */
export type BridgeHealth = 'paused' | 'stopped' | 'retrying' | 'waiting' | 'receiving' | 'quiet';

/** A bridge that brought nothing for this long while it did before is `quiet` (the source may have stopped). */
export const QUIET_AFTER_MS = 2 * 60_000;

/** The bridge's state now: paused, stopped for good, its connection lost (retrying), never heard from, receiving, or quiet for a while. */
export function bridgeHealth(bridge: Pick<BridgeStatus, 'isPaused' | 'lastMessageAt' | 'link'>, now: number): BridgeHealth {
  if (bridge.isPaused) return 'paused';
  if (bridge.link === 'stopped') return 'stopped';
  if (bridge.link === 'retrying') return 'retrying';
  if (bridge.lastMessageAt === null) return 'waiting';
  return now - bridge.lastMessageAt > QUIET_AFTER_MS ? 'quiet' : 'receiving';
}
