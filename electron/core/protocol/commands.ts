import { z } from 'zod';
import type { Role } from '../domain/roles';
import { COHOST_COMMANDS } from '../../features/cohost/protocol/cohost-commands';
import { MAX_TITLE_LENGTH } from '../domain/studio-state';
import { CHAT_COMMANDS } from '../../features/chat/protocol/chat-commands';
import { SALES_COMMANDS } from '../../features/sales/protocol/sales-commands';
import { THUMBNAIL_COMMANDS } from '../../features/scenes/protocol/thumbnail-commands';
import { SOURCE_COMMANDS } from '../../features/scenes/protocol/source-commands';
import { RUNDOWN_COMMANDS } from '../../features/rundown/protocol/rundown-commands';
import { HEALTH_ALERT_CODES } from '../../features/health/domain/health-alerts';
import { engineOutputSchema, OUTPUT_COMMANDS } from '../../features/output/protocol/output-commands';

const obsStateSchema = z.strictObject({
  status: z.enum(['unavailable', 'starting', 'connected', 'reconnecting', 'error']),
  message: z.string().max(2000).nullable(),
  version: z.string().max(64).nullable(),
  health: z
    .strictObject({
      cpuPercent: z.number().min(0).max(10_000),
      fps: z.number().min(0).max(1000),
      renderSkippedPercent: z.number().min(0).max(100),
      encoderSkippedPercent: z.number().min(0).max(100),
      isStreaming: z.boolean(),
      isReconnecting: z.boolean(),
      congestion: z.number().min(0).max(1).nullable(),
      bitrateKbps: z.number().min(0).nullable(),
      warnings: z.array(z.string().max(300)).max(20),
      alerts: z
        .array(z.strictObject({ code: z.enum(HEALTH_ALERT_CODES), value: z.number().min(0).max(100_000).optional(), target: z.number().min(0).max(1000).optional() }))
        .max(20)
        .optional(),
    })
    .nullable()
    .optional(),
  profile: z.enum(['horizontal', 'vertical', 'low-power', 'test']).nullable().optional(),
  devices: z
    .strictObject({
      cameras: z.array(z.strictObject({ id: z.string().min(1).max(512), name: z.string().max(256) })).max(64),
      microphones: z.array(z.strictObject({ id: z.string().min(1).max(512), name: z.string().max(256) })).max(64),
    })
    .nullable()
    .optional(),
});

const sceneName = z.string().min(1, 'scene name is empty').max(256);
const cameraPresetSchema = z.enum(['full', 'pip', 'side-by-side']);

const scenesStateSchema = z.strictObject({
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
            }),
          )
          .max(200),
        cameraPreset: cameraPresetSchema.optional(),
      }),
    )
    .max(500)
    .optional(),
  transition: z.strictObject({ kind: z.enum(['cut', 'fade']), durationMs: z.number().int().min(0).max(5000) }).optional(),
});

/** Who runs a command: the hub itself, or the engine that owns OBS. */
export type Executor = 'hub' | 'engine';

interface CommandSpec<S extends z.ZodType> {
  /** Runtime schema of the payload. */
  payload: S;
  /** Roles allowed to send the command. */
  roles: readonly Role[];
  executor: Executor;
  /** One line for docs/api.md and error messages. */
  summary: string;
}

function spec<S extends z.ZodType>(s: CommandSpec<S>): CommandSpec<S> {
  return s;
}

/** Every command any client can send, defined once: payload schema, allowed roles, executor. */
export const COMMANDS = {
  ...COHOST_COMMANDS,
  'show.rename': spec({
    payload: z.strictObject({ title: z.string().max(MAX_TITLE_LENGTH, `title is longer than ${MAX_TITLE_LENGTH} characters`) }),
    roles: ['anchor', 'producer'],
    executor: 'hub',
    summary: 'Rename the current show.',
  }),
  'scene.switch': spec({
    payload: z.strictObject({ scene: sceneName }),
    roles: ['anchor', 'producer'],
    executor: 'engine',
    summary: "Switch OBS's program scene.",
  }),
  'scene.preview': spec({
    payload: z.strictObject({ scene: sceneName }),
    roles: ['anchor', 'producer'],
    executor: 'engine',
    summary: 'Put a scene on preview (studio mode); the next transition takes it to program.',
  }),
  'studio-mode.set': spec({
    payload: z.strictObject({ enabled: z.boolean() }),
    roles: ['anchor', 'producer'],
    executor: 'engine',
    summary: 'Turn studio mode (preview, then transition) on or off.',
  }),
  'transition.set': spec({
    payload: z.strictObject({
      kind: z.enum(['cut', 'fade']),
      durationMs: z.number().int().min(50, 'duration is under 50 ms').max(5000, 'duration is over 5000 ms').optional(),
    }),
    roles: ['anchor', 'producer'],
    executor: 'engine',
    summary: 'Choose the transition between scenes (cut or fade) and its duration.',
  }),
  'transition.trigger': spec({
    payload: z.strictObject({}),
    roles: ['anchor', 'producer'],
    executor: 'engine',
    summary: 'Studio mode: take the preview scene to program with the current transition.',
  }),
  'source.toggle': spec({
    payload: z.strictObject({ scene: sceneName, source: z.string().min(1).max(256), visible: z.boolean() }),
    roles: ['anchor', 'producer'],
    executor: 'engine',
    summary: 'Show or hide a source in a scene.',
  }),
  'camera.preset': spec({
    payload: z.strictObject({ scene: sceneName, preset: cameraPresetSchema }),
    roles: ['anchor', 'producer'],
    executor: 'engine',
    summary: "Place a scene's cameras: one full frame, picture-in-picture (hands + face), or side by side.",
  }),
  'engine.report': spec({
    payload: z.strictObject({ obs: obsStateSchema, scenes: scenesStateSchema.optional(), output: engineOutputSchema.nullable().optional() }),
    roles: ['engine'],
    executor: 'hub',
    summary: 'The engine reports OBS state to the hub.',
  }),
  ...CHAT_COMMANDS,
  ...SALES_COMMANDS,
  ...THUMBNAIL_COMMANDS,
  ...SOURCE_COMMANDS,
  ...RUNDOWN_COMMANDS,
  ...OUTPUT_COMMANDS,
} as const;

/** Name of a protocol command, `domain.verb`. */
export type CommandName = keyof typeof COMMANDS;

/** Payload type of a command, inferred from its schema. */
export type CommandPayload<N extends CommandName> = z.infer<(typeof COMMANDS)[N]['payload']>;

/** A validated command. */
export type Command = { [N in CommandName]: { name: N; payload: CommandPayload<N> } }[CommandName];

/** All command names, in definition order. */
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

/** True when the string names a protocol command. */
export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(COMMANDS, name);
}
