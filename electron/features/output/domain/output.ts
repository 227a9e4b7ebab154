import type { CanvasOrientation, DestinationView } from './destinations';
import type { StudioPicture } from './dual-output';

/** How one destination is doing while the show is live. */
export type DestinationStatus = 'connecting' | 'live' | 'reconnecting' | 'failed' | 'stopped';

/** Why a destination is not live, in plain words; `code` lets the UI translate it. */
export interface OutputProblem {
  code: 'refused' | 'timeout' | 'dns' | 'closed' | 'rejected' | 'tls' | 'relay' | 'obs' | 'unknown';
  /** English sentence for the API and logs; never contains a stream key. */
  message: string;
}

/** Health of one destination, as the engine measures it. */
export interface DestinationHealth {
  id: string;
  status: DestinationStatus;
  /** Measured upload to this destination over the last second; null when not sending. */
  bitrateKbps: number | null;
  /** Epoch ms since when it has been live this time; null when not live. */
  liveSince: number | null;
  lastError: OutputProblem | null;
  /** Failed connection attempts in a row. */
  attempts: number;
}

/** A picture derived from the studio's canvas while live (dual output): its encoder's health, shape and size. */
export interface DerivedPictureHealth extends DestinationHealth {
  orientation: CanvasOrientation;
  width: number;
  height: number;
}

/** What the engine reports about outputs: how it streams, each destination's health, recording, virtual camera. */
export interface EngineOutputState {
  /** `direct`: OBS streams to the one destination; `relay`: OBS streams to the local relay that fans out. */
  mode: 'off' | 'direct' | 'relay';
  destinations: DestinationHealth[];
  /** The derived pictures being encoded (at most one per shape); empty with a single picture. */
  derived: DerivedPictureHealth[];
  /** The picture OBS encodes (the active profile): what a derived picture is made from. */
  picture: StudioPicture;
  recording: {
    isActive: boolean;
    startedAt: number | null;
    /** The last finished recording file (after the show). */
    lastFile: string | null;
    /** Why the backup recording is not running, when it should. */
    problem: string | null;
  };
  virtualCam: { isActive: boolean };
  /** What this computer can do. */
  capabilities: {
    /** Several destinations: the in-process relay needs ffmpeg; which one it runs (the studio's own or this computer's). */
    relay: { isAvailable: boolean; message: string | null; ffmpeg?: 'bundled' | 'system' };
    virtualCam: { isAvailable: boolean; message: string | null };
  };
  /** Folder the backup recordings go to. */
  recordingDir: string | null;
  /** Microphone inputs OBS has and whether they are muted. */
  microphones: Array<{ name: string; isMuted: boolean }>;
}

/** Where the show is in its go-live cycle. */
export type ShowPhase = 'off-air' | 'starting' | 'live' | 'ending';

/** The hub's view of the show's outputs. */
export interface ShowOutputState {
  phase: ShowPhase;
  /** Epoch ms of the last end of show. */
  endedAt: number | null;
  /** Why the last go-live failed, in plain words. */
  lastError: string | null;
  /** Backup recording of the last show (its file path on this computer). */
  backupFile: string | null;
  /** Record a backup of every show on this computer (on by default). */
  isBackupRecording: boolean;
  /**
   * The show on air: when it went live and the destinations sending; null off air. Saved, so a hub that crashed
   * mid-show comes back live and tells the (still sending) engine what the show is.
   */
  onAir: { startedAt: number; destinationIds: string[] } | null;
}

/** Result of one pre-flight check. */
export type CheckStatus = 'ok' | 'warn' | 'fail';

/** One line of the pre-flight checklist. */
export interface PreflightItem {
  /** Stable id: `obs`, `scene`, `mic`, `canvas`, `destinations`, `relay`, `disk`, or `reach:<destination id>`. */
  check: string;
  status: CheckStatus;
  /** Translation key suffix for the UI (`output.check.<code>`). */
  code: string;
  /** Values for the UI sentence. */
  params: Record<string, string | number>;
  /** The same in English, for the API. */
  message: string;
}

/** The checklist shown before going live. */
export interface PreflightReport {
  at: number;
  items: PreflightItem[];
  /** False when any item failed: going live would not work. */
  canGoLive: boolean;
}

/** Everything about outputs in the studio state. */
export interface OutputState {
  destinations: DestinationView[];
  show: ShowOutputState;
  preflight: PreflightReport | null;
  /** The engine's last report; null without an engine. */
  engine: EngineOutputState | null;
}

/** Output state of a studio that never went live. */
export function initialOutputState(): OutputState {
  return {
    destinations: [],
    show: { phase: 'off-air', endedAt: null, lastError: null, backupFile: null, isBackupRecording: true, onAir: null },
    preflight: null,
    engine: null,
  };
}

/** Canvas orientation of an OBS video profile (`test` is 640x360, horizontal). */
export function profileOrientation(profile: string | null | undefined): CanvasOrientation | null {
  if (profile === 'vertical') return 'vertical';
  if (profile === 'horizontal' || profile === 'low-power' || profile === 'test') return 'horizontal';
  return null;
}

/**
 * Output state after a hub restart: settings and the last backup file survive; a show that was on air stays live (its
 * engine may still be sending: the hub reconciles with it when it connects); a go-live or end that was under way is
 * over (the engine is told the show is off air).
 */
export function restoreOutputState(saved: Partial<OutputState> | undefined): OutputState {
  const fresh = initialOutputState();
  if (!saved) return fresh;
  return {
    ...fresh,
    destinations: saved.destinations ?? [],
    show: {
      ...fresh.show,
      backupFile: saved.show?.backupFile ?? null,
      endedAt: saved.show?.endedAt ?? null,
      isBackupRecording: saved.show?.isBackupRecording ?? true,
      ...(saved.show?.phase === 'live' && saved.show.onAir ? { phase: 'live' as const, onAir: saved.show.onAir } : {}),
    },
  };
}

/** Refusals of going live a window says in the user's language (the engine's English sentence stays for logs). */
export type OutputRefusalKey = 'alreadyLive' | 'relayOnlyLive' | 'destinationNotOnAir' | 'ffmpegMissing' | 'virtualCameraMissing';
