import { policyRefusal } from '../../features/cohost/domain/cohost';
import { sceneSwitchBlocker } from '../../features/scenes/domain/scenes';
import {
  COMMANDS,
  failure,
  roleRefusal,
  validateCommand,
  type Command,
  type CommandName,
  type CommandPayload,
  type CommandResult,
  type EngineRequest,
  type ProtocolError,
} from '../protocol';
import type { Logger } from './logger';
import type { StateStore } from './state-store';
import type { Db } from './storage';
import type { Principal } from './auth/tokens';

/** Sends a command to the connected engine; resolves with its answer. */
export interface EngineLink {
  /** Null when no engine is connected. `timeoutMs` overrides the default wait (outputs take longer than a switch). */
  request(request: EngineRequest, options?: { timeoutMs?: number }): Promise<CommandResult> | null;
}

/** Commands too frequent to audit (telemetry, not decisions). */
const UNAUDITED = new Set(['engine.report', 'engine.health', 'thumbnails.watch', 'thumbnails.publish', 'monitor.watch', 'monitor.publish', 'meters.watch', 'meters.publish']);

/** Runs one validated command for a principal. */
export type CommandHandler<N extends CommandName> = (
  payload: CommandPayload<N>,
  principal: Principal,
) => CommandResult | Promise<CommandResult>;

/** Hub-side handlers by command name, gathered from the hub's features. */
export type HandlerTable = Map<CommandName, CommandHandler<CommandName>>;

/** What to call an untrusted command name in the log: a string cut short, or only its type (an object may not even convert). */
function commandLabel(name: unknown): string {
  return typeof name === 'string' ? name.slice(0, 80) : `(${Array.isArray(name) ? 'array' : typeof name})`;
}

/** Audit rows a studio keeps: months of a busy show's commands (each row is under 100 bytes). */
export const AUDIT_MAX_ROWS = 200_000;

/** The single path every command takes, whatever transport it came on: validate, authorize, execute, audit. */
export class CommandBus {
  constructor(
    private readonly deps: {
      store: StateStore;
      db: Db;
      engine: EngineLink;
      log: Logger;
      handlers: HandlerTable;
      /** Audit rows kept (the newest); default {@link AUDIT_MAX_ROWS}. */
      auditMaxRows?: number;
      /** True once a principal's invite has expired (its open window's commands are refused). */
      isExpired?: (principal: Principal) => boolean;
    },
  ) {}

  /** Runs an untrusted command for a principal; never throws. */
  async execute(principal: Principal, name: unknown, payload: unknown, options: { expectedRevision?: unknown } = {}): Promise<CommandResult> {
    const validation = validateCommand(name, payload);
    if (!validation.ok) {
      this.deps.log.info('command refused', { actor: principal.id, command: commandLabel(name), code: validation.error.code });
      return { ok: false, error: validation.error };
    }
    const command = validation.command;
    if (this.deps.isExpired?.(principal)) {
      return { ok: false, error: { code: 'unauthorized', message: 'Your invite has expired. Ask the anchor for a new one.' } };
    }
    const refusal = roleRefusal(principal.role, command.name) ?? this.showRefusal(principal, command.name, options.expectedRevision);
    const result = refusal ? { ok: false as const, error: refusal } : await this.run(command, principal);
    this.audit(principal, command, result);
    return result;
  }

  /** Refusals that depend on the show: the anchor's permissions, and commands made against an older revision. */
  private showRefusal(principal: Principal, name: CommandName, expectedRevision: unknown): ProtocolError | null {
    const state = this.deps.store.current;
    const policy = policyRefusal(state.permissions, principal.role, name);
    if (policy) return { code: 'forbidden', message: policy.message, refusal: { key: policy.key } };
    if (expectedRevision === undefined || expectedRevision === null) return null;
    if (typeof expectedRevision !== 'number' || !Number.isInteger(expectedRevision)) {
      return { code: 'invalid', message: 'expectedRevision must be a whole number (the revision your screen shows).' };
    }
    if (expectedRevision !== state.revision) {
      return {
        code: 'conflict',
        message: `Someone changed the show first (you saw revision ${expectedRevision}, it is now ${state.revision}). Nothing was done: look again and retry.`,
      };
    }
    return null;
  }

  private async run(command: Command, principal: Principal): Promise<CommandResult> {
    try {
      if (COMMANDS[command.name].executor === 'engine') return await this.forward(command);
      const handler = this.deps.handlers.get(command.name);
      if (!handler) return failure('internal', `${command.name} has no hub handler.`);
      return await handler(command.payload as never, principal);
    } catch (err) {
      this.deps.log.error('command failed', { command: command.name, err });
      return failure('internal', `The hub failed to run ${command.name}. It keeps running; the details are in its log.`);
    }
  }

  private async forward(command: Command): Promise<CommandResult> {
    if (command.name === 'scene.switch') {
      const { obs, scenes } = this.deps.store.current;
      const blocker = sceneSwitchBlocker(obs.status === 'connected', scenes, command.payload.scene);
      if (blocker) return failure('rejected', blocker);
    }
    const pending = this.deps.engine.request({ name: command.name, payload: command.payload });
    if (!pending) {
      return failure('unavailable', 'The OBS engine is not connected. The studio keeps working in rehearsal mode; video commands wait for OBS.');
    }
    return pending;
  }

  private audit(principal: Principal, command: Command, result: CommandResult): void {
    if (UNAUDITED.has(command.name)) return;
    const { db } = this.deps;
    const id = Number(
      db
        .prepare('INSERT INTO audit_log (at, actor_id, role, command, ok, detail) VALUES (?, ?, ?, ?, ?, ?)')
        .run(Date.now(), principal.id, principal.role, command.name, result.ok ? 1 : 0, result.ok ? null : result.error.code).lastInsertRowid,
    );
    // Only the newest rows stay: a client sending refused commands all day must not grow the database without end.
    const keep = this.deps.auditMaxRows ?? AUDIT_MAX_ROWS;
    if (id > keep) db.prepare('DELETE FROM audit_log WHERE id <= ?').run(id - keep);
  }
}
