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
 * a closed panel or a crashed window costs OBS nothing.
 */
export class ThumbnailWatcher {
  private current: ThumbnailWatch | null = null;
  private expiresAt = 0;
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
    return this.current !== null;
  }

  /** The active watch, if any. */
  get watching(): ThumbnailWatch | null {
    return this.current ? { ...this.current, scenes: [...this.current.scenes] } : null;
  }

  /** Starts or renews a watch; an empty scene list stops it. */
  watch(scenes: string[], width = 160, intervalMs = 1000): void {
    if (scenes.length === 0) {
      this.stop();
      return;
    }
    const changedRate = this.current?.intervalMs !== intervalMs;
    this.current = { scenes: [...new Set(scenes)], width, intervalMs };
    this.expiresAt = this.now() + this.leaseMs;
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
    this.current = null;
  }

  /** One capture round; while the previous round still runs, returns that one instead of starting another. */
  tick(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    const watch = this.current;
    if (!watch) return Promise.resolve();
    if (this.now() > this.expiresAt) {
      this.stop();
      return Promise.resolve();
    }
    this.inFlight = this.capture(watch).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
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
