// The show's scenes as OBS has them, and the rules about them every side shares.
import type { CameraRoles } from './camera-roles';
import type { CanvasBox } from './source-layout';

/** One source placed in a scene, as the scene panel lists it with its visibility toggle. */
export interface SceneSource {
  name: string;
  /** OBS input kind, e.g. `ffmpeg_source`, `v4l2_input`, `text_ft2_source_v2`. */
  kind: string;
  isVisible: boolean;
  /** Whether the source's audio is muted; only for sound sources such as microphones. */
  isMuted?: boolean;
  /** Where the studio placed it on the canvas; absent for sources the studio did not place (added in OBS itself). */
  box?: CanvasBox;
  /** Locked in place: the editor (and OBS's own window) will not move it. Absent: not locked. */
  isLocked?: boolean;
  /** Shown only on this canvas orientation (hidden on the other); absent: on both. */
  only?: CanvasOrientation;
}

/** Which way a canvas stands. */
export type CanvasOrientation = 'vertical' | 'horizontal';

/** The orientation of a canvas of this size (a square one counts as horizontal). */
export function orientationOf(canvas: { width: number; height: number }): CanvasOrientation {
  return canvas.height > canvas.width ? 'vertical' : 'horizontal';
}

/** How a scene places its cameras: one full frame, picture-in-picture (hands full, face small), or side by side. */
export const CAMERA_PRESETS = ['full', 'pip', 'side-by-side'] as const;

/** One of {@link CAMERA_PRESETS}. */
export type CameraPreset = (typeof CAMERA_PRESETS)[number];

/** The sources of one scene. */
export interface SceneSources {
  scene: string;
  items: SceneSource[];
  /** The camera preset last chosen for this scene, if any. */
  cameraPreset?: CameraPreset;
}

/** Transition OBS uses between scenes. */
export interface SceneTransition {
  kind: 'cut' | 'fade';
  /** Length of a fade; a cut ignores it. */
  durationMs: number;
}

/** Scenes as OBS has them. */
export interface ScenesState {
  names: string[];
  program: string | null;
  /** Scene on preview; null when studio mode is off (a non-null preview means studio mode is on). */
  preview: string | null;
  /** Sources of each scene, bottom to top as OBS draws them; absent until the engine reports them. */
  sources?: SceneSources[];
  /** Transition used by switches and studio-mode takes; absent until the engine reports it. */
  transition?: SceneTransition;
  /** The source playing each camera role (main, hands, wide); absent until the engine reports it. */
  cameraRoles?: CameraRoles;
}

/** The scenes on program and on preview: all that a switch or a studio-mode take changes. */
export type OnAirScenes = Pick<ScenesState, 'program' | 'preview'>;

/**
 * What an engine report says about the scenes, given those the hub was last sent: nothing when they are the same,
 * only the on-air pair when that is all that changed (a switch: a few bytes instead of every scene's sources), else
 * the whole scenes (and always when nothing was sent yet).
 */
export function scenesReport(sent: ScenesState | null, next: ScenesState): { scenes?: ScenesState; onAir?: OnAirScenes } {
  const offAir = (s: ScenesState) => JSON.stringify({ ...s, program: null, preview: null });
  if (!sent || offAir(sent) !== offAir(next)) return { scenes: next };
  if (sent.program === next.program && sent.preview === next.preview) return {};
  return { onAir: { program: next.program, preview: next.preview } };
}

/** A camera or microphone as OBS lists it. */
export interface MediaDevice {
  /** Id to pass back when adding the source (OBS's own device id). */
  id: string;
  name: string;
}

/** Capture devices per kind. */
export interface DeviceList {
  cameras: MediaDevice[];
  microphones: MediaDevice[];
}

/**
 * Show scenes the product card is never placed in: it would cover the opening title and the break slate. Every other
 * scene, the anchor's own included, carries the card on top when a product cue is live.
 */
export const CARDLESS_SCENES: readonly string[] = ['Opening', 'Be right back'];

/** Whether a scene shows the product card. */
export function sceneShowsCard(scene: string): boolean {
  return !CARDLESS_SCENES.includes(scene);
}

/** Why a scene switch cannot happen now, or null when it can. */
export function sceneSwitchBlocker(isObsConnected: boolean, scenes: Pick<ScenesState, 'names'>, scene: string): string | null {
  if (!isObsConnected) return 'OBS is not connected, so scenes cannot switch. Check the OBS status in the status bar.';
  if (!scenes.names.includes(scene)) {
    return `There is no scene named "${scene}". Pick one of: ${scenes.names.join(', ') || '(none yet)'}.`;
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
