import { until, type EngineService, type ObsSession } from '../../../core/engine/obs-session';
import type { StreamTarget } from '../../../core/engine/desired-state';
import { DEFAULT_RECORDING_NAME, recordingFileFormat } from '../domain/recording-name';

/** How long each backup recording file runs before OBS starts the next: a long show is never one fragile file. */
export const DEFAULT_SPLIT_MINUTES = 30;

/**
 * OBS's own outputs: the stream (to a destination or to the local relay) and the backup recording. What should run is
 * kept in the desired state, so a relaunched OBS goes live and records again; a stream OBS gave up on (or someone
 * stopped in OBS itself) is not restarted.
 */
export class ObsOutputs implements EngineService {
  private isStreamCommandRunning = false;
  /** The show the recording's files are named after (kept for a relaunched OBS, which records again). */
  private recordingName = DEFAULT_RECORDING_NAME;

  constructor(
    private readonly session: ObsSession,
    /** Where OBS writes its recordings (seeded into its profile). */
    readonly recordingDir: string,
    /** Minutes per recording file (OBS's own file splitting). */
    private readonly splitMinutes = DEFAULT_SPLIT_MINUTES,
  ) {
    session.client.on('StreamStateChanged', ({ outputState }) => {
      // OBS gave up (MaxRetries) or someone stopped it in OBS itself: do not restart it after a crash.
      if (session.isRunning() && outputState === 'OBS_WEBSOCKET_OUTPUT_STOPPED' && !this.isStreamCommandRunning) {
        session.desired.update((d) => (d.stream.isLive = false));
      }
    });
  }

  /**
   * Streams to `target` (or the last target) and remembers to be live, so a relaunch after a crash goes live again.
   * Resolves once OBS reports the output active; rejects with OBS's reason otherwise.
   */
  async startStream(target?: StreamTarget): Promise<void> {
    this.session.requireConnected();
    const chosen = target ?? this.session.desired.value.stream.target;
    if (!chosen) throw new Error('No stream destination is set. Choose where to go live first.');
    this.session.log.addSecret?.(chosen.key);
    this.session.desired.update((d) => (d.stream = { target: chosen, isLive: true }));
    await this.goLive(chosen);
  }

  /** Stops streaming and forgets to be live. */
  async stopStream(): Promise<void> {
    this.session.requireConnected();
    const { client, desired } = this.session;
    desired.update((d) => (d.stream.isLive = false));
    const status = await client.call('GetStreamStatus');
    if (!status.outputActive) return;
    this.isStreamCommandRunning = true;
    try {
      await client.output('StopStream');
      // The STOPPED event can come a moment before GetStreamStatus stops saying active.
      await until(async () => !(await client.call('GetStreamStatus')).outputActive, 5000);
    } finally {
      this.isStreamCommandRunning = false;
    }
  }

  /** True while OBS's stream output runs. */
  async isStreaming(): Promise<boolean> {
    return (await this.session.client.call('GetStreamStatus')).outputActive;
  }

  /**
   * After the show: forgets the destination so OBS's profile (service.json and its backup, plain text) no longer keeps
   * the stream key.
   */
  async forgetStreamTarget(): Promise<void> {
    this.session.desired.update((d) => (d.stream = { target: null, isLive: false }));
    if (!this.session.isRunning() || this.session.client.status !== 'identified') return;
    // OBS saves service.json safely: the file it replaces becomes service.json.bak. Saved twice, the backup is empty
    // too, instead of keeping the show's key.
    for (let save = 0; save < 2; save += 1) {
      await this.session.client.call('SetStreamServiceSettings', {
        streamServiceType: 'rtmp_custom',
        streamServiceSettings: { server: '', key: '', use_auth: false },
      });
    }
  }

  /**
   * Forgets that OBS should be live or recording, so no relaunch or reattach goes live again (the show ended while
   * this engine was away). OBS's outputs themselves are stopped by the caller once connected.
   */
  forgetLive(): void {
    this.session.desired.update((d) => {
      d.stream = { ...d.stream, isLive: false };
      d.isRecording = false;
    });
  }

  /**
   * Starts the backup recording (files named after `name`, the show) and remembers it, so a relaunch after a crash
   * records again.
   */
  async startRecording(name?: string): Promise<void> {
    this.session.requireConnected();
    if (name) this.recordingName = name;
    this.session.desired.update((d) => (d.isRecording = true));
    await this.beginRecording();
  }

  /** Stops the recording; resolves with the finished file's path, or null when none was running. */
  async stopRecording(): Promise<string | null> {
    const { client, desired } = this.session;
    desired.update((d) => (d.isRecording = false));
    if (client.status !== 'identified') return null;
    const status = await client.call('GetRecordStatus');
    if (!status.outputActive) return null;
    const answer = await client.output('StopRecord');
    await until(async () => !(await client.call('GetRecordStatus')).outputActive, 10_000);
    return (answer as { outputPath?: string } | undefined)?.outputPath ?? null;
  }

  /** The recording running now, with how long it has run; null when none is. */
  async recordingStatus(): Promise<{ durationMs: number } | null> {
    const status = await this.session.client.call('GetRecordStatus');
    return status.outputActive ? { durationMs: status.outputDuration } : null;
  }

  /** After a relaunch or reconnect: live again if the show was, recording again if it was. */
  async restore(): Promise<void> {
    const { desired, log } = this.session;
    const { stream, isRecording } = desired.value;
    if (stream.isLive && stream.target) {
      try {
        await this.goLive(stream.target);
      } catch (err) {
        // Scenes are back even if the destination is not: report, and let the anchor retry going live.
        log.warn('could not go live again after the restart', { reason: (err as Error).message });
      }
    }
    if (isRecording) await this.beginRecording().catch((err) => log.warn('could not record again after the restart', { reason: (err as Error).message }));
  }

  /** Quitting or a profile change: the stream and the recording end cleanly before OBS does. */
  async beforeObsStop(): Promise<void> {
    const { client } = this.session;
    const stream = await client.call('GetStreamStatus', undefined, { timeoutMs: 2000 });
    if (stream.outputActive) await client.output('StopStream');
    const record = await client.call('GetRecordStatus', undefined, { timeoutMs: 2000 });
    if (record.outputActive) await client.output('StopRecord');
  }

  private async beginRecording(): Promise<void> {
    const { client } = this.session;
    const status = await client.call('GetRecordStatus');
    if (status.outputActive) return;
    // OBS reads these from its profile as the recording starts: a new file every `splitMinutes`, each named after the
    // show and the time it began (OBS 28 and later split files themselves; the websocket sets the profile).
    const profile: [string, string, string][] = [
      ['AdvOut', 'RecSplitFile', 'true'],
      ['AdvOut', 'RecSplitFileType', 'Time'],
      ['AdvOut', 'RecSplitFileTime', String(this.splitMinutes)],
      ['Output', 'FilenameFormatting', recordingFileFormat(this.recordingName)],
    ];
    for (const [parameterCategory, parameterName, parameterValue] of profile) {
      await client.call('SetProfileParameter', { parameterCategory, parameterName, parameterValue });
    }
    await client.output('StartRecord');
    await until(async () => (await client.call('GetRecordStatus')).outputActive, 5000);
  }

  private async goLive(target: StreamTarget): Promise<void> {
    const { client } = this.session;
    const status = await client.call('GetStreamStatus');
    if (status.outputActive) return;
    await client.call('SetStreamServiceSettings', {
      streamServiceType: 'rtmp_custom',
      streamServiceSettings: { server: target.server, key: target.key, use_auth: false },
    });
    this.isStreamCommandRunning = true;
    try {
      await client.output('StartStream');
    } finally {
      this.isStreamCommandRunning = false;
    }
    try {
      await until(async () => (await client.call('GetStreamStatus')).outputActive, 2000);
    } catch {
      // Why a connection failed is only in OBS's log (never in websocket events).
      throw new Error(`OBS could not start the stream to ${target.server}. Check that the destination is reachable.`);
    }
  }
}
