import type { StudioState } from '../../../core/domain/studio-state';

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

/** OBS input kinds that capture sound from a device (microphones, line-in, desktop audio) on Linux, Windows and macOS. */
export const AUDIO_CAPTURE_KINDS: readonly string[] = [
  'pulse_input_capture',
  'pulse_output_capture',
  'alsa_input_capture',
  'jack_output_capture',
  'wasapi_input_capture',
  'wasapi_output_capture',
  'coreaudio_input_capture',
  'coreaudio_output_capture',
];

/** True for an OBS input kind that only carries sound from a device (it gets a mute toggle, not a place on screen). */
export function isAudioCaptureKind(kind: string): boolean {
  return AUDIO_CAPTURE_KINDS.includes(kind);
}
