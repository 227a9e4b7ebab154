import { z } from 'zod';
import { CAMERA_PRESETS, type DeviceList, type OnAirScenes, type ScenesState } from '../domain/scenes';

/** A scene's name as OBS takes it. */
export const sceneName = z.string().min(1, 'scene name is empty').max(256);

/** A camera preset (see CAMERA_PRESETS). */
export const cameraPresetSchema = z.enum(CAMERA_PRESETS);

const fraction = z.number().min(0).max(1);

/** A source's name as OBS takes it. */
export const sourceName = z.string().trim().min(1, 'source name is empty').max(256);

/** A place on the canvas as fractions of its width and height (`source.add`, `source.move`, reported items). */
export const canvasBoxSchema = z.strictObject({ x: fraction, y: fraction, w: fraction, h: fraction });

/** The scenes as the engine reports them (part of `engine.report`). */
export const scenesStateSchema = z.strictObject({
  names: z.array(sceneName).max(500),
  program: sceneName.nullable(),
  preview: sceneName.nullable(),
  sources: z
    .array(
      z.strictObject({
        scene: sceneName,
        items: z
          .array(
            z.strictObject({
              name: z.string().min(1).max(256),
              kind: z.string().max(128),
              isVisible: z.boolean(),
              isMuted: z.boolean().optional(),
              box: canvasBoxSchema.optional(),
              isLocked: z.boolean().optional(),
              only: z.enum(['vertical', 'horizontal']).optional(),
            }),
          )
          .max(200),
        cameraPreset: cameraPresetSchema.optional(),
      }),
    )
    .max(500)
    .optional(),
  transition: z.strictObject({ kind: z.enum(['cut', 'fade']), durationMs: z.number().int().min(0).max(5000) }).optional(),
  cameraRoles: z.strictObject({ main: sourceName.optional(), hands: sourceName.optional(), wide: sourceName.optional() }).optional(),
}) satisfies z.ZodType<ScenesState>;

/** The program and preview scenes alone (part of `engine.report` after a switch; the hub keeps the rest). */
export const onAirScenesSchema = z.strictObject({ program: sceneName.nullable(), preview: sceneName.nullable() }) satisfies z.ZodType<OnAirScenes>;

const device = z.strictObject({ id: z.string().min(1).max(512), name: z.string().max(256) });

/** The cameras and microphones OBS lists (part of `engine.report`). */
export const deviceListSchema = z.strictObject({
  cameras: z.array(device).max(64),
  microphones: z.array(device).max(64),
}) satisfies z.ZodType<DeviceList>;
