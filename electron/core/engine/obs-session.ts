import type { Refusal } from '../protocol/results';
import type { ObsClient } from './obs-client';
import type { DesiredStore } from './desired-state';

/** The logging the engine needs (the hub's Logger fits). */
export interface EngineLogger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  addSecret?(value: string): void;
}

/** A logger that writes nothing. */
export const SILENT_LOGGER: EngineLogger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * What the supervisor hands each engine service: the one connection to OBS, the shared desired state, and whether OBS
 * is there. Only engine services hold it: the hub link, the hub and the UIs reach OBS through commands, never through
 * the client (Streamlabs' single owner of OBS, split by concern).
 */
export interface ObsSession {
  readonly client: ObsClient;
  readonly desired: DesiredStore;
  readonly log: EngineLogger;
  /** The engine's data dir (layout file, recordings, overlay images). */
  readonly dataDir: string;
  /** True once OBS is connected and the show is put back (the services' `restore` ran). */
  isRunning(): boolean;
  /** Throws {@link NotConnectedError} unless OBS is connected: commands fail fast while OBS is away. */
  requireConnected(): void;
}

/**
 * One OBS concern of the engine (scenes, layout, outputs, health, the card). The supervisor calls these, in service
 * order, around each life of OBS.
 */
export interface EngineService {
  /** After every connection to OBS (launch, relaunch, attach, reconnect): put this concern's state back. */
  restore?(): Promise<void>;
  /** Once every service restored: work that must not hold up the show (device lists, a final read). */
  afterRestore?(): Promise<void>;
  /** OBS is connected and the show is back (after `restore` of every service). */
  onConnected?(): void;
  /** OBS went away (crash, lost connection, a planned restart). */
  onDisconnected?(): void;
  /** Before the engine stops OBS on purpose (quitting, a profile change): end this concern's outputs cleanly. */
  beforeObsStop?(): Promise<void>;
}

/** A command needs OBS and OBS is not connected. */
export class NotConnectedError extends Error {
  constructor(detail: string | null) {
    super(`OBS is not connected${detail ? ` (${detail})` : ''}. Video commands wait for OBS; the rest of the studio keeps working.`);
  }
}

/**
 * A request OBS cannot honour as asked (name taken, no such source kind); the message says what to do in English, and
 * `refusal`, when given, is the key (and parameters) a window says it with in its own language.
 */
export class RejectedError extends Error {
  constructor(
    message: string,
    readonly refusal?: Refusal,
  ) {
    super(message);
  }
}

/** Polls `check` until it holds (OBS 29 applies some requests on its UI thread after answering them). */
export async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`OBS did not apply the change within ${timeoutMs / 1000} s.`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Resolves when `isDone` holds after a change (each `subscribe` call), or rejects after `timeoutMs`; `cancel` resolves. */
export function waitForChange(
  subscribe: (listener: () => void) => () => void,
  isDone: () => boolean,
  timeoutMs: number,
  what: string,
): { promise: Promise<void>; cancel(): void } {
  let cancel = () => {};
  const promise = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`OBS did not confirm ${what} within ${timeoutMs / 1000} s.`));
    }, timeoutMs);
    const off = subscribe(() => {
      if (!isDone()) return;
      clearTimeout(timer);
      off();
      resolve();
    });
    cancel = () => {
      clearTimeout(timer);
      off();
      resolve();
    };
  });
  return { promise, cancel };
}
