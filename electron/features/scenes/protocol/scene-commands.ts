import { z } from 'zod';
import { defineCommand } from '../../../core/protocol/command-spec';
import { cameraPresetSchema, sceneName } from './scene-schemas';

/** Switching what goes out: program and preview scenes, studio mode, transitions, sources shown and camera placement. */
export const SCENE_COMMANDS = {
  'scene.switch': defineCommand({
    payload: z.strictObject({ scene: sceneName }),
    roles: ['anchor', 'producer'],
    executor: 'engine',
    summary: "Switch OBS's program scene.",
  }),
  'scene.preview': defineCommand({
    payload: z.strictObject({ scene: sceneName }),
    roles: ['anchor', 'producer'],
    executor: 'engine',
    summary: 'Put a scene on preview (studio mode); the next transition takes it to program.',
  }),
  'studio-mode.set': defineCommand({
    payload: z.strictObject({ enabled: z.boolean() }),
    roles: ['anchor', 'producer'],
    executor: 'engine',
    summary: 'Turn studio mode (preview, then transition) on or off.',
  }),
  'transition.set': defineCommand({
    payload: z.strictObject({
      kind: z.enum(['cut', 'fade']),
      durationMs: z.number().int().min(50, 'duration is under 50 ms').max(5000, 'duration is over 5000 ms').optional(),
    }),
    roles: ['anchor', 'producer'],
    executor: 'engine',
    summary: 'Choose the transition between scenes (cut or fade) and its duration.',
  }),
  'transition.trigger': defineCommand({
    payload: z.strictObject({}),
    roles: ['anchor', 'producer'],
    executor: 'engine',
    summary: 'Studio mode: take the preview scene to program with the current transition.',
  }),
  'source.toggle': defineCommand({
    payload: z.strictObject({ scene: sceneName, source: z.string().min(1).max(256), visible: z.boolean() }),
    roles: ['anchor', 'producer'],
    executor: 'engine',
    summary: 'Show or hide a source in a scene.',
  }),
  'camera.preset': defineCommand({
    payload: z.strictObject({ scene: sceneName, preset: cameraPresetSchema }),
    roles: ['anchor', 'producer'],
    executor: 'engine',
    summary: "Place a scene's cameras: one full frame, picture-in-picture (hands + face), or side by side.",
  }),
} as const;
