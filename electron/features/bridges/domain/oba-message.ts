import { CHAT_LIMITS, type ChatKind, type ChatMessage } from '../../chat/domain/chat';
import type { BridgeRefusalKey } from './bridge-problems';
import { clip, fieldText } from './source-text';
import { isLanPeerAllowed } from '../../../core/domain/network-address';

/**
 * oba-live-tool (github.com/qiutongxue/oba-live-tool) watches a shop's live console (抖店, 巨量百应, 快手, 视频号, 淘宝,
 * 小红书) and, with its WebSocket service on, sends each thing it sees as one JSON frame (its `LiveMessage` type):
 * `{ msg_type, msg_id, nick_name, user_id?, content?, time, ... }`. Douyin's and Kuaishou's consoles both send plain
 * `comment`; the other consoles name themselves in `msg_type`. A `live_order` carries the buyer's nickname, the product,
 * and `order_status` (已下单 placed, 已付款 paid, 未知状态 anything else), never a price.
 */
export const OBA_DEFAULT_ADDRESS = 'ws://127.0.0.1:12354';

/** Platforms whose console sends plain `comment` messages: the anchor says which one the oba bridge watches. */
export const OBA_CONSOLES = ['douyin', 'kuaishou'] as const;

/** One of {@link OBA_CONSOLES}. */
export type ObaConsole = (typeof OBA_CONSOLES)[number];

/** oba's message types that name their platform. */
const PLATFORM_OF_TYPE: Record<string, string> = {
  wechat_channel_live_msg: 'channels',
  xiaohongshu_comment: 'xiaohongshu',
  taobao_comment: 'taobao',
};

/** What each oba message type is in the studio's chat. */
const KIND_OF_TYPE: Record<string, ChatKind> = {
  comment: 'comment',
  wechat_channel_live_msg: 'comment',
  xiaohongshu_comment: 'comment',
  taobao_comment: 'comment',
  room_enter: 'join',
  room_like: 'like',
  room_follow: 'follow',
  // Joining the brand's membership or the fan club: a follow with the console's own words.
  subscribe_merchant_brand_vip: 'follow',
  ecom_fansclub_participate: 'follow',
};

/** `order_status` words oba sends, as order signals; 未知状态 (any other status) is left out: it says nothing. */
const ORDER_KINDS: Record<string, ChatKind> = { 已下单: 'orderPlaced', 已付款: 'orderPaid' };

/** A frame read: a chat message, something oba sends that the chat does not show, or a frame that is not oba's. */
export type ObaFrame = { message: ChatMessage } | { ignored: string } | { invalid: string };

/**
 * One oba frame as a studio chat message, or why it is left out. `console` is the platform of plain `comment`
 * messages. An order becomes an order signal (`orderPlaced` / `orderPaid`, the product's title as its text): it shows
 * that someone bought, never an amount, and never reaches the sales ledger.
 */
export function obaToChat(frame: string, console: ObaConsole, receivedAt: number): ObaFrame {
  let raw: unknown;
  try {
    raw = JSON.parse(frame);
  } catch {
    return { invalid: 'a frame that is not JSON' };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { invalid: 'a frame that is not a message object' };
  const m = raw as Record<string, unknown>;
  const type = fieldText(m.msg_type);
  const id = fieldText(m.msg_id);
  if (!type || !id) return { invalid: 'a message without msg_type or msg_id' };
  let kind: ChatKind | undefined = KIND_OF_TYPE[type];
  let body = fieldText(m.content);
  if (type === 'live_order') {
    kind = ORDER_KINDS[fieldText(m.order_status)];
    if (!kind) return { ignored: `an order whose status oba does not know ("${fieldText(m.order_status).slice(0, 16)}")` };
    body = fieldText(m.product_title) || fieldText(m.product_id);
    if (!body) return { invalid: 'an order without a product' };
  }
  if (!kind) return { ignored: `"${type.slice(0, 40)}" messages are not shown in chat` };
  if (kind === 'comment' && !body) return { ignored: 'an empty comment' };
  const name = clip(fieldText(m.nick_name), CHAT_LIMITS.userNameLength);
  const userId = clip(fieldText(m.user_id) || name || 'anonymous', CHAT_LIMITS.idLength);
  const time = typeof m.time === 'number' && Number.isFinite(m.time) && m.time > 1e12 ? m.time : receivedAt;
  return {
    message: {
      id: clip(id, CHAT_LIMITS.idLength),
      platform: PLATFORM_OF_TYPE[type] ?? console,
      user: { id: userId, name: name || userId },
      text: clip(body, CHAT_LIMITS.textLength),
      ts: time,
      kind,
    },
  };
}

/**
 * Where the anchor says oba runs, as a `ws://` address the studio may open, or why not. oba's service has no password,
 * so the studio reads it only on this computer or on the local network (a private or link-local address); a bare port
 * means this computer.
 */
export function obaAddressOf(input: string): { address: string } | { problem: string; refusal: { key: BridgeRefusalKey; params?: Record<string, string> } } {
  const given = input.trim() || OBA_DEFAULT_ADDRESS;
  const withScheme = /^\d{1,5}$/.test(given) ? `ws://127.0.0.1:${given}` : /^[a-z]+:\/\//i.test(given) ? given : `ws://${given}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    const shown = given.slice(0, 80);
    return { problem: `"${shown}" is not an address: give oba-live-tool's WebSocket address, such as ${OBA_DEFAULT_ADDRESS}.`, refusal: { key: 'obaNotAddress', params: { given: shown, example: OBA_DEFAULT_ADDRESS } } };
  }
  if (url.protocol !== 'ws:') return { problem: 'oba-live-tool serves plain WebSocket: the address starts with ws://.', refusal: { key: 'obaNotWs' } };
  const port = url.port ? Number(url.port) : 80;
  if (!url.port || port < 1 || port > 65535) {
    return { problem: 'Give the port oba-live-tool listens on (its WebSocket setting; 12354 unless changed), such as ws://127.0.0.1:12354.', refusal: { key: 'obaNoPort' } };
  }
  if (url.hostname !== 'localhost' && !isLanPeerAllowed(url.hostname.replace(/^\[|\]$/g, ''))) {
    const host = url.hostname.slice(0, 60);
    return {
      problem: `oba-live-tool has no password, so the studio reads it only on this computer or your local network (192.168.x.x, 10.x.x.x, 172.16-31.x.x); "${host}" is neither.`,
      refusal: { key: 'obaNotLocal', params: { host } },
    };
  }
  return { address: `ws://${url.hostname}:${port}` };
}
