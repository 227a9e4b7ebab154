import { THUMBNAIL_LIMITS, type ThumbnailsEvent } from '../protocol/thumbnail-commands';

/** What the watcher needs: a way to capture one scene and a way to hand a batch to the hub. */
export interface ThumbnailDeps {
  /** Returns a data URI, or throws when the scene cannot be captured (gone, OBS down). */
  capture(scene: string, width: number): Promise<string>;
  publish(event: ThumbnailsEvent): Promise<void>;
  now?: () => number;
  leaseMs?: number;
}

/** The current watch request. */
export interface ThumbnailWatch {
  scenes: string[];
  width: number;
  intervalMs: number;
}

/**
 * Captures scene thumbnails at a low rate only while a UI keeps renewing its watch: an unrenewed watch expires, so
 * a closed panel or a crashed window costs OBS nothing. Watches add up: each name (a scene, or a camera the setup
 * previews) is captured until its own lease runs out, so two panels watching different things do not take turns.
 */
export class ThumbnailWatcher {
  /** Name -> when its lease runs out. */
  private readonly leases = new Map<string, number>();
  private width = 160;
  private intervalMs = 1000;
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;
  private readonly now: () => number;
  private readonly leaseMs: number;

  constructor(private readonly deps: ThumbnailDeps) {
    this.now = deps.now ?? Date.now;
    this.leaseMs = deps.leaseMs ?? THUMBNAIL_LIMITS.leaseMs;
  }

  /** True while a watch is active. */
  get isActive(): boolean {
    return this.timer !== null;
  }

  /** What is being captured, if anything. */
  get watching(): ThumbnailWatch | null {
    return this.isActive ? { scenes: this.liveNames(), width: this.width, intervalMs: this.intervalMs } : null;
  }

  /** Starts or renews a watch of these names (the latest width and rate apply to all); an empty list stops every watch. */
  watch(scenes: string[], width = 160, intervalMs = 1000): void {
    if (scenes.length === 0) {
      this.stop();
      return;
    }
    const changedRate = this.intervalMs !== intervalMs;
    const expiresAt = this.now() + this.leaseMs;
    for (const name of scenes) this.leases.set(name, expiresAt);
    this.width = width;
    this.intervalMs = intervalMs;
    if (!this.timer || changedRate) {
      if (this.timer) clearInterval(this.timer);
      this.timer = setInterval(() => void this.tick(), intervalMs);
      this.timer.unref();
      void this.tick();
    }
  }

  /** Stops capturing. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.leases.clear();
  }

  /** One capture round; while the previous round still runs, returns that one instead of starting another. */
  tick(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (!this.timer) return Promise.resolve();
    const scenes = this.liveNames();
    if (scenes.length === 0) {
      this.stop();
      return Promise.resolve();
    }
    this.inFlight = this.capture({ scenes, width: this.width, intervalMs: this.intervalMs }).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** The names whose lease still runs (expired ones are forgotten). */
  private liveNames(): string[] {
    const now = this.now();
    for (const [name, expiresAt] of this.leases) if (now > expiresAt) this.leases.delete(name);
    return [...this.leases.keys()];
  }

  private async capture(watch: ThumbnailWatch): Promise<void> {
    try {
      const images: Record<string, string> = {};
      for (const scene of watch.scenes) {
        try {
          images[scene] = await this.deps.capture(scene, watch.width);
        } catch {
          // A scene that vanished or an OBS restart: leave it out of this round.
        }
      }
      if (Object.keys(images).length > 0) await this.deps.publish({ at: this.now(), images });
    } catch {
      // The hub was busy or away; the next round tries again.
    }
  }
}
