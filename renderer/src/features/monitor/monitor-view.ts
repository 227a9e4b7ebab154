import type { ObsStatus } from '@shared/core/domain/studio-state';
import { isClipping, type AudioLevel } from '@shared/features/monitor/domain/audio-levels';
import { MONITOR_LIMITS, type MonitorView } from '@shared/features/monitor/protocol/monitor-events';

/** Width of the monitor's frames: sharp on a panel about this wide, small enough for 15 frames a second. */
export const MONITOR_WIDTH = 640;
/** Frames per second asked for (the target; the bench measures what arrives). */
export const MONITOR_FPS = 15;
/** Renewed well inside the lease, so one late renewal never blanks the picture. */
export const MONITOR_RENEW_MS = Math.floor(MONITOR_LIMITS.leaseMs * 0.4);
/** A clip mark stays lit this long after the peak, so the eye catches it. */
export const CLIP_HOLD_MS = 2000;
/** A picture older than this is marked as paused (OBS busy or away). */
export const STALE_FRAME_MS = 2000;

/** What decides whether a window asks for the picture or the meters. */
export interface MonitorConditions {
  isOnScreen: boolean;
  isHubConnected: boolean;
  obsStatus: ObsStatus | null;
}

/** True when the picture or the meters are worth asking OBS for: someone can see them and OBS can answer. */
export function isWatchWorthwhile(c: MonitorConditions): boolean {
  return c.isOnScreen && c.isHubConnected && c.obsStatus === 'connected';
}

/** The views the monitor shows: preview beside program in studio mode, program alone otherwise. */
export function monitorViews(isStudioMode: boolean): MonitorView[] {
  return isStudioMode ? ['preview', 'program'] : ['program'];
}

/** Source -> epoch ms until which its clip mark stays lit. */
export type ClipHolds = Readonly<Record<string, number>>;

/** The clip marks after a reading: a clipping source lights (again) for `CLIP_HOLD_MS`; lapsed marks go out. */
export function holdClips(holds: ClipHolds, levels: readonly AudioLevel[], now: number): ClipHolds {
  const next: Record<string, number> = {};
  for (const [source, until] of Object.entries(holds)) if (until > now) next[source] = until;
  for (const level of levels) if (isClipping(level.peakDb)) next[level.source] = now + CLIP_HOLD_MS;
  return next;
}
