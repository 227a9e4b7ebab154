import type { z } from 'zod';
import type { Role } from '../domain/roles';

/** Who runs a command: the hub itself, or the engine that owns OBS. */
export type CommandExecutor = 'hub' | 'engine';

/** How one command is defined: payload schema, allowed roles, executor, one-line summary. */
export interface CommandSpec<S extends z.ZodType> {
  /** Runtime schema of the payload. */
  payload: S;
  /** Roles allowed to send the command. */
  roles: readonly Role[];
  executor: CommandExecutor;
  /** One line for docs/api.md and error messages. */
  summary: string;
}

/** Defines a command (keeps the schema's type for inference). Feature files use it, commands.ts gathers them. */
export function defineCommand<S extends z.ZodType>(s: CommandSpec<S>): CommandSpec<S> {
  return s;
}
