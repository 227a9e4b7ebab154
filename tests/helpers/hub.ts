import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { LAN_CERTIFICATE_FILE } from '../../electron/core/hub/lan-certificate';
import { createLogger } from '../../electron/core/hub/logger';
import { startHub, type Hub, type HubOptions } from '../../electron/core/hub/server';
import { HUB_FEATURES } from '../../electron/studio/hub-features';
import { applyStatePatch, type StatePatch } from '../../electron/core/domain/state-patch';
import type { StudioState } from '../../electron/core/domain/studio-state';
import type { ClientToServerEvents, CommandResult, HelloEvent, ServerToClientEvents } from '../../electron/core/protocol';
import { makeTempDir } from './temp-dir';
import { QUICK_MS } from './timeouts';
import { withTimeout } from './wait';

/** A hub on a free loopback port with its own temp data dir, and the log lines it wrote. */
export interface TestHub extends Hub {
  dataDir: string;
  logLines: string[];
  /** Closes the hub and removes its data dir. */
  stop(): Promise<void>;
}

/** Starts a real hub for a test; pass `dataDir` to reuse one across restarts (it is then not removed). */
export async function startTestHub(options: Partial<HubOptions> = {}): Promise<TestHub> {
  const temp = options.dataDir ? null : makeTempDir('anchor-hub-');
  const dataDir = options.dataDir ?? temp!.path;
  const logLines: string[] = [];
  const hub = await startHub({
    ...options,
    features: options.features ?? HUB_FEATURES,
    dataDir,
    logger: options.logger ?? createLogger({ minLevel: 'debug', sink: (line) => logLines.push(line) }),
  });
  return {
    ...hub,
    dataDir,
    logLines,
    async stop() {
      await hub.close();
      temp?.remove();
    },
  };
}

/** The studio's LAN certificate (PEM), as a co-host pins it: read from the hub's data dir once sharing made it. */
export function lanCertificateOf(hub: Pick<TestHub, 'dataDir'>): string {
  return (JSON.parse(readFileSync(join(hub.dataDir, LAN_CERTIFICATE_FILE), 'utf8')) as { cert: string }).cert;
}

/** A typed socket.io client of the hub. */
export type HubClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A connected client with the hello and the first snapshot the hub sent it. */
export type ConnectedClient = HubClient & { hello: HelloEvent; initialState: StudioState };

/**
 * Connects a socket.io client with a token; resolves after hello + first snapshot, rejects with the hub's refusal.
 * `setup` adds listeners before the connection opens (a fake engine must answer requests the hub sends at once).
 */
export function connectClient(
  url: string,
  token: string,
  setup?: (socket: HubClient) => void,
  /** `ca`: the only certificate to trust for an https hub (the studio's LAN certificate, pinned). */
  options: { reconnection?: boolean; ca?: string } = {},
): Promise<ConnectedClient> {
  const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: options.reconnection ?? false, forceNew: true, ...(options.ca ? { ca: options.ca } : {}) }) as ConnectedClient;
  setup?.(socket);
  const connected = new Promise<ConnectedClient>((resolve, reject) => {
    socket.once('hello', (hello) => {
      socket.hello = hello;
    });
    socket.once('state', (state) => {
      socket.initialState = state;
      resolve(socket);
    });
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
  return withTimeout(connected, QUICK_MS, 'hello and the first state after connecting').catch((err: unknown) => {
    socket.close();
    throw err;
  });
}

/**
 * Calls `listener` with the whole state after every change, as a window sees it: the hub sends patches of what
 * changed; this applies them (asking for the whole state when one was missed). Returns the unsubscribe function.
 */
export function onEveryState(socket: HubClient, listener: (state: StudioState) => void, initial?: StudioState): () => void {
  let current: StudioState | null = initial ?? (socket as HubClient & { initialState?: StudioState }).initialState ?? null;
  const onFull = (state: StudioState) => {
    current = state;
    listener(state);
  };
  const onPatch = (patch: StatePatch) => {
    const next = current ? applyStatePatch(current, patch) : null;
    if (next) onFull(next);
    else socket.emit('state.get', onFull);
  };
  socket.on('state', onFull);
  socket.on('state.patch', onPatch);
  return () => {
    socket.off('state', onFull);
    socket.off('state.patch', onPatch);
  };
}

/** Sends a command over socket.io and waits for the hub's answer. */
export function sendCommand(socket: HubClient, name: string, payload: unknown): Promise<CommandResult> {
  return socket.timeout(5000).emitWithAck('command', { name, payload });
}

/** POSTs a command over HTTP; returns status and parsed body. */
/** Sends a command that must succeed; a refusal throws with the hub's reason (set-up steps of a test). */
export async function sendOk(socket: HubClient, name: string, payload: unknown): Promise<Extract<CommandResult, { ok: true }>> {
  const result = await sendCommand(socket, name, payload);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result;
}

/** POSTs a command that must succeed: throws with the hub's answer otherwise; returns the answer's body. */
export async function postCommandOk(url: string, token: string, name: string, payload: object = {}): Promise<any> {
  const answer = await postCommand(url, token, name, payload);
  if (answer.status !== 200) throw new Error(`${name}: ${JSON.stringify(answer.body).slice(0, 300)}`);
  return answer.body;
}

export async function postCommand(url: string, token: string | null, name: string, body: string | object) {
  const res = await fetch(`${url}/api/v1/commands/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}
