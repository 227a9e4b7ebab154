import type { EngineService, ObsSession } from '../../../core/engine/obs-session';
import { describeHealthAlert, sortAlerts, type HealthAlert } from '../domain/health-alerts';
import type { ObsHealth } from '../domain/obs-health';
import { computeHealth, type HealthSample } from './health';

/**
 * OBS's health, read once a second while OBS is connected: frame rate, CPU, skipped frames, the stream's bitrate and
 * congestion, with plain-words alerts. Null while OBS is away. Telemetry: reported on its own, never saved.
 */
export class HealthService implements EngineService {
  private health: ObsHealth | null = null;
  private lastSample: HealthSample | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(health: ObsHealth | null) => void>();

  constructor(
    private readonly session: ObsSession,
    /** Frame rate the profile asks for (the fps alert compares against it). */
    private readonly targetFps: () => number,
    /** Problems other engine parts see (a live microphone muted or silent), told with each reading. */
    private readonly otherAlerts: (isStreaming: boolean) => HealthAlert[] = () => [],
    private readonly intervalMs = 1000,
  ) {}

  /** The last reading; null while OBS is not connected. */
  get latest(): ObsHealth | null {
    return this.health;
  }

  /** Listens to every reading (and to null when OBS goes away); returns the unsubscribe function. */
  onChange(listener: (health: ObsHealth | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onConnected(): void {
    this.stopSampling();
    this.lastSample = null;
    this.timer = setInterval(() => {
      if (this.session.client.status !== 'identified') return;
      this.sample()
        .then((health) => {
          if (this.session.isRunning()) this.set(health);
        })
        .catch((err) => this.session.log.debug('health sample failed', { err }));
    }, this.intervalMs);
    this.timer.unref();
  }

  onDisconnected(): void {
    this.stopSampling();
    this.set(null);
  }

  /** Stops reading (the engine is stopping). */
  stop(): void {
    this.stopSampling();
  }

  private stopSampling(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async sample(): Promise<ObsHealth> {
    const { client } = this.session;
    const stats = await client.call('GetStats', undefined, { timeoutMs: 2000 });
    let stream: HealthSample['stream'] = null;
    try {
      const s = await client.call('GetStreamStatus', undefined, { timeoutMs: 2000 });
      stream = { isActive: s.outputActive, isReconnecting: s.outputReconnecting, congestion: s.outputCongestion ?? 0, bytes: s.outputBytes };
    } catch {
      stream = null;
    }
    const sample: HealthSample = {
      at: Date.now(),
      cpuUsage: stats.cpuUsage,
      activeFps: stats.activeFps,
      renderSkippedFrames: stats.renderSkippedFrames,
      renderTotalFrames: stats.renderTotalFrames,
      outputSkippedFrames: stats.outputSkippedFrames,
      outputTotalFrames: stats.outputTotalFrames,
      stream,
    };
    const health = computeHealth(this.lastSample, sample, this.targetFps());
    this.lastSample = sample;
    const others = this.otherAlerts(health.isStreaming);
    if (others.length === 0) return health;
    const alerts = sortAlerts([...others, ...(health.alerts ?? [])]);
    return { ...health, alerts, warnings: alerts.map(describeHealthAlert) };
  }

  private set(health: ObsHealth | null): void {
    if (health === null && this.health === null) return;
    this.health = health;
    for (const l of [...this.listeners]) l(health);
  }
}
