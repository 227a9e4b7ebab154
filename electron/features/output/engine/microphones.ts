import type { ObsClient } from '../../../core/engine/obs-client';
import type { EngineLogger } from '../../../core/engine/obs-session';
import type { EngineOutputState } from '../domain/output';
import { isDeviceProbe } from '../../scenes/domain/device-probe';

/** OBS input kinds that are microphones (for the pre-flight "mic not muted" check). */
const MIC_KINDS = new Set(['pulse_input_capture', 'alsa_input_capture', 'wasapi_input_capture', 'coreaudio_input_capture', 'jack_input_client', 'sndio_input_capture']);

/** The microphones OBS has and whether each is muted, kept current from OBS's events (pre-flight reads it). */
export class MicrophoneList {
  private mics: EngineOutputState['microphones'] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly client: ObsClient,
    private readonly log: EngineLogger,
    private readonly onChange: () => void,
  ) {
    client.on('InputMuteStateChanged', ({ inputName, inputMuted }) => {
      if (!this.mics.some((m) => m.name === inputName)) return;
      this.mics = this.mics.map((m) => (m.name === inputName ? { ...m, isMuted: inputMuted } : m));
      onChange();
    });
    for (const event of ['InputCreated', 'InputRemoved', 'InputNameChanged'] as const) client.on(event, () => this.refreshSoon());
  }

  /** The microphones now (copies). */
  get list(): EngineOutputState['microphones'] {
    return this.mics.map((m) => ({ ...m }));
  }

  /** Reads the list again shortly (several input events in a row make one read). */
  refreshSoon(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refresh().catch((err: unknown) => this.log.debug('microphone list failed', { err }));
    }, 100);
    this.timer.unref();
  }

  /** Stops a pending read (the engine is stopping). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async refresh(): Promise<void> {
    if (this.client.status !== 'identified') return;
    const { inputs } = await this.client.call('GetInputList');
    const list: EngineOutputState['microphones'] = [];
    // The scenes feature's device probe is a microphone input for a moment: it is not the anchor's microphone.
    const mics = (inputs as Array<{ inputName: string; inputKind: string }>).filter((i) => MIC_KINDS.has(i.inputKind) && !isDeviceProbe(i.inputName));
    for (const m of mics) {
      const { inputMuted } = await this.client.call('GetInputMute', { inputName: m.inputName });
      list.push({ name: m.inputName, isMuted: inputMuted });
    }
    this.mics = list;
    this.onChange();
  }
}
