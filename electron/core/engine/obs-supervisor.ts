import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ObsState } from '../domain/studio-state';
import { DesiredStore } from './desired-state';
import { ObsClient, type ObsClientOptions } from './obs-client';
import { PROFILES, type ObsProfile, type ProfileName } from './obs-config';
import { FatalError, ObsLauncher } from './obs-launcher';
import { locateObs, type LocateObsOptions } from './obs-locator';
import { clearSession, readLogTail, type ObsExit, type ObsProcessHandle } from './obs-process';
import { NotConnectedError, RejectedError, SILENT_LOGGER, type EngineLogger, type EngineService, type ObsSession } from './obs-session';

/** How to run and watch OBS. */
export interface SupervisorOptions {
  /** The engine's folder: OBS config home, OBS log, session and desired-state files. */
  dataDir: string;
  platform?: NodeJS.Platform;
  /** Environment OBS runs in (DISPLAY decides whether a virtual display is needed). Default: process.env. */
  env?: NodeJS.ProcessEnv;
  locate?: Omit<LocateObsOptions, 'platform' | 'env'>;
  /** Xvfb binary; null = none available; undefined = search PATH. */
  xvfbPath?: string | null;
  profile?: ProfileName;
  log?: EngineLogger;
  relaunchInitialMs?: number;
  relaunchMaxMs?: number;
  /** How long OBS may take to open its websocket after launch. */
  startupTimeoutMs?: number;
  client?: ObsClientOptions;
}

/** OBS's status as the supervisor knows it (the services add health and devices). */
export type SupervisorState = Pick<ObsState, 'status' | 'message' | 'version' | 'profile'>;

/** A run that stayed up this long resets the relaunch backoff. */
const STABLE_RUN_MS = 60_000;
/** A live process whose websocket stays away this long counts as hung and is killed. */
const HUNG_AFTER_MS = 20_000;

type RunEnd = { kind: 'exit'; exit: ObsExit } | { kind: 'stop' } | { kind: 'auth' } | { kind: 'hung' } | { kind: 'restart' };

/**
 * Launches (or attaches to) the studio's OBS and keeps it alive: one life after another, with backoff, and after each
 * (re)connection the engine's services put the show back in order. It owns the process and the connection; the
 * services own what OBS shows and sends.
 */
export class ObsSupervisor {
  /** The one connection to OBS, handed to the engine's services through {@link session}. */
  private readonly client: ObsClient;
  /** What the engine's services get: the connection, the desired state, whether OBS is there. */
  readonly session: ObsSession;
  private readonly desired: DesiredStore;
  private readonly log: EngineLogger;
  private readonly platform: NodeJS.Platform;
  private readonly env: NodeJS.ProcessEnv;
  private profile: ObsProfile;
  private profileName: ProfileName;
  /** Status message for the next launch (e.g. a profile change) instead of "Starting OBS…". */
  private nextStartMessage: string | null = null;
  private state: SupervisorState = { status: 'unavailable', message: null, version: null };
  private services: EngineService[] = [];
  private readonly listeners = new Set<(s: SupervisorState) => void>();
  private loop: Promise<void> | null = null;
  private isStopping = false;
  private wake: (() => void) | null = null;
  private endRun: ((end: RunEnd) => void) | null = null;
  private handle: ObsProcessHandle | null = null;
  private readonly launcher: ObsLauncher;
  private phase: 'down' | 'applying' | 'running' = 'down';
  private lastIdentifiedAt = 0;
  private watchdog: NodeJS.Timeout | null = null;
  /** Rejects when stop() is called, so startup waits end at once instead of running out their timeouts. */
  private readonly stopRequested: Promise<never>;
  private rejectStop!: (err: Error) => void;

  constructor(private readonly options: SupervisorOptions) {
    this.log = options.log ?? SILENT_LOGGER;
    this.platform = options.platform ?? process.platform;
    this.env = options.env ?? process.env;
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    this.desired = new DesiredStore(options.dataDir, (err) => this.log.warn('could not save the desired OBS state', { err }));
    this.profileName = this.desired.value.profile ?? options.profile ?? 'horizontal';
    this.profile = PROFILES[this.profileName];
    this.launcher = new ObsLauncher({
      dataDir: options.dataDir,
      platform: this.platform,
      env: this.env,
      xvfbPath: options.xvfbPath,
      startupTimeoutMs: options.startupTimeoutMs,
      log: this.log,
    });
    this.stopRequested = new Promise<never>((_, reject) => (this.rejectStop = reject));
    this.stopRequested.catch(() => undefined);
    this.client = new ObsClient(options.client);
    this.client.onStatus((status) => this.onClientStatus(status));
    this.session = {
      client: this.client,
      desired: this.desired,
      log: this.log,
      dataDir: options.dataDir,
      isRunning: () => this.phase === 'running',
      requireConnected: () => {
        if (this.state.status !== 'connected' || this.client.status !== 'identified') throw new NotConnectedError(this.state.message);
      },
    };
  }

  /** The services, in the order they put the show back after each connection (before {@link start}). */
  useServices(services: EngineService[]): void {
    this.services = services;
  }

  /** OBS's status now. */
  get obs(): SupervisorState {
    return { ...this.state };
  }

  /** Pid of the OBS being supervised, if any. */
  get obsPid(): number | null {
    return this.handle?.isAlive() ? this.handle.pid : null;
  }

  /** True when the current OBS was found running rather than launched. */
  get isAttached(): boolean {
    return this.handle?.isAttached ?? false;
  }

  /** The video profile OBS runs with. */
  get activeProfile(): ProfileName {
    return this.profileName;
  }

  /** Folder OBS records into (inside the engine's data dir). */
  get recordingDir(): string {
    return join(this.options.dataDir, 'recordings');
  }

  /** The end of OBS's log with secrets removed: the only place OBS says why an output failed. */
  obsLogTail(secrets: string[] = []): string {
    return readLogTail(this.launcher.logFile, secrets);
  }

  /** Listens to status changes; returns the unsubscribe function. */
  onChange(listener: (s: SupervisorState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts supervising (idempotent). */
  start(): void {
    this.loop ??= this.run().catch((err) => {
      this.log.error('engine supervisor stopped on an unexpected error', { err });
      this.setState({ status: 'error', message: 'The OBS engine hit an internal error and stopped. Restart the studio.' });
    });
  }

  /** Stops supervising; by default also stops OBS (outputs first), else leaves it running for the next app start. */
  async stop(options: { keepObsRunning?: boolean } = {}): Promise<void> {
    // An OBS that never finished starting has nothing to save and may not handle SIGINT yet: short grace.
    const graceMs = this.state.status === 'connected' ? 8000 : 1500;
    this.isStopping = true;
    this.rejectStop(new Error('stopping'));
    this.wake?.();
    this.endRun?.({ kind: 'stop' });
    await this.loop;
    this.stopWatchdog();
    const handle = this.handle;
    if (!options.keepObsRunning && handle?.isAlive() && this.client.status === 'identified') {
      for (const service of this.services) {
        await service.beforeObsStop?.().catch((err: unknown) => this.log.warn('could not stop outputs before shutdown', { err }));
      }
    }
    await this.client.stop();
    if (!options.keepObsRunning) {
      if (handle?.isAlive()) await handle.stop(graceMs);
      await this.launcher.stopDisplay();
      clearSession(this.options.dataDir);
    }
    this.handle = null;
    this.phase = 'down';
  }

  /** Resolves once OBS is connected and the show is put back; rejects with NotConnectedError after `timeoutMs`. */
  async whenConnected(timeoutMs: number): Promise<void> {
    const isReady = () => this.state.status === 'connected' && this.phase === 'running';
    if (isReady()) return;
    let off = () => {};
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new NotConnectedError(this.state.message ?? `OBS did not connect within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      off = this.onChange(() => {
        if (!isReady()) return;
        clearTimeout(timer);
        off();
        resolve();
      });
    });
    try {
      await Promise.race([ready, this.stopRequested]);
    } finally {
      off();
    }
  }

  /**
   * Changes the video profile (16:9, 9:16, low power). OBS cannot change its canvas while an output runs, and the
   * scenes are laid out for a canvas, so the engine restarts OBS with the new profile and rebuilds the show.
   */
  async setProfile(name: ProfileName): Promise<void> {
    this.session.requireConnected();
    if (name === this.profileName) return;
    const [stream, record] = await Promise.all([this.client.call('GetStreamStatus'), this.client.call('GetRecordStatus')]);
    if (stream.outputActive || record.outputActive) {
      throw new RejectedError('Stop the stream and the recording before changing the video profile.', { key: 'profileWhileLive' });
    }
    const profile = PROFILES[name];
    this.desired.update((d) => (d.profile = name));
    this.profileName = name;
    this.profile = profile;
    this.nextStartMessage = `Restarting OBS with the ${name} profile (${profile.width}x${profile.height}, ${profile.fps} fps)…`;
    this.setState({ status: 'starting', message: this.nextStartMessage });
    this.endRun?.({ kind: 'restart' });
  }

  // ---------------------------------------------------------------------------------------------------------------

  private async run(): Promise<void> {
    const location = locateObs({ ...this.options.locate, platform: this.platform, env: this.env });
    if (!location.found) {
      this.setState({ status: 'unavailable', message: location.message, version: null });
      this.log.warn('OBS not found', { tried: location.tried });
      return;
    }
    const binary = location.path;
    let attempt = 0;
    while (!this.isStopping) {
      const startedAt = Date.now();
      let end: RunEnd;
      let wasRunning = false;
      try {
        end = await this.runOnce(binary, attempt);
      } catch (err) {
        if (this.isStopping) return;
        if (err instanceof FatalError) {
          this.setState({ status: 'error', message: err.message, version: null });
          this.log.error('OBS cannot start', { reason: err.message });
          return;
        }
        end = { kind: 'exit', exit: { code: null, signal: null } };
        this.setState({ status: 'error', message: (err as Error).message });
        this.log.warn('OBS start failed', { reason: (err as Error).message });
      } finally {
        wasRunning = this.phase === 'running';
        this.phase = 'down';
        this.stopWatchdog();
        for (const service of this.services) service.onDisconnected?.();
      }
      if (this.isStopping || end.kind === 'stop') return;
      await this.client.stop();
      if (this.handle?.isAlive()) {
        // A planned restart shuts OBS down cleanly; otherwise the process is one we cannot control (wrong password,
        // hung): replace it with a fresh one.
        await this.handle.stop(end.kind === 'restart' ? 8000 : 3000);
      }
      this.handle = null;
      clearSession(this.options.dataDir);
      if (end.kind === 'exit' && wasRunning) {
        const how = end.exit.signal ? `signal ${end.exit.signal}` : `exit code ${end.exit.code ?? 'unknown'}`;
        this.setState({ status: 'reconnecting', message: `OBS stopped unexpectedly (${how}). Restarting it…` });
        this.log.warn('OBS exited', { ...end.exit });
      } else if (end.kind === 'hung') {
        this.setState({ status: 'reconnecting', message: 'OBS stopped answering. Restarting it…' });
      }
      if (end.kind === 'restart') {
        attempt = 0;
        continue;
      }
      attempt = Date.now() - startedAt > STABLE_RUN_MS ? 1 : attempt + 1;
      const delay = Math.min((this.options.relaunchInitialMs ?? 500) * 2 ** (attempt - 1), this.options.relaunchMaxMs ?? 15_000);
      await this.sleep(delay);
    }
  }

  /** One life of OBS: attach or launch, connect, put the show back, then wait until it ends. */
  private async runOnce(binary: string, attempt: number): Promise<RunEnd> {
    let endResolve!: (end: RunEnd) => void;
    const ended = new Promise<RunEnd>((r) => (endResolve = r));
    this.endRun = endResolve;
    let obs = this.launcher.attach();
    if (obs) {
      this.setState({ status: 'starting', message: 'Connecting to the OBS that is already running…' });
    } else {
      const startMessage = this.nextStartMessage ?? 'Starting OBS…';
      this.nextStartMessage = null;
      this.setState({ status: attempt === 0 ? 'starting' : this.state.status, message: attempt === 0 ? startMessage : this.state.message });
      const launched = await this.launcher.launch(
        binary,
        this.profile,
        this.recordingDir,
        (work) => this.abortable(work),
        (handle) => (this.handle = handle),
      );
      if ('exit' in launched) {
        this.setState({ status: 'error', message: launched.message });
        return { kind: 'exit', exit: launched.exit };
      }
      obs = launched;
    }
    this.handle = obs.handle;
    const { port, password } = obs;
    const handle = this.handle;
    void handle.exited.then((exit) => endResolve({ kind: 'exit', exit }));

    this.phase = 'applying';
    this.client.setEndpoint(`ws://127.0.0.1:${port}`, password);
    this.client.start();
    try {
      await this.abortable(this.client.waitIdentified(20_000));
    } catch (err) {
      if (this.client.status === 'auth-failed') {
        this.setState({ status: 'error', message: `${(err as Error).message} The studio restarts its OBS to take control again.` });
        return { kind: 'auth' };
      }
      if (!handle.isAlive()) return ended;
      this.setState({ status: 'reconnecting', message: 'OBS is running but does not accept the control connection. Restarting it…' });
      return { kind: 'hung' };
    }
    await this.abortable(this.restoreServices());
    this.phase = 'running';
    this.lastIdentifiedAt = Date.now();
    this.setState({ status: 'connected', message: null, version: this.client.identity?.obsVersion ?? null, profile: this.profileName });
    for (const service of this.services) service.onConnected?.();
    this.startWatchdog(endResolve);
    return ended;
  }

  /** Every service puts its part of the show back, in order, then the final reads run. */
  private async restoreServices(): Promise<void> {
    for (const service of this.services) await service.restore?.();
    for (const service of this.services) await service.afterRestore?.();
  }

  private abortable<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.stopRequested]);
  }

  private onClientStatus(status: string): void {
    if (this.phase !== 'running') return;
    if (status === 'identified') {
      this.lastIdentifiedAt = Date.now();
      // Same OBS, new connection: resync what we may have missed and put our state back.
      this.restoreServices()
        .then(() => {
          this.setState({ status: 'connected', message: null });
          for (const service of this.services) service.onConnected?.();
        })
        .catch((err) => this.log.warn('resync after reconnect failed', { err }));
    } else if (status === 'auth-failed') {
      this.endRun?.({ kind: 'auth' });
    } else if (status === 'closed' && this.handle?.isAlive()) {
      for (const service of this.services) service.onDisconnected?.();
      this.setState({ status: 'reconnecting', message: 'Lost the control connection to OBS; reconnecting…' });
    }
  }

  /** An OBS that keeps its process but never lets the engine back in for a while is hung: it is replaced. */
  private startWatchdog(endRun: (end: RunEnd) => void): void {
    this.stopWatchdog();
    this.watchdog = setInterval(() => {
      if (this.client.status === 'identified') this.lastIdentifiedAt = Date.now();
      else if (Date.now() - this.lastIdentifiedAt > HUNG_AFTER_MS) endRun({ kind: 'hung' });
    }, 1000);
    this.watchdog.unref();
  }

  private stopWatchdog(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
  }

  private setState(patch: Partial<SupervisorState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of [...this.listeners]) l(this.obs);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
