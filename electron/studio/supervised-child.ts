import type { FromChild, ToChild } from './process-messages';
import type { ChildRole, SpawnChild, StudioChild } from './studio-child';

/** The studio's own log lines (the hub's Logger fits). */
export interface StudioLog {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** When a crashed child comes back: the first delay doubles per crash in a row, up to the max. */
export interface RestartPolicy {
  initialMs?: number;
  maxMs?: number;
  /** A child that ran this long before crashing starts the backoff again from the first delay. */
  stableAfterMs?: number;
}

/** What a child said when it became ready. */
export type ReadyMessage = Extract<FromChild, { type: 'ready' }>;

/** How to supervise one child. */
export interface SupervisedChildOptions {
  role: ChildRole;
  spawn: SpawnChild;
  /** The start message's config, asked again for every restart (the hub keeps the port it got the first time). */
  config: () => unknown;
  log: StudioLog;
  restart?: RestartPolicy;
  /** Every time the child is ready: the first start and each restart (`restarts` counts the restarts so far). */
  onReady?: (message: ReadyMessage, restarts: number) => void;
}

/**
 * Runs one child process of the studio and keeps it running: a crash (exit the studio did not ask for) restarts it
 * with backoff, forever, while the rest of the studio keeps serving. Only `stop` ends it.
 */
export class SupervisedChild {
  private child: StudioChild | null = null;
  private isStopping = false;
  private restartTimer: NodeJS.Timeout | null = null;
  private delayMs = 0;
  private startedAt = 0;
  private readonly listeners = new Set<(message: FromChild) => void>();
  private readonly exitListeners = new Set<() => void>();
  /** Restarts after a crash so far. */
  restarts = 0;

  constructor(private readonly options: SupervisedChildOptions) {}

  /** Pid of the running child, or null between a crash and its restart. */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  /**
   * Starts the child and resolves once it is ready. A first start that fails rejects with the child's reason (the
   * studio cannot run without it); later crashes restart it instead.
   */
  start(): Promise<ReadyMessage> {
    return new Promise((resolve, reject) => {
      let isFirst = true;
      const off = this.listen((message) => {
        if (!isFirst) return;
        if (message.type === 'ready') {
          isFirst = false;
          off();
          offExit();
          resolve(message);
        } else if (message.type === 'fatal') {
          isFirst = false;
          off();
          offExit();
          this.isStopping = true;
          reject(new Error(message.message));
        }
      });
      const offExit = this.onExitOnce(() => {
        if (!isFirst) return;
        isFirst = false;
        off();
        this.isStopping = true;
        reject(new Error(`The ${this.options.role} process exited before it was ready; its log lines above say why.`));
      });
      this.spawn();
    });
  }

  /** Sends a message and resolves true once the child answers with `answer`; false on timeout or exit. */
  request(message: ToChild, answer: FromChild['type'], timeoutMs: number): Promise<boolean> {
    const child = this.child;
    if (!child) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (value: boolean) => {
        clearTimeout(timer);
        off();
        offExit();
        resolve(value);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      const off = this.listen((m) => m.type === answer && done(true));
      const offExit = this.onExitOnce(() => done(false));
      child.post(message);
    });
  }

  /** Stops supervising and ends the child: `message` first, SIGKILL when it has not exited after `timeoutMs`. */
  async stop(message: ToChild, timeoutMs: number): Promise<void> {
    this.isStopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => this.onExitOnce(resolve));
    child.post(message);
    const timer = setTimeout(() => {
      this.options.log.warn(`the ${this.options.role} process did not stop in time; killing it`, { pid: child.pid });
      child.kill('SIGKILL');
    }, timeoutMs);
    await exited;
    clearTimeout(timer);
  }

  /** Kills the running child as a crash would (tests, and a hung child); the supervisor restarts it. */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    this.child?.kill(signal);
  }

  /** Resolves on the child's next `ready` (after a restart), or rejects after `timeoutMs`. */
  nextReady(timeoutMs: number): Promise<ReadyMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`The ${this.options.role} process was not ready again within ${timeoutMs / 1000} s.`));
      }, timeoutMs);
      const off = this.listen((m) => {
        if (m.type !== 'ready') return;
        clearTimeout(timer);
        off();
        resolve(m);
      });
    });
  }

  private spawn(): void {
    const { role, log } = this.options;
    const child = this.options.spawn(role);
    this.child = child;
    this.startedAt = Date.now();
    child.onMessage((message) => {
      if (child !== this.child) return;
      if (message.type === 'ready') this.options.onReady?.(message, this.restarts);
      if (message.type === 'fatal') log.error(`the ${role} process cannot start`, { reason: message.message });
      for (const listener of [...this.listeners]) listener(message);
    });
    child.onExit((code, signal) => {
      if (child !== this.child) return;
      this.child = null;
      for (const listener of [...this.exitListeners]) listener();
      if (this.isStopping) return;
      this.scheduleRestart(code, signal);
    });
    child.post({ type: 'start', config: this.options.config() });
  }

  private scheduleRestart(code: number | null, signal: string | null): void {
    const policy = { initialMs: 250, maxMs: 10_000, stableAfterMs: 60_000, ...this.options.restart };
    const ranMs = Date.now() - this.startedAt;
    this.delayMs = ranMs >= policy.stableAfterMs || this.delayMs === 0 ? policy.initialMs : Math.min(this.delayMs * 2, policy.maxMs);
    this.options.log.warn(`the ${this.options.role} process ended unexpectedly; restarting it`, {
      code,
      signal,
      ranMs,
      restartInMs: this.delayMs,
    });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.isStopping) return;
      this.restarts += 1;
      this.spawn();
    }, this.delayMs);
  }

  private listen(listener: (message: FromChild) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private onExitOnce(listener: () => void): () => void {
    const once = () => {
      this.exitListeners.delete(once);
      listener();
    };
    this.exitListeners.add(once);
    return () => this.exitListeners.delete(once);
  }
}
