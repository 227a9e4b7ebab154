import { THUMBNAIL_LIMITS, type ThumbnailsEvent } from '../protocol/thumbnail-events';

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
 * Captures thumbnails (of scenes, or of single sources such as a camera) at a low rate only while a UI keeps renewing
 * its watch. Every window's watch counts: each name is captured until its own lease ends, so the scene panel and the
 * setup's camera previews never take turns; an unrenewed watch expires, so a closed panel or a crashed window costs
 * OBS nothing.
 */
export class ThumbnailWatcher {
  /** Name -> its lease and the width last asked for it. */
  private readonly leases = new Map<string, { expiresAt: number; width: number }>();
  private intervalMs = 0;
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

  /** The names watched now (leases not yet run out), the widest width asked and the rate; null when none. */
  get watching(): ThumbnailWatch | null {
    const live = this.liveLeases();
    if (live.length === 0) return null;
    return { scenes: live.map(([name]) => name), width: Math.max(...live.map(([, l]) => l.width)), intervalMs: this.intervalMs };
  }

  /** Starts or renews a watch of these names; an empty list stops every watch. */
  watch(scenes: string[], width = 160, intervalMs = 1000): void {
    if (scenes.length === 0) {
      this.stop();
      return;
    }
    const expiresAt = this.now() + this.leaseMs;
    for (const name of scenes) this.leases.set(name, { expiresAt, width });
    if (!this.timer || intervalMs !== this.intervalMs) {
      if (this.timer) clearInterval(this.timer);
      this.intervalMs = intervalMs;
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
    const live = this.liveLeases();
    if (live.length === 0) {
      this.stop();
      return Promise.resolve();
    }
    this.inFlight = this.capture(live).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** The leases still running, dropping the ones that ran out. */
  private liveLeases(): Array<[string, { expiresAt: number; width: number }]> {
    const now = this.now();
    for (const [name, lease] of this.leases) if (lease.expiresAt < now) this.leases.delete(name);
    // The hub takes at most maxScenes images per batch: the most recently renewed names first.
    return [...this.leases].sort((a, b) => b[1].expiresAt - a[1].expiresAt).slice(0, THUMBNAIL_LIMITS.maxScenes);
  }

  private async capture(live: Array<[string, { width: number }]>): Promise<void> {
    try {
      const images: Record<string, string> = {};
      for (const [name, { width }] of live) {
        try {
          images[name] = await this.deps.capture(name, width);
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
