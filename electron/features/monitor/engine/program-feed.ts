import { MONITOR_LIMITS, type MonitorFrameEvent, type MonitorView } from '../protocol/monitor-events';

/** What the feed needs: the scenes on program and preview, a way to capture one, a way to hand a frame to the hub. */
export interface ProgramFeedDeps {
  /** The scene on each view now; preview is null outside studio mode. */
  views(): Record<MonitorView, string | null>;
  /** Returns a JPEG data URI of the scene at this width, or throws (OBS away, scene gone). */
  capture(scene: string, width: number): Promise<string>;
  /** Resolves once the hub took the frame: one frame in flight at a time is the feed's back-pressure. */
  publish(frame: MonitorFrameEvent): Promise<void>;
  now?: () => number;
  leaseMs?: number;
}

/** One window's wish for a view, alive until `expiresAt` unless renewed. */
interface ViewWatch {
  expiresAt: number;
  width: number;
  fps: number;
}

/**
 * The program monitor's frames: OBS's own rendering of the program (and preview) scene, captured at a steady rate
 * only while some window renews its watch. Frames are paced (capture, hand over, wait out the rest of the interval),
 * so a slow OBS or hub lowers the rate instead of piling frames up. docs/obs-engine.md says why screenshots.
 */
export class ProgramFeed {
  private readonly watches = new Map<MonitorView, ViewWatch>();
  private running: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private readonly now: () => number;
  private readonly leaseMs: number;

  constructor(private readonly deps: ProgramFeedDeps) {
    this.now = deps.now ?? Date.now;
    this.leaseMs = deps.leaseMs ?? MONITOR_LIMITS.leaseMs;
  }

  /** The views being captured now. */
  get activeViews(): MonitorView[] {
    const now = this.now();
    return [...this.watches].filter(([, w]) => w.expiresAt >= now).map(([view]) => view);
  }

  /** Starts or renews a watch of these views; an empty list stops every view. */
  watch(views: readonly MonitorView[], width = 640, fps = 15): void {
    if (views.length === 0) {
      this.stop();
      return;
    }
    const now = this.now();
    const isNewView = views.some((view) => (this.watches.get(view)?.expiresAt ?? 0) < now);
    for (const view of views) this.watches.set(view, { expiresAt: now + this.leaseMs, width, fps });
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    // A renewal keeps the pace; a view newly asked for shows at once.
    if (isNewView) this.wake?.();
  }

  /** Stops capturing (the loop ends after the frame in flight). */
  stop(): void {
    this.watches.clear();
    this.wake?.();
  }

  /** Resolves once the loop ended (after `stop`, or when every watch lapsed). */
  async whenStopped(): Promise<void> {
    await this.running;
  }

  private async run(): Promise<void> {
    for (;;) {
      const started = this.now();
      const live = [...this.watches].filter(([, w]) => w.expiresAt >= started);
      if (live.length === 0) {
        this.watches.clear();
        return;
      }
      const scenes = this.deps.views();
      for (const [view, w] of live) {
        const scene = scenes[view];
        if (!scene) continue;
        try {
          const image = await this.deps.capture(scene, w.width);
          await this.deps.publish({ view, scene, at: started, image });
        } catch {
          // OBS away or the hub busy: the next round tries again.
        }
      }
      const fps = Math.max(...live.map(([, w]) => w.fps));
      await this.sleep(Math.max(0, 1000 / fps - (this.now() - started)));
    }
  }

  /** Waits out the interval, or less when a watch changes (a new view shows at once). */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref?.();
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}
