import { isAudioCaptureKind } from '@shared/features/scenes/domain/scenes';
import type { ObsStatus } from '@shared/core/domain/studio-state';
import type { SceneSource, SceneSources, ScenesState } from '@shared/features/scenes/domain/scenes';
import { THUMBNAIL_LIMITS, type ThumbnailsEvent } from '@shared/features/scenes/protocol/thumbnail-events';

/** Pure view helpers of the scene panel: what a click or key does, which sources to list, when to ask for thumbnails. */

/** The command a click (or hotkey) on a scene sends: switch in normal mode, put on preview in studio mode. */
export type SceneAction = { name: 'scene.switch'; payload: { scene: string } } | { name: 'scene.preview'; payload: { scene: string } };

/** True when studio mode is on: the engine reports a preview scene only then. */
export function isStudioMode(scenes: ScenesState): boolean {
  return scenes.preview !== null;
}

/** What picking `scene` should do, or null when it is already where the pick would put it. */
export function sceneAction(scenes: ScenesState, scene: string): SceneAction | null {
  if (isStudioMode(scenes)) return scenes.preview === scene ? null : { name: 'scene.preview', payload: { scene } };
  return scenes.program === scene ? null : { name: 'scene.switch', payload: { scene } };
}

/** The scene for a digit hotkey: "1" is the first scene, "9" the ninth; null for any other key or a missing scene. */
export function sceneForKey(key: string, names: readonly string[]): string | null {
  if (!/^[1-9]$/.test(key)) return null;
  return names[Number(key) - 1] ?? null;
}

/** The parts of a keyboard event the hotkey filter reads. */
export interface KeyTarget {
  tagName?: string;
  isContentEditable?: boolean;
  /** For inputs: checkboxes and buttons do not take text, so digits there are still hotkeys. */
  type?: string;
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'number', 'email', 'password', 'tel', 'url', 'date', 'time', 'datetime-local', 'month', 'week']);

/** True when a key press goes to something the user types into (a digit there is text, not a scene hotkey). */
export function isTypingTarget(target: KeyTarget | null): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = (target.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return TEXT_INPUT_TYPES.has((target.type ?? 'text').toLowerCase());
  return false;
}

/** The scene whose sources the panel lists: the one being prepared on preview in studio mode, else program. */
export function focusedScene(scenes: ScenesState): string | null {
  return scenes.preview ?? scenes.program;
}

const NO_SOURCES: SceneSources | null = null;

/** The sources of one scene as the engine reported them, or null. */
export function sourcesOf(scenes: ScenesState, scene: string | null): SceneSources | null {
  if (scene === null) return NO_SOURCES;
  return scenes.sources?.find((s) => s.scene === scene) ?? NO_SOURCES;
}

/** Sources that have a place on screen (visibility toggles): sound-only sources get a mute toggle instead. */
export function visualSources(items: readonly SceneSource[]): SceneSource[] {
  return items.filter((i) => !isAudioCaptureKind(i.kind));
}

/** Every microphone (sound capture input) of the show once, in the order the scenes list them, with its mute state. */
export function microphones(scenes: ScenesState): Array<{ name: string; isMuted: boolean }> {
  const seen = new Map<string, boolean>();
  for (const scene of scenes.sources ?? []) {
    for (const item of scene.items) {
      if (isAudioCaptureKind(item.kind) && !seen.has(item.name)) seen.set(item.name, item.isMuted ?? false);
    }
  }
  return [...seen].map(([name, isMuted]) => ({ name, isMuted }));
}

/** Shortest and longest fade the protocol accepts (`transition.set`). */
export const FADE_LIMITS_MS = { min: 50, max: 5000 } as const;

/** A fade length typed by the user, in whole ms, or null when it is not a number within the protocol's limits. */
export function parseFadeMs(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const ms = Number(trimmed);
  return ms >= FADE_LIMITS_MS.min && ms <= FADE_LIMITS_MS.max ? ms : null;
}

/** How often a visible panel renews its thumbnail watch: well inside the lease, so one late renewal costs nothing. */
export const THUMBNAIL_RENEW_MS = Math.round(THUMBNAIL_LIMITS.leaseMs * 0.6);

/** Thumbnail width asked for: a scene button is about this wide on a 1280 px window. */
export const THUMBNAIL_WIDTH = 192;

/** What decides whether the panel asks OBS for thumbnails. */
export interface WatchConditions {
  /** The panel is on screen and the window visible. */
  isOnScreen: boolean;
  isHubConnected: boolean;
  obsStatus: ObsStatus | null;
}

/** The scenes to renew a thumbnail watch for, or null when nobody can see them (the lease then runs out by itself). */
export function thumbnailWatchScenes(conditions: WatchConditions, names: readonly string[]): string[] | null {
  const { isOnScreen, isHubConnected, obsStatus } = conditions;
  if (!isOnScreen || !isHubConnected || obsStatus !== 'connected' || names.length === 0) return null;
  return names.slice(0, THUMBNAIL_LIMITS.maxScenes);
}

/** Latest thumbnail per scene as the window holds them (telemetry: never persisted). */
export interface ThumbnailsView {
  /** OBS render time of the newest batch; 0 before any. */
  at: number;
  images: Readonly<Record<string, string>>;
}

/** Before any thumbnail arrived; a module constant so selectors stay stable. */
export const NO_THUMBNAILS: ThumbnailsView = { at: 0, images: {} };

/**
 * Takes a thumbnail batch: newer images replace older ones per scene, a batch older than what is shown is dropped
 * (volatile events can arrive out of order after a reconnect), and the map never grows past the protocol's limit.
 */
export function mergeThumbnails(current: ThumbnailsView, event: ThumbnailsEvent): ThumbnailsView {
  if (event.at < current.at) return current;
  // Only image data URIs ever reach an <img>: never a URL that would make the window fetch something.
  const fresh = Object.fromEntries(Object.entries(event.images).filter(([, v]) => typeof v === 'string' && v.startsWith('data:image/')));
  const images = { ...current.images, ...fresh };
  return { at: event.at, images: Object.keys(images).length > THUMBNAIL_LIMITS.maxScenes ? fresh : images };
}
