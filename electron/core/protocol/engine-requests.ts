import type { z } from 'zod';
import { ENGINE_OUTPUT_REQUESTS, type EngineOutputRequest, type EngineOutputRequestName } from '../../features/output/protocol/output-commands';
import { COMMANDS, isCommandName, type CommandName, type CommandPayload } from './commands';
import type { EngineRequest } from './events';
import type { ProtocolError } from './results';

/** The commands the engine runs against OBS: those whose spec names it the executor. */
export type EngineCommandName = { [N in CommandName]: (typeof COMMANDS)[N]['executor'] extends 'engine' ? N : never }[CommandName];

/** Everything the hub may ask the engine: its commands, and the hub's own output requests (they carry stream keys). */
export type EngineRequestName = EngineCommandName | EngineOutputRequestName;

/** The payload of an engine request. */
export type EngineRequestPayload<N extends EngineRequestName> = N extends CommandName
  ? CommandPayload<N>
  : N extends EngineOutputRequestName
    ? EngineOutputRequest<N>
    : never;

/**
 * The engine's handler table: one handler per request, each typed by its payload. A request added to the protocol
 * without a handler does not compile (GitHub Desktop's typed request/response channel maps). A handler resolves with
 * the answer's data, or undefined.
 */
export type EngineHandlers = { [N in EngineRequestName]: (payload: EngineRequestPayload<N>) => Promise<unknown> };

/** A request as the engine may run it, or why not. */
export type ParsedEngineRequest =
  | { ok: true; name: EngineRequestName; payload: unknown }
  | { ok: false; error: ProtocolError };

/** Validates a request from the hub like any other input: a known engine request with a well-formed payload. */
export function parseEngineRequest(request: EngineRequest): ParsedEngineRequest {
  const name = request.name as string;
  const schema: z.ZodType | undefined = isCommandName(name)
    ? COMMANDS[name].executor === 'engine'
      ? COMMANDS[name].payload
      : undefined
    : Object.prototype.hasOwnProperty.call(ENGINE_OUTPUT_REQUESTS, name)
      ? ENGINE_OUTPUT_REQUESTS[name as EngineOutputRequestName]
      : undefined;
  if (!schema) return { ok: false, error: { code: 'unknown_command', message: `The OBS engine does not handle ${name.slice(0, 80)}.` } };
  const parsed = schema.safeParse(request.payload);
  if (!parsed.success) return { ok: false, error: { code: 'invalid', message: `Invalid ${name} request from the hub.` } };
  return { ok: true, name: name as EngineRequestName, payload: parsed.data };
}
