/** Connection state of the studio's OBS, as the engine reports it. */
export type ObsStatus = 'unavailable' | 'starting' | 'connected' | 'reconnecting' | 'error';

/** What the engine tells the hub about OBS. */
export interface ObsState {
  status: ObsStatus;
  /** Plain-words explanation for the anchor when status is not `connected`. */
  message: string | null;
  /** OBS Studio version, once connected. */
  version: string | null;
}

/** Scenes as OBS has them. */
export interface ScenesState {
  names: string[];
  program: string | null;
  preview: string | null;
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
  show: { title: string };
  obs: ObsState;
  scenes: ScenesState;
  live: LiveState;
}

/** Longest show title the studio accepts. */
export const MAX_TITLE_LENGTH = 120;

/** The state of a studio that has never run a show. */
export function initialStudioState(): StudioState {
  return {
    version: 0,
    show: { title: '' },
    obs: { status: 'unavailable', message: null, version: null },
    scenes: { names: [], program: null, preview: null },
    live: { isLive: false, startedAt: null },
  };
}
