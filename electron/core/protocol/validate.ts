import type { z } from 'zod';
import type { Role } from '../domain/roles';
import { COMMANDS, isCommandName, type Command, type CommandName } from './commands';
import type { ProtocolError } from './results';

/** Outcome of validating an untrusted command. */
export type Validation = { ok: true; command: Command } | { ok: false; error: ProtocolError };

/** Validates an untrusted name + payload against the protocol; never throws. */
export function validateCommand(name: unknown, payload: unknown): Validation {
  if (!isCommandName(name)) {
    const shown = typeof name === 'string' ? `"${name.slice(0, 80)}"` : `a ${typeof name}`;
    return { ok: false, error: { code: 'unknown_command', message: `Unknown command ${shown}. See docs/api.md for the list.` } };
  }
  const parsed = COMMANDS[name].payload.safeParse(payload);
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid', message: `Invalid payload for ${name}: ${describeIssues(parsed.error)}` } };
  }
  return { ok: true, command: { name, payload: parsed.data } as Command };
}

/** Checks that a role may send a command; returns the refusal or null. */
export function roleRefusal(role: Role, name: CommandName): ProtocolError | null {
  const allowed = COMMANDS[name].roles;
  if (allowed.includes(role)) return null;
  return {
    code: 'forbidden',
    message: `The ${role} role may not use ${name}; it needs one of: ${allowed.join(', ')}. Ask the anchor for access.`,
  };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(payload)'}: ${issue.message}`)
    .join('; ');
}
