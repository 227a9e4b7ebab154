// Over 400 lines on purpose: one class gives the connection its guarantees (a timeout on every call, in-flight calls
// rejected on close, one reconnect loop with backoff, 207 NotReady retried, output commands serialized and gated on
// their state events). They share the socket's lifecycle; split, each would need the others' state.
// The named export, not the default: bundled to CommonJS (dist/main), esbuild's interop turns the default import of
// this package's CJS build into its whole exports object, and `new` on it throws at launch ("not a constructor").
import { OBSWebSocket, type OBSEventTypes, type OBSRequestTypes, type OBSResponseTypes } from 'obs-websocket-js';
import { ackPromptly } from './prompt-ack';

/** The part of obs-websocket-js the client uses; a fake implements it in unit tests. */
export interface ObsSocket {
  connect(url: string, password?: string, params?: { eventSubscriptions?: number }): Promise<unknown>;
  disconnect(): Promise<void>;
  call(requestType: string, requestData?: object): Promise<unknown>;
  on(event: string, listener: (data: any) => void): unknown;
  off(event: string, listener: (data: any) => void): unknown;
}

/** Connection status of the client. */
export type ObsClientStatus = 'idle' | 'connecting' | 'identified' | 'closed' | 'auth-failed';

/** A request failed with an obs-websocket status code (600 not found, 207 not ready, ...). */
export class ObsRequestError extends Error {
  constructor(
    readonly requestType: string,
    readonly code: number,
    message: string,
  ) {
    super(`${requestType} failed (${code}): ${message}`);
  }
}

/** The connection closed while a request was in flight. */
export class ObsClosedError extends Error {
  constructor(requestType: string) {
    super(`The connection to OBS closed while ${requestType} was running.`);
  }
}

/** A request got no answer in time (OBS may still run it). */
export class ObsTimeoutError extends Error {
  constructor(requestType: string, timeoutMs: number) {
    super(`OBS did not answer ${requestType} within ${timeoutMs} ms.`);
  }
}

/** obs-websocket close code for a wrong password (WebSocketCloseCode::AuthenticationFailed). */
export const AUTH_FAILED_CODE = 4009;
/** obs-websocket request status NotReady: OBS is starting or switching scene collection. */
export const NOT_READY_CODE = 207;

/**
 * obs-websocket events the engine hears: all the low-volume ones (0x7ff) and the audio meters (InputVolumeMeters,
 * 1 << 16, 20 a second), which the microphone watch needs while live whether or not a window shows the meters.
 */
export const DEFAULT_EVENT_SUBSCRIPTIONS = 0x7ff | (1 << 16);

/** Tuning of the client; every delay is injectable so unit tests run fast. */
export interface ObsClientOptions {
  createSocket?: () => ObsSocket;
  callTimeoutMs?: number;
  /** Reconnect backoff: first delay, doubling up to the max. */
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** 207 NotReady retries. */
  notReadyRetries?: number;
  notReadyDelayMs?: number;
  /** How long an output command waits for its state event before the queue moves on. */
  outputSettleMs?: number;
  /** obs-websocket event subscription bitmask; default {@link DEFAULT_EVENT_SUBSCRIPTIONS}. */
  eventSubscriptions?: number;
}

/** What OBS told us about itself after identifying. */
export interface ObsIdentity {
  obsVersion: string;
  websocketVersion: string;
  rpcVersion: number;
  /** `GetVersion.availableRequests`: feature-detect with this, not with the typings (they follow the newest protocol). */
  availableRequests: Set<string>;
}

type EventName = keyof OBSEventTypes;
type Listener = (data: any) => void;

/** Output requests and the state event + final states that mean the output settled. */
const OUTPUT_GATES: Record<string, { event: EventName; settled: string[] }> = {
  StartStream: { event: 'StreamStateChanged', settled: ['OBS_WEBSOCKET_OUTPUT_STARTED', 'OBS_WEBSOCKET_OUTPUT_STOPPED'] },
  StopStream: { event: 'StreamStateChanged', settled: ['OBS_WEBSOCKET_OUTPUT_STOPPED'] },
  ToggleStream: { event: 'StreamStateChanged', settled: ['OBS_WEBSOCKET_OUTPUT_STARTED', 'OBS_WEBSOCKET_OUTPUT_STOPPED'] },
  StartRecord: { event: 'RecordStateChanged', settled: ['OBS_WEBSOCKET_OUTPUT_STARTED', 'OBS_WEBSOCKET_OUTPUT_STOPPED'] },
  StopRecord: { event: 'RecordStateChanged', settled: ['OBS_WEBSOCKET_OUTPUT_STOPPED'] },
  ToggleRecord: { event: 'RecordStateChanged', settled: ['OBS_WEBSOCKET_OUTPUT_STARTED', 'OBS_WEBSOCKET_OUTPUT_STOPPED'] },
};

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * obs-websocket-js with the guarantees the studio needs: a timeout on every call, in-flight calls rejected when the
 * socket closes, one reconnect loop with backoff, 207 NotReady retried, output commands serialized.
 */
export class ObsClient {
  private readonly opts: Required<Omit<ObsClientOptions, 'createSocket'>> & { createSocket: () => ObsSocket };
  private socket: ObsSocket | null = null;
  private endpoint: { url: string; password: string } | null = null;
  private isRunning = false;
  private currentStatus: ObsClientStatus = 'idle';
  private lastError: string | null = null;
  private loop: Promise<void> | null = null;
  private wakeLoop: (() => void) | null = null;
  private readonly pending = new Set<(err: Error) => void>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly forwarders = new Map<string, Listener>();
  private readonly statusListeners = new Set<(status: ObsClientStatus, detail: string | null) => void>();
  private outputQueue: Promise<unknown> = Promise.resolve();
  private identityValue: ObsIdentity | null = null;

  constructor(options: ObsClientOptions = {}) {
    this.opts = {
      createSocket: options.createSocket ?? (() => ackPromptly(new OBSWebSocket()) as unknown as ObsSocket),
      callTimeoutMs: options.callTimeoutMs ?? 5000,
      backoffInitialMs: options.backoffInitialMs ?? 250,
      backoffMaxMs: options.backoffMaxMs ?? 5000,
      notReadyRetries: options.notReadyRetries ?? 40,
      notReadyDelayMs: options.notReadyDelayMs ?? 250,
      outputSettleMs: options.outputSettleMs ?? 30_000,
      eventSubscriptions: options.eventSubscriptions ?? DEFAULT_EVENT_SUBSCRIPTIONS,
    };
  }

  /** Current connection status. */
  get status(): ObsClientStatus {
    return this.currentStatus;
  }

  /** Why the last connection attempt or connection ended, in plain words (never contains the password). */
  get lastErrorMessage(): string | null {
    return this.lastError;
  }

  /** OBS's identity once identified, else null. */
  get identity(): ObsIdentity | null {
    return this.identityValue;
  }

  /** True when OBS advertises the request (`GetVersion.availableRequests`). */
  supports(requestType: string): boolean {
    return this.identityValue?.availableRequests.has(requestType) ?? false;
  }

  /** Sets where to connect; takes effect on the next connection attempt. */
  setEndpoint(url: string, password: string): void {
    this.endpoint = { url, password };
  }

  /** Starts the one connect/reconnect loop (idempotent). */
  start(): void {
    if (this.isRunning) return;
    if (!this.endpoint) throw new Error('ObsClient.start() needs setEndpoint() first.');
    this.isRunning = true;
    this.loop = this.runLoop();
  }

  /** Stops the loop, closes the socket and rejects everything in flight. */
  async stop(): Promise<void> {
    this.isRunning = false;
    this.wakeLoop?.();
    const socket = this.socket;
    this.socket = null;
    this.rejectPending('stop');
    if (socket) await socket.disconnect().catch(() => undefined);
    await this.loop;
    this.loop = null;
    this.setStatus('idle', null);
  }

  /** Subscribes to status changes; returns the unsubscribe function. */
  onStatus(listener: (status: ObsClientStatus, detail: string | null) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Subscribes to an OBS event; survives reconnects. Returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (data: OBSEventTypes[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
      const forwarder: Listener = (data) => {
        for (const l of [...(this.listeners.get(event) ?? [])]) l(data);
      };
      this.forwarders.set(event, forwarder);
      this.socket?.on(event, forwarder);
    }
    set.add(listener as Listener);
    return () => set!.delete(listener as Listener);
  }

  /** Resolves when identified; rejects after `timeoutMs` or when the password is refused. */
  waitIdentified(timeoutMs: number): Promise<ObsIdentity> {
    if (this.currentStatus === 'identified' && this.identityValue) return Promise.resolve(this.identityValue);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(this.lastError ?? `OBS did not accept a control connection within ${Math.round(timeoutMs / 1000)} s.`));
      }, timeoutMs);
      const off = this.onStatus((status, detail) => {
        if (status === 'identified' && this.identityValue) {
          clearTimeout(timer);
          off();
          resolve(this.identityValue);
        } else if (status === 'auth-failed') {
          clearTimeout(timer);
          off();
          reject(new Error(detail ?? 'OBS refused the password.'));
        }
      });
    });
  }

  /** Sends one request with a timeout; retries 207 NotReady; rejects at once when not connected or on close. */
  async call<K extends keyof OBSRequestTypes>(
    requestType: K,
    requestData?: OBSRequestTypes[K],
    options: { timeoutMs?: number } = {},
  ): Promise<OBSResponseTypes[K]> {
    for (let attempt = 0; ; attempt++) {
      try {
        return (await this.callOnce(requestType, requestData, options.timeoutMs ?? this.opts.callTimeoutMs)) as OBSResponseTypes[K];
      } catch (err) {
        if (err instanceof ObsRequestError && err.code === NOT_READY_CODE && attempt < this.opts.notReadyRetries) {
          await sleep(this.opts.notReadyDelayMs);
          continue;
        }
        throw err;
      }
    }
  }

  /**
   * Runs an output request (StartStream, StopRecord, ...) one at a time, each waiting for its output to settle:
   * a second StartStream while the first is STARTING starts the output twice and can crash OBS
   * (https://github.com/obsproject/obs-studio/issues/13283).
   */
  output<K extends keyof OBSRequestTypes>(requestType: K, requestData?: OBSRequestTypes[K]): Promise<OBSResponseTypes[K]> {
    const run = async () => {
      const gate = OUTPUT_GATES[requestType];
      let settled: Promise<void> = Promise.resolve();
      let cancel = () => {};
      if (gate) {
        settled = new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.opts.outputSettleMs);
          const off = this.on(gate.event, ((data: { outputState?: string }) => {
            if (data.outputState && gate.settled.includes(data.outputState)) {
              clearTimeout(timer);
              off();
              resolve();
            }
          }) as never);
          cancel = () => {
            clearTimeout(timer);
            off();
            resolve();
          };
        });
      }
      try {
        const result = await this.call(requestType, requestData);
        await settled;
        return result;
      } catch (err) {
        cancel();
        throw err;
      }
    };
    const next = this.outputQueue.then(run, run);
    this.outputQueue = next.catch(() => undefined);
    return next;
  }

  private callOnce(requestType: string, requestData: object | undefined, timeoutMs: number): Promise<unknown> {
    const socket = this.socket;
    if (!socket || this.currentStatus !== 'identified') {
      return Promise.reject(new ObsClosedError(requestType));
    }
    return new Promise((resolve, reject) => {
      let done = false;
      const finish = () => {
        done = true;
        clearTimeout(timer);
        this.pending.delete(onClose);
      };
      // obs-websocket-js never settles a request whose socket closed: we reject it ourselves.
      const onClose = () => {
        if (done) return;
        finish();
        reject(new ObsClosedError(requestType));
      };
      const timer = setTimeout(() => {
        if (done) return;
        finish();
        reject(new ObsTimeoutError(requestType, timeoutMs));
      }, timeoutMs);
      this.pending.add(onClose);
      socket.call(requestType, requestData).then(
        (value) => {
          if (done) return;
          finish();
          resolve(value);
        },
        (err: { code?: number; message?: string }) => {
          if (done) return;
          finish();
          reject(typeof err?.code === 'number' ? new ObsRequestError(requestType, err.code, err.message ?? '') : err);
        },
      );
    });
  }

  private async runLoop(): Promise<void> {
    let delay = this.opts.backoffInitialMs;
    while (this.isRunning) {
      const outcome = await this.connectOnce();
      if (!this.isRunning) return;
      if (outcome === 'auth-failed') {
        // Retrying a wrong password only floods OBS's log; whoever owns the password must act.
        this.isRunning = false;
        return;
      }
      if (outcome === 'closed-after-identify') delay = this.opts.backoffInitialMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wakeLoop = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeLoop = null;
      delay = Math.min(delay * 2, this.opts.backoffMaxMs);
    }
  }

  /** One connection: connect, identify, GetVersion, then wait until it closes. */
  private async connectOnce(): Promise<'auth-failed' | 'connect-failed' | 'closed-after-identify'> {
    const { url, password } = this.endpoint!;
    const socket = this.opts.createSocket();
    this.setStatus('connecting', null);
    let closed!: () => void;
    const closedPromise = new Promise<void>((r) => (closed = r));
    let isConnecting = true;
    const onClosed = (err: { code?: number; message?: string } | undefined) => {
      // A failed connect() fires ConnectionError and ConnectionClosed: the connect rejection handles that case.
      if (isConnecting) return;
      if (this.socket === socket) this.socket = null;
      this.lastError = `The control connection to OBS closed${err?.code ? ` (code ${err.code})` : ''}.`;
      this.rejectPending('close');
      closed();
    };
    socket.on('ConnectionClosed', onClosed);
    try {
      // A port that accepts TCP but never says Hello (a hung OBS) would leave connect() pending forever.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        socket.connect(url, password, { eventSubscriptions: this.opts.eventSubscriptions }),
        new Promise((_, reject) => {
          timer = setTimeout(() => {
            void socket.disconnect().catch(() => undefined);
            reject(new Error('connect timeout'));
          }, this.opts.callTimeoutMs * 2);
        }),
      ]).finally(() => clearTimeout(timer));
    } catch (err) {
      isConnecting = false;
      socket.off('ConnectionClosed', onClosed);
      const code = (err as { code?: number }).code;
      if (code === AUTH_FAILED_CODE) {
        this.lastError =
          'OBS refused the studio\'s websocket password. Someone may have changed it in OBS (Tools > WebSocket Server Settings).';
        this.setStatus('auth-failed', this.lastError);
        return 'auth-failed';
      }
      this.lastError = `Cannot reach OBS's control connection at ${redactUrl(url)}.`;
      this.setStatus('closed', this.lastError);
      return 'connect-failed';
    }
    isConnecting = false;
    if (!this.isRunning) {
      await socket.disconnect().catch(() => undefined);
      return 'connect-failed';
    }
    this.socket = socket;
    for (const [event, forwarder] of this.forwarders) socket.on(event, forwarder);
    this.currentStatus = 'identified';
    try {
      const version = (await this.call('GetVersion')) as OBSResponseTypes['GetVersion'];
      this.identityValue = {
        obsVersion: version.obsVersion,
        websocketVersion: version.obsWebSocketVersion,
        rpcVersion: version.rpcVersion,
        availableRequests: new Set(version.availableRequests),
      };
    } catch {
      this.currentStatus = 'connecting';
      await socket.disconnect().catch(() => undefined);
      this.setStatus('closed', 'OBS accepted the connection but did not answer GetVersion.');
      return 'connect-failed';
    }
    this.lastError = null;
    this.setStatus('identified', null);
    await closedPromise;
    for (const [event, forwarder] of this.forwarders) socket.off(event, forwarder);
    this.setStatus('closed', this.lastError);
    return 'closed-after-identify';
  }

  private rejectPending(_why: string): void {
    for (const reject of [...this.pending]) reject(new Error('closed'));
    this.pending.clear();
  }

  private setStatus(status: ObsClientStatus, detail: string | null): void {
    this.currentStatus = status;
    for (const l of [...this.statusListeners]) l(status, detail);
  }
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//');
}
