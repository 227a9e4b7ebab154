import { io, type Socket } from 'socket.io-client';
import type { ObsState } from '../domain/studio-state';
import type { EngineOutputState } from '../../features/output/domain/output';
import { scenesReport, type ScenesState } from '../../features/scenes/domain/scenes';
import type { ClientToServerEvents, CommandName, CommandResult, ServerToClientEvents } from '../protocol';
import { parseEngineRequest, type EngineHandlers } from '../protocol/engine-requests';
import { explainFailure } from './engine-errors';
import type { EngineLogger } from './obs-session';

/** What the engine reports about OBS: its status, the scenes and the outputs (health travels on its own). */
export interface EngineSnapshot {
  obs: ObsState;
  scenes: ScenesState;
  output: EngineOutputState | null;
}

/** How the engine reaches its hub. */
export interface HubLinkOptions {
  hubUrl: string;
  /** The hub's engine token; never logged. */
  token: string;
  log: EngineLogger;
  /** One handler per request the hub may send (typed: a request without a handler does not compile). */
  handlers: EngineHandlers;
  /** The engine's current report. */
  snapshot(): EngineSnapshot;
}

/** The engine's connection to its hub. */
export interface HubLink {
  /** Reports the snapshot when it changed; resolves with the hub's state version. */
  report(): Promise<number>;
  /** Sends a hub command of the engine's own (thumbnails, health); false when the hub is away or refuses. */
  send(name: CommandName, payload: unknown, timeoutMs?: number): Promise<boolean>;
  /** Resolves once connected to the hub. */
  whenConnected(): Promise<void>;
  /** Says OBS's last word (stopped, or left running for the next engine) and disconnects. */
  close(final: EngineSnapshot): Promise<void>;
}

type EngineSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Connects the engine to the hub as a client with role `engine`: runs the hub's requests through the handler table
 * (each validated like any other input) and reports OBS's state after every change and with every answer.
 */
export function connectToHub(options: HubLinkOptions): HubLink {
  const { log } = options;
  log.addSecret?.(options.token);
  const socket: EngineSocket = io(options.hubUrl, {
    auth: { token: options.token },
    transports: ['websocket'],
    reconnectionDelay: 250,
    reconnectionDelayMax: 2000,
  });
  const reporter = new HubReporter(socket, log);
  const report = () => reporter.report(options.snapshot());

  socket.on('connect', () => {
    log.info('engine connected to the hub');
    reporter.reset();
    void report();
  });
  socket.on('connect_error', (err) => log.warn('engine cannot reach the hub', { reason: err.message }));
  socket.on('engine.execute', (request, ack) => {
    void (async (): Promise<CommandResult> => {
      const parsed = parseEngineRequest(request);
      if (!parsed.ok) return { ok: false, error: parsed.error };
      let data: unknown;
      try {
        const handler = options.handlers[parsed.name] as (payload: unknown) => Promise<unknown>;
        data = await handler(parsed.payload);
      } catch (err) {
        return explainFailure(parsed.name, err);
      }
      // The answer covers the change: the hub has applied the report that shows it before the client hears "ok".
      return { ok: true, version: await report(), ...(data === undefined ? {} : { data }) };
    })().then((result) => {
      if (typeof ack === 'function') ack(result);
    });
  });

  return {
    report,
    async send(name, payload, timeoutMs = 5000) {
      if (!socket.connected) return false;
      try {
        const result = await socket.timeout(timeoutMs).emitWithAck('command', { name, payload });
        if (!result.ok) log.debug('hub refused an engine command', { name, code: result.error.code });
        return result.ok;
      } catch {
        return false;
      }
    },
    whenConnected: () => (socket.connected ? Promise.resolve() : new Promise<void>((resolve) => socket.once('connect', () => resolve()))),
    async close(final) {
      if (socket.connected) await reporter.report(final);
      socket.close();
    },
  };
}

/**
 * Sends `engine.report` to the hub when the snapshot changed, with only what changed of the scenes (see
 * scenesReport); remembers the hub version of the last report.
 */
class HubReporter {
  private lastSent = '';
  /** The scenes the hub was last sent whole or patched to; null until a report gets through (then they go whole). */
  private sentScenes: ScenesState | null = null;
  private lastVersion = 0;
  /** The report of `lastSent` while the hub has not answered it yet. */
  private inFlight: Promise<number> | null = null;

  constructor(
    private readonly socket: EngineSocket,
    private readonly log: EngineLogger,
  ) {}

  /** Forgets what was sent (after a reconnect the hub may have restarted). */
  reset(): void {
    this.lastSent = '';
    this.sentScenes = null;
  }

  /** Reports the snapshot if it differs from the last one sent; resolves with the hub's state version. */
  async report(snap: EngineSnapshot): Promise<number> {
    const text = JSON.stringify({ obs: snap.obs, scenes: snap.scenes, output: snap.output });
    if (!this.socket.connected) return this.lastVersion;
    // Same report already on its way: answer with the version the hub gives it (a command ack must cover its change).
    if (text === this.lastSent) return this.inFlight ?? this.lastVersion;
    this.lastSent = text;
    const payload = { obs: snap.obs, ...scenesReport(this.sentScenes, snap.scenes), output: snap.output };
    this.sentScenes = snap.scenes;
    const sending = (async () => {
      try {
        const result = await this.socket.timeout(5000).emitWithAck('command', { name: 'engine.report', payload });
        if (result.ok) this.lastVersion = Math.max(this.lastVersion, result.version);
        else {
          this.log.warn('hub refused an engine report', { code: result.error.code, reason: result.error.message });
          this.sentScenes = null;
        }
      } catch {
        // Unanswered: the hub may have missed it, so the next report goes whole.
        if (this.lastSent === text) this.lastSent = '';
        this.sentScenes = null;
      }
      return this.lastVersion;
    })();
    this.inFlight = sending;
    void sending.finally(() => {
      if (this.inFlight === sending) this.inFlight = null;
    });
    return sending;
  }
}
