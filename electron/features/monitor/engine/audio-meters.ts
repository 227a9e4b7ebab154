import type { EngineService, ObsSession } from '../../../core/engine/obs-session';
import { levelOf, readMeterInputs, type AudioLevel, type ObsMeterInput } from '../domain/audio-levels';
import { INITIAL_MIC_SILENCE, micProblems, onLiveChange, onMeterReading, type MicProblem, type MicSilenceState } from '../domain/mic-silence';
import { MONITOR_LIMITS, type AudioMetersEvent } from '../protocol/monitor-events';

/** What the meters need besides OBS: the show's microphones, and a way to hand levels to the hub. */
export interface AudioMetersDeps {
  /** The microphones of the show and whether each is muted (the silence watch covers these). */
  microphones(): ReadonlyArray<{ name: string; isMuted: boolean }>;
  publish(event: AudioMetersEvent): Promise<void>;
  now?: () => number;
  leaseMs?: number;
}

/**
 * OBS's audio meters (its `InputVolumeMeters` event, 20 readings a second): the latest level of every audio source, sent
 * to windows ten times a second while one watches, and the silence watch that warns when a live microphone is muted or
 * picks nothing up. The watch runs whether or not a window looks: the warning matters most when nobody does.
 */
export class AudioMeters implements EngineService {
  private levels: AudioLevel[] = [];
  private readingAt = 0;
  private sentAt = 0;
  private readonly mutes = new Map<string, boolean>();
  private readonly asking = new Set<string>();
  private silence: MicSilenceState = INITIAL_MIC_SILENCE;
  private expiresAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => number;
  private readonly leaseMs: number;

  constructor(
    private readonly session: ObsSession,
    private readonly deps: AudioMetersDeps,
  ) {
    this.now = deps.now ?? Date.now;
    this.leaseMs = deps.leaseMs ?? MONITOR_LIMITS.leaseMs;
    session.client.on('InputVolumeMeters', ({ inputs }) => this.onReading(readMeterInputs(inputs)));
    session.client.on('InputMuteStateChanged', ({ inputName, inputMuted }) => this.mutes.set(inputName, inputMuted));
    session.client.on('InputNameChanged', ({ oldInputName }) => this.mutes.delete(oldInputName));
  }

  /** The latest level of every audio source OBS measures. */
  get latest(): AudioLevel[] {
    return this.levels.map((l) => ({ ...l }));
  }

  /** Starts or renews the window's watch: levels go to the hub ten times a second until it lapses. */
  watch(): void {
    this.expiresAt = this.now() + this.leaseMs;
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), 1000 / MONITOR_LIMITS.metersPerSecond);
    this.timer.unref();
  }

  /** The show went live or off air (the silence watch counts live time only). */
  setLive(isLive: boolean): void {
    this.silence = onLiveChange(this.silence, this.now(), isLive);
  }

  /** What is wrong with the show's microphones now; empty off air. */
  problems(): MicProblem[] {
    return micProblems(this.silence, this.now(), this.deps.microphones());
  }

  onConnected(): void {
    // Mute states may have changed while OBS was away (or it is a new OBS): ask again as sources show up.
    this.mutes.clear();
  }

  onDisconnected(): void {
    this.levels = [];
  }

  /** Stops sending (the engine is stopping). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private onReading(inputs: ObsMeterInput[]): void {
    const at = this.now();
    this.levels = inputs.slice(0, MONITOR_LIMITS.maxSources).map((input) => levelOf(input, this.isMuted(input.inputName)));
    this.readingAt = at;
    this.silence = onMeterReading(
      this.silence,
      at,
      this.deps.microphones().map((m) => m.name),
      this.levels,
    );
  }

  /** A source's mute state as OBS last said; the first time a source is heard, OBS is asked (false meanwhile). */
  private isMuted(source: string): boolean {
    const known = this.mutes.get(source);
    if (known !== undefined) return known;
    if (!this.asking.has(source) && this.session.isRunning()) {
      this.asking.add(source);
      this.session.client
        .call('GetInputMute', { inputName: source })
        .then(({ inputMuted }) => {
          if (!this.mutes.has(source)) this.mutes.set(source, inputMuted);
        })
        .catch(() => undefined)
        .finally(() => this.asking.delete(source));
    }
    return false;
  }

  private tick(): void {
    if (this.now() > this.expiresAt) {
      this.stop();
      return;
    }
    // Only fresh readings: none while OBS is away, and no repeat of the last one.
    if (this.readingAt === this.sentAt) return;
    this.sentAt = this.readingAt;
    void this.deps.publish({ at: this.readingAt, levels: this.latest }).catch(() => undefined);
  }
}
