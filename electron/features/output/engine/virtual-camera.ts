import { existsSync } from 'node:fs';

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
