/** Why the hub refused or failed a command. */
export type ErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'invalid'
  | 'unknown_command'
  | 'rejected'
  | 'conflict'
  | 'unavailable'
  | 'payload_too_large'
  | 'timeout'
  | 'internal';

/** An error the hub sends back: a stable code and a sentence that says what was wrong and what to do. */
export interface ProtocolError {
  code: ErrorCode;
  message: string;
}

/** Answer to every command, over socket.io (ack) and HTTP (body). */
export type CommandResult = { ok: true; version: number; data?: unknown } | { ok: false; error: ProtocolError };

/** HTTP status for each error code, so automation tools can branch on it. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  invalid: 400,
  unknown_command: 404,
  rejected: 422,
  conflict: 409,
  unavailable: 503,
  payload_too_large: 413,
  timeout: 504,
  internal: 500,
};

/** Builds a failed result. */
export function failure(code: ErrorCode, message: string): CommandResult {
  return { ok: false, error: { code, message } };
}
