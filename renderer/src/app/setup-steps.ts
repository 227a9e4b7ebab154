import type { StudioState } from '@shared/core/domain/studio-state';

/** OBS input kinds of real cameras on Linux, Windows and macOS (the rehearsal test pattern is not one). */
const CAMERA_KINDS = ['v4l2_input', 'dshow_input', 'av_capture_input', 'macos-avcapture'];

/** One step of getting a new studio to a first rehearsal, and whether it is done. */
export interface SetupStep {
  id: 'obs' | 'cameras' | 'canvas' | 'catalog' | 'destination';
  isDone: boolean;
}

/** What the setup checklist reads from the studio and this window. */
export interface SetupInput {
  studio: Pick<StudioState, 'obs' | 'scenes' | 'output' | 'rundown'>;
  productCount: number;
}

/** The steps from a fresh install to a first rehearsal, in the order a new user takes them. */
export function setupSteps({ studio, productCount }: SetupInput): SetupStep[] {
  const cameras = new Set((studio.scenes.sources ?? []).flatMap((s) => s.items.filter((i) => CAMERA_KINDS.includes(i.kind)).map((i) => i.name)));
  return [
    { id: 'obs', isDone: studio.obs.status === 'connected' },
    { id: 'cameras', isDone: cameras.size > 0 },
    { id: 'canvas', isDone: studio.obs.profile === 'vertical' || studio.obs.profile === 'horizontal' },
    { id: 'catalog', isDone: productCount > 0 && studio.rundown.cues.length > 0 },
    { id: 'destination', isDone: studio.output.destinations.length > 0 },
  ];
}

/** Whether the studio is brand new (nothing to sell, no cue, nowhere to stream): the desktop app opens setup by itself. */
export function isNewStudio({ studio, productCount }: SetupInput): boolean {
  return productCount === 0 && studio.rundown.cues.length === 0 && studio.output.destinations.length === 0;
}
