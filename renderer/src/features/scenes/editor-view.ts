import type { VideoProfile } from '@shared/core/domain/video-profile';
import { canPlayCameraRole } from '@shared/features/scenes/domain/camera-roles';
import type { ScenesState } from '@shared/features/scenes/domain/scenes';

/** Pure helpers of the scene and source editor: names, canvas, what the form sends. */

/** Source types the "Add source" form offers, in the order a new studio needs them (the engine's `source.add` types). */
export const EDITOR_SOURCE_TYPES = ['camera', 'test-pattern', 'screen', 'window', 'media', 'image', 'text', 'microphone'] as const;

/** One of {@link EDITOR_SOURCE_TYPES}. */
export type EditorSourceType = (typeof EDITOR_SOURCE_TYPES)[number];

/** Every name OBS already uses in the show: scenes and the sources of every scene (OBS names share one space). */
export function takenNames(scenes: ScenesState | null): Set<string> {
  const names = new Set(scenes?.names ?? []);
  for (const scene of scenes?.sources ?? []) for (const item of scene.items) names.add(item.name);
  return names;
}

export { suggestName } from '@shared/features/scenes/domain/source-layout';

/** Which way the canvas stands: the 640x360 test canvas and the low-power 1280x720 one are horizontal too. */
export function canvasOrientation(profile: VideoProfile | null | undefined): 'vertical' | 'horizontal' | null {
  if (!profile) return null;
  return profile === 'vertical' ? 'vertical' : 'horizontal';
}

/** Whether a source type picks a capture device. */
export function usesDevice(type: EditorSourceType): type is 'camera' | 'microphone' {
  return type === 'camera' || type === 'microphone';
}

/** Whether a source type reads a file. */
export function usesFile(type: EditorSourceType): type is 'media' | 'image' {
  return type === 'media' || type === 'image';
}

/** Whether a source has a place on the canvas (a microphone has none, so no position preset). */
export function isPlaced(type: EditorSourceType): boolean {
  return type !== 'microphone';
}

/** The sources that can play a camera role (cameras, test patterns, clips), each once, in the order the scenes list them. */
export function roleCandidates(scenes: ScenesState | null): string[] {
  const names = new Set<string>();
  for (const scene of scenes?.sources ?? []) for (const item of scene.items) if (canPlayCameraRole(item.kind)) names.add(item.name);
  return [...names];
}
