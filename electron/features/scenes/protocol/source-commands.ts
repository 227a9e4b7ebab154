import { z } from 'zod';
import { PICKABLE_PROFILES } from '../../../core/domain/video-profile';
import { defineCommand } from '../../../core/protocol/command-spec';
import { SOURCE_TYPES } from '../domain/source-layout';
import { CAMERA_ROLES, ROLE_SOURCE_TYPES } from '../domain/camera-roles';
import { canvasBoxSchema, sceneName, sourceName } from './scene-schemas';

/** Editing the show in OBS: scenes and their sources (the anchor's), and muting audio (anchor or producer). */
export const SOURCE_COMMANDS = {
  'scene.create': defineCommand({
    payload: z.strictObject({ scene: sceneName }),
    roles: ['anchor'],
    executor: 'engine',
    summary: 'Add an empty scene at the end of the running order.',
  }),
  'scene.remove': defineCommand({
    payload: z.strictObject({ scene: sceneName }),
    roles: ['anchor'],
    executor: 'engine',
    summary: 'Remove a scene (not the last one; program moves to another scene first).',
  }),
  'scene.rename': defineCommand({
    payload: z.strictObject({ scene: sceneName, name: z.string().trim().min(1, 'new name is empty').max(256) }),
    roles: ['anchor'],
    executor: 'engine',
    summary: 'Rename a scene (program, presets and hidden sources follow it).',
  }),
  'scene.move': defineCommand({
    payload: z.strictObject({ scene: sceneName, toIndex: z.number().int().min(0).max(500) }),
    roles: ['anchor'],
    executor: 'engine',
    summary: "Move a scene to another place in the running order (the scene list, and keys 1-9, follow it).",
  }),
  'source.add': defineCommand({
    payload: z.strictObject({
      scene: sceneName,
      name: sourceName,
      type: z.enum(SOURCE_TYPES),
      device: z.string().max(512).optional(),
      file: z.string().max(4096).optional(),
      text: z.string().max(500).optional(),
      box: canvasBoxSchema.optional(),
    }),
    roles: ['anchor'],
    executor: 'engine',
    summary: 'Add a camera, screen or window capture, media file, image, text, test pattern or microphone to a scene.',
  }),
  'source.remove': defineCommand({
    payload: z.strictObject({ scene: sceneName, source: sourceName }),
    roles: ['anchor'],
    executor: 'engine',
    summary: 'Remove a source from a scene (and from OBS once no scene uses it).',
  }),
  'source.move': defineCommand({
    payload: z.strictObject({ scene: sceneName, source: sourceName, box: canvasBoxSchema }),
    roles: ['anchor'],
    executor: 'engine',
    summary: 'Move and resize a source in a scene: box is fractions of the canvas (kept across restarts).',
  }),
  'camera.assign': defineCommand({
    payload: z.strictObject({
      role: z.enum(CAMERA_ROLES),
      source: sourceName,
      create: z.strictObject({ type: z.enum(ROLE_SOURCE_TYPES), device: z.string().max(512).optional() }).optional(),
    }),
    roles: ['anchor'],
    executor: 'engine',
    summary:
      "Give a camera a part in the show: main (the anchor's face: Anchor, Q&A), hands (Product close-up) or wide (Workshop wide). It takes the place of the role's previous camera in those scenes and leads the camera presets. With create, a new camera (device) or test pattern of that name is made first.",
  }),
  'source.lock': defineCommand({
    payload: z.strictObject({ scene: sceneName, source: sourceName, locked: z.boolean() }),
    roles: ['anchor'],
    executor: 'engine',
    summary: 'Lock a source in place in a scene (the editor and OBS will not move it), or unlock it.',
  }),
  'source.orientation': defineCommand({
    payload: z.strictObject({ scene: sceneName, source: sourceName, only: z.enum(['vertical', 'horizontal']).nullable() }),
    roles: ['anchor'],
    executor: 'engine',
    summary: 'Show a source only on a vertical or only on a horizontal canvas (null: on both); it hides itself on the other.',
  }),
  'devices.refresh': defineCommand({
    payload: z.strictObject({}),
    roles: ['anchor', 'producer'],
    executor: 'engine',
    summary: 'List the cameras and microphones again (after plugging one in); the list is in obs.devices.',
  }),
  'video.profile': defineCommand({
    payload: z.strictObject({ profile: z.enum(PICKABLE_PROFILES) }),
    roles: ['anchor'],
    executor: 'engine',
    summary: 'Pick the video profile: horizontal 1920x1080, vertical 1080x1920 (Douyin, TikTok, 视频号) or low-power 1280x720. OBS restarts with it; refused while live or recording.',
  }),
  'audio.mute': defineCommand({
    payload: z.strictObject({ source: sourceName, muted: z.boolean() }),
    roles: ['anchor', 'producer'],
    executor: 'engine',
    summary: 'Mute or unmute an audio source such as the microphone.',
  }),
} as const;
