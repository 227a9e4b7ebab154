import type { ChatEntry, ChatMessage } from '../../electron/features/chat/domain/chat';
import type { ChatBatchEvent, ChatChangedEvent, ChatIngestInfo, ChatSnapshotEvent, ChatStatus } from '../../electron/features/chat/protocol/chat-events';
import { postCommand, type HubClient } from './hub';
import { postSigned, type SignatureOverrides } from './signed-post';
import { QUICK_MS } from './timeouts';
import { withTimeout } from './wait';

/** A chat message with defaults (a Douyin comment sent now). */
export function chatMessage(id: string, text: string, overrides: Partial<ChatMessage> = {}): ChatMessage {
  return { id, platform: 'douyin', user: { id: `u-${id}`, name: `viewer ${id}` }, text, ts: Date.now(), kind: 'comment', ...overrides };
}

/** Reads the ingest secret the way the settings screen does: `chat.ingestInfo` with the anchor token. */
export async function ingestSecret(url: string, anchorToken: string): Promise<string> {
  const result = await postCommand(url, anchorToken, 'chat.ingestInfo', {});
  if (result.status !== 200) throw new Error(`chat.ingestInfo answered ${result.status}: ${JSON.stringify(result.body)}`);
  return (result.body.data as ChatIngestInfo).secret;
}

/** POSTs a chat batch like a bridge; `raw` overrides the body bytes, the options break the signature on purpose. */
export async function postChat(
  url: string,
  secret: string,
  body: { messages: unknown[] } | string,
  options: SignatureOverrides = {},
): Promise<{ status: number; body: any }> {
  return postSigned(`${url}/api/v1/chat`, secret, typeof body === 'string' ? body : JSON.stringify(body), options);
}

/** GETs the latest visible messages. */
export async function recentChat(url: string, token: string | null, query = ''): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}/api/v1/chat/recent${query}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: await res.json() };
}

/** Everything chat a socket received, in order. */
export interface ChatRecorder {
  batches: ChatBatchEvent[];
  changes: ChatChangedEvent[];
  statuses: ChatStatus[];
  snapshot: ChatSnapshotEvent | null;
  /** Every message key seen in batches, in arrival order (duplicates kept, to catch double delivery). */
  keys(): string[];
  /** Resolves once a batch has carried a message with this key; rejects after QUICK_MS. */
  waitForKey(key: string): Promise<ChatEntry>;
  /** Resolves with the first change (seen so far or to come) that matches; rejects after QUICK_MS. */
  waitForChange(predicate: (c: ChatChangedEvent) => boolean): Promise<ChatChangedEvent>;
  /** Resolves with the first status (seen so far or to come) that matches; rejects after QUICK_MS. */
  waitForStatus(predicate: (s: ChatStatus) => boolean): Promise<ChatStatus>;
}

/** Records chat events on a socket (attach before the events can arrive). */
export function recordChat(socket: HubClient): ChatRecorder {
  const untyped = socket as unknown as { on(e: string, l: (p: any) => void): void };
  const waiters: (() => void)[] = [];
  const notify = () => waiters.splice(0).forEach((w) => w());
  const rec: ChatRecorder = {
    batches: [],
    changes: [],
    statuses: [],
    snapshot: null,
    keys: () => rec.batches.flatMap((b) => b.messages.map((m) => m.key)),
    waitForKey: (key) => waitFor(() => rec.batches.flatMap((b) => b.messages).find((m) => m.key === key), `chat message ${key}`),
    waitForChange: (p) => waitFor(() => rec.changes.find(p), `a chat change matching ${String(p)}`),
    waitForStatus: (p) => waitFor(() => rec.statuses.find(p), `a chat status matching ${String(p)}`),
  };
  function waitFor<T>(probe: () => T | undefined, what: string): Promise<T> {
    const found = new Promise<T>((resolve) => {
      const check = () => {
        const value = probe();
        if (value !== undefined) resolve(value);
        else waiters.push(check);
      };
      check();
    });
    return withTimeout(found, QUICK_MS, what);
  }
  untyped.on('chat.batch', (b) => (rec.batches.push(b), notify()));
  untyped.on('chat.changed', (c) => (rec.changes.push(c), notify()));
  untyped.on('chat.status', (s) => (rec.statuses.push(s), notify()));
  untyped.on('chat.snapshot', (s) => ((rec.snapshot = s), notify()));
  return rec;
}

/** Connects a socket.io client with chat recording attached before connect; resolves after its chat snapshot. */
export async function connectChatClient(url: string, token: string): Promise<{ socket: HubClient; chat: ChatRecorder }> {
  const { io } = await import('socket.io-client');
  const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true }) as HubClient;
  const chat = recordChat(socket);
  const connected = new Promise<void>((resolve, reject) => {
    (socket as unknown as { once(e: string, l: () => void): void }).once('chat.snapshot', () => resolve());
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
  await withTimeout(connected, QUICK_MS, 'the chat snapshot after connecting');
  return { socket, chat };
}
