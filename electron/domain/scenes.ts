import type { StudioState } from './studio-state';

/** Why a scene switch cannot happen now, or null when it can. */
export function sceneSwitchBlocker(state: StudioState, scene: string): string | null {
  if (state.obs.status !== 'connected') {
    return 'OBS is not connected, so scenes cannot switch. Check the OBS status in the status bar.';
  }
  if (!state.scenes.names.includes(scene)) {
    return `There is no scene named "${scene}". Pick one of: ${state.scenes.names.join(', ') || '(none yet)'}.`;
  }
  return null;
}
