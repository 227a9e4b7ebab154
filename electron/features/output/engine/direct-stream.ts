import { checkServerUrl, pushUrl } from '../domain/destinations';
import type { DestinationHealth, OutputProblem } from '../domain/output';
import { explainObsStreamFailure } from '../domain/rtmp-errors';
import type { PlanDestination } from '../protocol/output-commands';
import { RejectedError } from '../../../core/engine/obs-session';
import type { ObsOutputs } from './obs-outputs';

/** What a direct stream needs: OBS's outputs, OBS's log (the only place that says why a stream failed), a change hook. */
export interface DirectStreamDeps {
  obs: ObsOutputs;
  /** The end of OBS's log with these secrets removed. */
  obsLogTail(secrets: string[]): string;
  onChange(): void;
}

/**
 * One destination sent by OBS's own stream output: its health row, kept from OBS's stream states, with the reason a
 * stream failed read from OBS's log in the words of `domain/rtmp-errors.ts`.
 */
export class DirectStream {
  private row: DestinationHealth;
  private readonly host: string;

  /** `isAlreadyLive`: a new engine adopts the stream OBS is still sending (reconcile). */
  constructor(
    readonly target: PlanDestination,
    private readonly deps: DirectStreamDeps,
    isAlreadyLive = false,
  ) {
    const parsed = checkServerUrl(target.server);
    this.host = parsed.ok ? parsed.address.host : 'the server';
    this.row = isAlreadyLive
      ? { id: target.id, status: 'live', bitrateKbps: null, liveSince: Date.now(), lastError: null, attempts: 0 }
      : { id: target.id, status: 'connecting', bitrateKbps: null, liveSince: null, lastError: null, attempts: 0 };
  }

  /** The destination's health row (a copy). */
  get health(): DestinationHealth {
    return structuredClone(this.row);
  }

  /** Streams OBS to the destination; on failure the row and the RejectedError say why, from OBS's log. */
  async go(): Promise<void> {
    const d = this.target;
    try {
      await this.deps.obs.startStream({ server: d.server, key: d.key });
      this.update({ status: 'live', liveSince: Date.now(), lastError: null, attempts: 0 });
    } catch (err) {
      const problem: OutputProblem =
        err instanceof RejectedError || /not connected/i.test((err as Error).message)
          ? { code: 'obs', message: (err as Error).message }
          : explainObsStreamFailure(this.deps.obsLogTail([d.key, pushUrl(d.server, d.key)]), this.host);
      this.update({ status: 'failed', lastError: problem, attempts: this.row.attempts + 1, liveSince: null, bitrateKbps: null });
      throw new RejectedError(problem.message);
    }
  }

  /** "Reconnect now": stops OBS's stream and starts it again. */
  async reconnect(): Promise<void> {
    this.update({ status: 'connecting', bitrateKbps: null, liveSince: null });
    await this.deps.obs.stopStream();
    await this.go();
  }

  /** OBS went away: the stream is down until the relaunched OBS goes live again. */
  onObsGone(): void {
    if (this.row.status !== 'live') return;
    this.update({
      status: 'reconnecting',
      liveSince: null,
      bitrateKbps: null,
      lastError: { code: 'obs', message: 'OBS stopped; the studio restarts it and goes live again.' },
    });
  }

  /** Each second's stream bitrate from the health readings. */
  onBitrate(bitrateKbps: number | null): void {
    if (this.row.status === 'live' && bitrateKbps !== this.row.bitrateKbps) this.update({ bitrateKbps });
  }

  /** OBS's StreamStateChanged: reconnecting, back, or given up (MaxRetries, or stopped in OBS itself). */
  onStreamState(state: string): void {
    if (state === 'OBS_WEBSOCKET_OUTPUT_RECONNECTING') {
      this.update({
        status: 'reconnecting',
        liveSince: null,
        bitrateKbps: null,
        lastError: { code: 'closed', message: `The connection to ${this.host} dropped; OBS is reconnecting.` },
      });
    } else if (state === 'OBS_WEBSOCKET_OUTPUT_RECONNECTED' || state === 'OBS_WEBSOCKET_OUTPUT_STARTED') {
      if (this.row.status !== 'live') this.update({ status: 'live', liveSince: Date.now(), lastError: null });
    } else if (state === 'OBS_WEBSOCKET_OUTPUT_STOPPED' && (this.row.status === 'live' || this.row.status === 'reconnecting')) {
      const problem = explainObsStreamFailure(this.deps.obsLogTail([this.target.key]), this.host);
      this.update({ status: 'failed', liveSince: null, bitrateKbps: null, lastError: problem });
    }
  }

  private update(patch: Partial<DestinationHealth>): void {
    this.row = { ...this.row, ...patch };
    this.deps.onChange();
  }
}
