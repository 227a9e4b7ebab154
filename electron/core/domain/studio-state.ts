import { allPowers, type Note, type Permissions, type PresenceEntry, type SharingState } from '../../features/cohost/domain/cohost';
import { initialRundown, type RundownState } from '../../features/rundown/domain/rundown';
import type { DeviceList, ScenesState } from '../../features/scenes/domain/scenes';
import type { VideoProfile } from './video-profile';
import type { LiveState } from './show-phase';

export type { LiveState } from './show-phase';
import { initialOutputState, type OutputState } from '../../features/output/domain/output';

/** Connection states of the studio's OBS as the engine reports them (what `engine.report` accepts). */
export const ENGINE_OBS_STATUSES = ['unavailable', 'starting', 'connected', 'reconnecting', 'error'] as const;

/**
 * Connection state of the studio's OBS: the engine's, and `engine-restarting`, the hub's own: the engine process went
 * away without saying so (a crash) and is being restarted, while OBS itself keeps running.
 */
export const OBS_STATUSES = [...ENGINE_OBS_STATUSES, 'engine-restarting'] as const;

/** Connection state of the studio's OBS (one of {@link OBS_STATUSES}). */
export type ObsStatus = (typeof OBS_STATUSES)[number];

/** What the engine tells the hub about OBS. */
export interface ObsState {
  status: ObsStatus;
  /** Plain-words explanation for the anchor when status is not `connected`. */
  message: string | null;
  /** OBS Studio version, once connected. */
  version: string | null;
  /** Video profile OBS runs with (canvas and encoder preset); absent until connected. */
  profile?: VideoProfile | null;
  /** Cameras and microphones OBS can use on this computer; absent until listed. */
  devices?: DeviceList | null;
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
    permissions: { producerPowers: allPowers(false) },
    notes: [],
    presence: [],
    sharing: { isLanEnabled: false, lanUrls: [], fingerprint: null },
    show: { title: '' },
    obs: { status: 'unavailable', message: null, version: null },
    scenes: { names: [], program: null, preview: null },
    live: { isLive: false, startedAt: null, endedAt: null },
    rundown: initialRundown(),
    output: initialOutputState(),
  };
}
