import type { EngineHandlers } from '../../../core/protocol/engine-requests';
import type { DeviceService } from './device-service';
import type { LayoutService } from './layout-service';
import type { ScenesService } from './scenes-service';
import type { ThumbnailWatcher } from './thumbnails';

/** The scenes feature's part of the engine's handler table: switching, editing the show, devices, thumbnails. */
export function sceneHandlers(scenes: ScenesService, layout: LayoutService, devices: DeviceService, thumbnails: ThumbnailWatcher) {
  return {
    'scene.switch': ({ scene }) => scenes.switchScene(scene),
    'scene.preview': ({ scene }) => scenes.setPreview(scene),
    'studio-mode.set': ({ enabled }) => scenes.setStudioMode(enabled),
    'transition.set': ({ kind, durationMs }) => scenes.setTransition({ kind, durationMs: durationMs ?? 300 }),
    'transition.trigger': () => scenes.triggerTransition(),
    'source.toggle': ({ scene, source, visible }) => layout.setSourceVisible(scene, source, visible),
    'camera.preset': ({ scene, preset }) => layout.setCameraPreset(scene, preset),
    'scene.create': ({ scene }) => layout.createScene(scene),
    'scene.rename': ({ scene, name }) => layout.renameScene(scene, name),
    'scene.remove': ({ scene }) => layout.removeScene(scene),
    'scene.move': ({ scene, toIndex }) => layout.moveScene(scene, toIndex),
    'source.add': (request) => layout.addSource(request),
    'source.move': ({ scene, source, box }) => layout.moveSource(scene, source, box),
    'source.remove': ({ scene, source }) => layout.removeSource(scene, source),
    'source.lock': ({ scene, source, locked }) => layout.setSourceLocked(scene, source, locked),
    'source.orientation': ({ scene, source, only }) => layout.setSourceOrientation(scene, source, only),
    'camera.assign': ({ role, source, create }) => layout.assignCameraRole(role, source, create),
    'devices.refresh': () => devices.refresh(),
    'audio.mute': ({ source, muted }) => layout.setMuted(source, muted),
    'thumbnails.watch': async ({ scenes: names, width, intervalMs }) => thumbnails.watch(names, width, intervalMs),
  } satisfies Partial<EngineHandlers>;
}
