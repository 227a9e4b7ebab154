import { RejectedError, type EngineService, type ObsSession } from '../../../core/engine/obs-session';
import type { DeviceList } from '../domain/scenes';
import { enumerateDevices } from './devices';
import type { ScenesService } from './scenes-service';

/** How long a device listing may take before it is given up (it runs in the background). */
const LIST_TIMEOUT_MS = 15_000;

/** The cameras and microphones OBS can use, listed after each connection and on request, for the pickers. */
export class DeviceService implements EngineService {
  private devices: DeviceList | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly session: ObsSession,
    private readonly scenes: ScenesService,
  ) {}

  /** Cameras and microphones as OBS lists them; null until listed. */
  get list(): DeviceList | null {
    return this.devices;
  }

  /** Listens to device list changes; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Lists devices in the background: a driver that answers slowly (PulseAudio without a server) must not hold up the show. */
  onConnected(): void {
    void this.listInBackground().catch((err: unknown) => this.session.log.warn('could not list cameras and microphones', { reason: (err as Error).message }));
  }

  /** Lists cameras and microphones again and reports them (the probes are placed in a scene: program, else the first). */
  async refresh(): Promise<void> {
    this.session.requireConnected();
    const host = this.scenes.state.program ?? this.scenes.state.names[0];
    if (!host) throw new RejectedError('There is no scene to list devices from.');
    this.set(await enumerateDevices(this.session.client, host));
  }

  private async listInBackground(): Promise<void> {
    const host = this.scenes.state.program;
    if (!host) return;
    let timer: NodeJS.Timeout | undefined;
    const tooSlow = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('listing devices took too long')), LIST_TIMEOUT_MS);
      timer.unref();
    });
    try {
      const devices = await Promise.race([enumerateDevices(this.session.client, host), tooSlow]);
      if (this.session.isRunning()) this.set(devices);
    } finally {
      clearTimeout(timer);
    }
  }

  private set(devices: DeviceList): void {
    this.devices = devices;
    for (const l of [...this.listeners]) l();
  }
}
