import { z } from 'zod';
import { ENGINE_OBS_STATUSES, MAX_TITLE_LENGTH, type ObsState } from '../domain/studio-state';
import { VIDEO_PROFILES } from '../domain/video-profile';
import type { Role } from '../domain/roles';
import { AGENCY_COMMANDS } from '../../features/agency/protocol/agency-commands';
import { BRIDGE_COMMANDS } from '../../features/bridges/protocol/bridge-commands';
import { CATALOG_COMMANDS } from '../../features/catalog/protocol/catalog-commands';
import { CHAT_COMMANDS } from '../../features/chat/protocol/chat-commands';
import { COHOST_COMMANDS } from '../../features/cohost/protocol/cohost-commands';
import { HEALTH_COMMANDS } from '../../features/health/protocol/health-commands';
import { engineOutputSchema, OUTPUT_COMMANDS } from '../../features/output/protocol/output-commands';
import { MONITOR_COMMANDS } from '../../features/monitor/protocol/monitor-commands';
import { OVERLAY_COMMANDS } from '../../features/overlay/protocol/overlay-commands';
import { RUNDOWN_COMMANDS } from '../../features/rundown/protocol/rundown-commands';
import { SALES_COMMANDS } from '../../features/sales/protocol/sales-commands';
import { SCENE_COMMANDS } from '../../features/scenes/protocol/scene-commands';
import { deviceListSchema, onAirScenesSchema, scenesStateSchema } from '../../features/scenes/protocol/scene-schemas';
import { SOURCE_COMMANDS } from '../../features/scenes/protocol/source-commands';
import { THUMBNAIL_COMMANDS } from '../../features/scenes/protocol/thumbnail-commands';
import { defineCommand } from './command-spec';

/** What the engine may say about OBS (part of `engine.report`). */
const obsStateSchema = z.strictObject({
  status: z.enum(ENGINE_OBS_STATUSES),
  message: z.string().max(2000).nullable(),
  version: z.string().max(64).nullable(),
  profile: z.enum(VIDEO_PROFILES).nullable().optional(),
  devices: deviceListSchema.nullable().optional(),
}) satisfies z.ZodType<ObsState>;

/** The foundation's own commands: the show's title, and the engine's reports of OBS. */
const CORE_COMMANDS = {
  'show.rename': defineCommand({
    payload: z.strictObject({ title: z.string().max(MAX_TITLE_LENGTH, `title is longer than ${MAX_TITLE_LENGTH} characters`) }),
    roles: ['anchor', 'producer'],
    executor: 'hub',
    summary: 'Rename the current show.',
  }),
  'engine.report': defineCommand({
    payload: z
      .strictObject({ obs: obsStateSchema, scenes: scenesStateSchema.optional(), onAir: onAirScenesSchema.optional(), output: engineOutputSchema.nullable().optional() })
      .refine((report) => !(report.scenes && report.onAir), 'send scenes or onAir, not both'),
    roles: ['engine'],
    executor: 'hub',
    summary: 'The engine reports OBS state to the hub.',
  }),
} as const;

/** Every command any client can send, defined once: payload schema, allowed roles, executor. */
export const COMMANDS = {
  ...CORE_COMMANDS,
  ...HEALTH_COMMANDS,
  ...COHOST_COMMANDS,
  ...SCENE_COMMANDS,
  ...SOURCE_COMMANDS,
  ...THUMBNAIL_COMMANDS,
  ...MONITOR_COMMANDS,
  ...BRIDGE_COMMANDS,
  ...CHAT_COMMANDS,
  ...SALES_COMMANDS,
  ...CATALOG_COMMANDS,
  ...RUNDOWN_COMMANDS,
  ...OVERLAY_COMMANDS,
  ...OUTPUT_COMMANDS,
  ...AGENCY_COMMANDS,
} as const;

/** Name of a protocol command, `domain.verb`. */
export type CommandName = keyof typeof COMMANDS;

/** Payload type of a command, inferred from its schema. */
export type CommandPayload<N extends CommandName> = z.infer<(typeof COMMANDS)[N]['payload']>;

/** A validated command. */
export type Command = { [N in CommandName]: { name: N; payload: CommandPayload<N> } }[CommandName];

/** All command names, in definition order. */
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

/** The commands a role may send, in definition order (before the anchor's permissions narrow them). */
export function commandsOf(role: Role): CommandName[] {
  return COMMAND_NAMES.filter((name) => (COMMANDS[name].roles as readonly Role[]).includes(role));
}

/** True when the string names a protocol command. */
export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(COMMANDS, name);
}
