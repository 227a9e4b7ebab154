import type { StudioState } from '@shared/core/domain/studio-state';
import { CAMERA_INPUT_KINDS } from '@shared/features/scenes/domain/camera-roles';

/** One step of getting a new studio to a first rehearsal, and whether it is done. */
export interface SetupStep {
  id: 'obs' | 'cameras' | 'microphone' | 'canvas' | 'catalog' | 'destination';
  isDone: boolean;
}

/** What the setup checklist reads from the studio and this window. */
export interface SetupInput {
  studio: Pick<StudioState, 'obs' | 'scenes' | 'output' | 'rundown'>;
  productCount: number;
}

/** The steps from a fresh install to a first rehearsal, in the order a new user takes them. */
export function setupSteps({ studio, productCount }: SetupInput): SetupStep[] {
  const cameras = new Set((studio.scenes.sources ?? []).flatMap((s) => s.items.filter((i) => CAMERA_INPUT_KINDS.includes(i.kind)).map((i) => i.name)));
  // A camera in the scenes, or a main camera picked (a test pattern counts: it is the anchor's choice to rehearse with).
  const hasMainCamera = studio.scenes.cameraRoles?.main !== undefined;
  return [
    { id: 'obs', isDone: studio.obs.status === 'connected' },
    { id: 'cameras', isDone: cameras.size > 0 || hasMainCamera },
    // A microphone OBS captures from (muted or not: muting is a choice of the moment, not of the setup).
    { id: 'microphone', isDone: (studio.output.engine?.microphones.length ?? 0) > 0 },
    { id: 'canvas', isDone: studio.obs.profile === 'vertical' || studio.obs.profile === 'horizontal' },
    { id: 'catalog', isDone: productCount > 0 && studio.rundown.cues.length > 0 },
    { id: 'destination', isDone: studio.output.destinations.length > 0 },
  ];
}

/** Whether the studio is brand new (nothing to sell, no cue, nowhere to stream): the desktop app opens setup by itself. */
export function isNewStudio({ studio, productCount }: SetupInput): boolean {
  return productCount === 0 && studio.rundown.cues.length === 0 && studio.output.destinations.length === 0;
}
