import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CameraPreset } from '../../features/scenes/domain/scenes';
import type { ProfileName } from './obs-config';

/** Transition between scenes. */
export interface TransitionChoice {
  kind: 'cut' | 'fade';
  durationMs: number;
}

/** An RTMP destination (usually the studio's local relay). The key is a secret: never logged. */
export interface StreamTarget {
  server: string;
  key: string;
}

/** What the studio wants OBS to look like; re-applied after every (re)launch or reconnect. */
export interface DesiredState {
  program: string | null;
  preview: string | null;
  isStudioMode: boolean;
  transition: TransitionChoice;
  /** `scene\u0000source` -> visible, for sources the anchor toggled. */
  visibility: Record<string, boolean>;
  /** Camera preset chosen per scene. */
  cameraPresets: Record<string, CameraPreset>;
  /** Audio sources the anchor muted (true) or unmuted (false). */
  mutes: Record<string, boolean>;
  /** Video profile chosen by the anchor; falls back to the engine option. */
  profile?: ProfileName;
  /**
   * Where OBS streams and whether it should be live; a relaunch of OBS after a crash goes live again. The target (it
   * holds a key) lives in this process's memory only: the file keeps `isLive`, and a new engine process gets the
   * destinations from the hub again (reconcile).
   */
  stream: { target: StreamTarget | null; isLive: boolean };
  /** Whether the backup recording should run; a relaunch after a crash records again (into a new file). */
  isRecording?: boolean;
}

/** File of the desired state inside the engine's data dir (mode 0600; never a stream key, see {@link onDisk}). */
export const DESIRED_FILE = 'engine-desired.json';

/**
 * The desired state, shared by the engine's services (each changes its own part) and saved on every change, so a
 * relaunched OBS or a restarted engine puts the show back as it was.
 */
export class DesiredStore {
  private readonly state: DesiredState;

  constructor(
    private readonly dir: string,
    private readonly onSaveError: (err: unknown) => void,
  ) {
    const loaded = loadDesired(dir);
    this.state = loaded.state;
    // A file from a version that kept the stream target holds a key until rewritten: rewritten at once.
    if (loaded.heldTarget) this.save();
  }

  /** The current desired state (read-only: change it with {@link update}). */
  get value(): Readonly<DesiredState> {
    return this.state;
  }

  /** A copy to keep. */
  snapshot(): DesiredState {
    return structuredClone(this.state);
  }

  /** Changes the desired state and saves it. */
  update(change: (desired: DesiredState) => void): void {
    change(this.state);
    this.save();
  }

  private save(): void {
    try {
      writeFileSync(join(this.dir, DESIRED_FILE), JSON.stringify(onDisk(this.state)), { mode: 0o600 });
    } catch (err) {
      this.onSaveError(err);
    }
  }
}

/** What is saved: everything but the stream target, whose key must never be in a plain file. */
function onDisk(state: DesiredState): DesiredState {
  return { ...state, stream: { target: null, isLive: state.stream.isLive } };
}

function loadDesired(dir: string): { state: DesiredState; heldTarget: boolean } {
  const fallback: DesiredState = {
    program: null,
    preview: null,
    isStudioMode: false,
    transition: { kind: 'cut', durationMs: 300 },
    visibility: {},
    cameraPresets: {},
    mutes: {},
    stream: { target: null, isLive: false },
  };
  try {
    const saved = JSON.parse(readFileSync(join(dir, DESIRED_FILE), 'utf8')) as Partial<DesiredState>;
    const state: DesiredState = {
      ...fallback,
      ...saved,
      visibility: { ...(saved.visibility ?? {}) },
      cameraPresets: { ...(saved.cameraPresets ?? {}) },
      mutes: { ...(saved.mutes ?? {}) },
      // A file written before keys were kept out of it may still hold a target: it is not used.
      stream: { target: null, isLive: saved.stream?.isLive === true },
    };
    return { state, heldTarget: Boolean(saved.stream?.target) };
  } catch {
    return { state: fallback, heldTarget: false };
  }
}
