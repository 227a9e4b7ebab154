import type { Note, Permissions, PresenceEntry, SharingState } from '../../features/cohost/domain/cohost';
import { initialRundown, type RundownState } from '../../features/rundown/domain/rundown';
import type { HealthAlert } from '../../features/health/domain/health-alerts';
import { initialOutputState, type OutputState } from '../../features/output/domain/output';

/**
 * Connection state of the studio's OBS, as the engine reports it; `engine-restarting` is the hub's own: the engine
 * process went away without saying so (a crash) and is being restarted, while OBS itself keeps running.
 */
export type ObsStatus = 'unavailable' | 'starting' | 'connected' | 'reconnecting' | 'error' | 'engine-restarting';

/** What the engine tells the hub about OBS. */
export interface ObsState {
  status: ObsStatus;
  /** Plain-words explanation for the anchor when status is not `connected`. */
  message: string | null;
  /** OBS Studio version, once connected. */
  version: string | null;
  /** Picture and output health, measured once a second while connected; absent or null otherwise. */
  health?: ObsHealth | null;
  /** Video profile OBS runs with (canvas and encoder preset); absent until connected. */
  profile?: 'horizontal' | 'vertical' | 'low-power' | 'test' | null;
  /** Cameras and microphones OBS can use on this computer; absent until listed. */
  devices?: DeviceList | null;
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

/** How healthy the picture and the stream are, over the last second. */
export interface ObsHealth {
  /** OBS process CPU use, percent of one core. */
  cpuPercent: number;
  /** Frames OBS actually rendered per second. */
  fps: number;
  /** Frames the renderer missed (GPU/CPU too slow), percent over the last interval. */
  renderSkippedPercent: number;
  /** Frames the encoder skipped (encoder overloaded), percent over the last interval. */
  encoderSkippedPercent: number;
  isStreaming: boolean;
  /** True while OBS retries a lost connection to the stream server. */
  isReconnecting: boolean;
  /** Output congestion 0..1 as OBS reports it; null when not streaming. */
  congestion: number | null;
  /** Stream bitrate computed from bytes sent over the last interval; null when not streaming. */
  bitrateKbps: number | null;
  /** Plain-words problems for the anchor (English), worst first; empty when all is well. */
  warnings: string[];
  /** The same problems as data (code and figures), for UIs that say them in their own language. */
  alerts?: HealthAlert[];
}

/** One source placed in a scene, as the scene panel lists it with its visibility toggle. */
export interface SceneSource {
  name: string;
  /** OBS input kind, e.g. `ffmpeg_source`, `v4l2_input`, `text_ft2_source_v2`. */
  kind: string;
  isVisible: boolean;
  /** Whether the source's audio is muted; only for sound sources such as microphones. */
  isMuted?: boolean;
}

/** How a scene places its cameras: one full frame, picture-in-picture (hands full, face small), or side by side. */
export type CameraPreset = 'full' | 'pip' | 'side-by-side';

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
}

/** Whether the show is on air. */
export interface LiveState {
  isLive: boolean;
  /** Epoch ms when the show went live; null while off air. */
  startedAt: number | null;
}

/** The snapshot every UI renders; the hub is its only writer. */
export interface StudioState {
  /** Increases by one with every applied change; clients drop snapshots older than what they have. */
  version: number;
  /**
   * Increases only when people change the show (not on OBS telemetry): commands made against an older revision
   * (`expectedRevision`) are refused as conflicts, so two "next" clicks at once advance once.
   */
  revision: number;
  permissions: Permissions;
  /** Unacknowledged producer notes, oldest first. */
  notes: Note[];
  presence: PresenceEntry[];
  sharing: SharingState;
  show: { title: string };
  obs: ObsState;
  scenes: ScenesState;
  live: LiveState;
  /** The run of show: cues, the live cue and its timer, the product card and any flash sale. */
  rundown: RundownState;
  /** Destinations (keys never included), the go-live cycle, pre-flight and the engine's output health. */
  output: OutputState;
}

/** Longest show title the studio accepts. */
export const MAX_TITLE_LENGTH = 120;

/** The state of a studio that has never run a show. */
export function initialStudioState(): StudioState {
  return {
    version: 0,
    revision: 0,
    permissions: { producerCanSwitchScenes: false },
    notes: [],
    presence: [],
    sharing: { isLanEnabled: false, lanUrls: [] },
    show: { title: '' },
    obs: { status: 'unavailable', message: null, version: null },
    scenes: { names: [], program: null, preview: null },
    live: { isLive: false, startedAt: null },
    rundown: initialRundown(),
    output: initialOutputState(),
  };
}
