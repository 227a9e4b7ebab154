import type { z } from 'zod';
import type { Role } from '../domain/roles';

/** Who runs a command: the hub itself, or the engine that owns OBS. */
export type CommandExecutor = 'hub' | 'engine';

/** How one command is defined: payload schema, allowed roles, executor, one-line summary. */
export interface CommandSpec<S extends z.ZodType, E extends CommandExecutor = CommandExecutor> {
  /** Runtime schema of the payload. */
  payload: S;
  /** Roles allowed to send the command. */
  roles: readonly Role[];
  executor: E;
  /** One line for docs/api.md and error messages. */
  summary: string;
}

/**
 * Defines a command, keeping its schema's type and its executor as a literal (so the engine's handler table can list
 * exactly the engine's commands). Feature files use it; commands.ts gathers them.
 */
export function defineCommand<S extends z.ZodType, E extends CommandExecutor>(s: CommandSpec<S, E>): CommandSpec<S, E> {
  return s;
}
