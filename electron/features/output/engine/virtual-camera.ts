import { existsSync } from 'node:fs';
import { ObsRequestError, type ObsClient } from '../../../core/engine/obs-client';
import { RejectedError } from '../../../core/engine/obs-session';

/** What to tell the anchor when Linux has no v4l2loopback (OBS answers only "VirtualCam is not available", 604). */
export const V4L2LOOPBACK_MISSING =
  'The virtual camera needs the v4l2loopback kernel module, which is not loaded on this computer. Install it ' +
  '(Debian/Ubuntu: sudo apt install v4l2loopback-dkms), load it (sudo modprobe v4l2loopback exclusive_caps=1 ' +
  'card_label="OBS Virtual Camera"), then start the virtual camera again.';

/**
 * Why the virtual camera cannot work on this computer, or null. Windows and macOS OBS bring their own driver
 * (installed with OBS); Linux OBS needs the v4l2loopback module loaded, which `/sys/module/v4l2loopback` shows.
 */
export function virtualCamProblem(platform: NodeJS.Platform = process.platform, exists: (p: string) => boolean = existsSync): string | null {
  if (platform !== 'linux') return null;
  return exists('/sys/module/v4l2loopback') ? null : V4L2LOOPBACK_MISSING;
}

/** OBS's virtual camera: what companion apps (抖音直播伴侣, TikTok LIVE Studio) take the studio's picture from. */
export class VirtualCamera {
  private active = false;
  /** Why it cannot work on this computer, or null. */
  readonly problem: string | null;

  constructor(
    private readonly client: ObsClient,
    private readonly platform: NodeJS.Platform = process.platform,
    private readonly onChange: () => void,
  ) {
    this.problem = virtualCamProblem(platform);
    client.on('VirtualcamStateChanged', ({ outputActive }) => {
      this.active = outputActive;
      onChange();
    });
  }

  /** True while OBS's virtual camera runs. */
  get isActive(): boolean {
    return this.active;
  }

  /** Starts it; on Linux without v4l2loopback says how to install it. */
  async start(): Promise<void> {
    if (this.problem) throw new RejectedError(this.problem, { key: 'virtualCameraMissing' });
    try {
      await this.client.call('StartVirtualCam');
    } catch (err) {
      // 604 "VirtualCam is not available": OBS found no driver (v4l2loopback unloaded since start-up).
      if (err instanceof ObsRequestError && err.code === 604) {
        throw new RejectedError(this.platform === 'linux' ? V4L2LOOPBACK_MISSING : 'The OBS virtual camera is not installed. Reinstall OBS Studio.', { key: 'virtualCameraMissing' });
      }
      if (!(err instanceof ObsRequestError && err.code === 500)) throw err; // 500: already running
    }
    this.active = true;
    this.onChange();
  }

  /** Stops it. */
  async stop(): Promise<void> {
    try {
      await this.client.call('StopVirtualCam');
    } catch (err) {
      if (!(err instanceof ObsRequestError && err.code === 501)) throw err; // 501: was not running
    }
    this.active = false;
    this.onChange();
  }
}
