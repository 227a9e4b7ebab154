import type { RefusalKey } from './refusals';

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
  | 'rate_limited'
  | 'timeout'
  | 'internal';

/**
 * Why the show's rules refused, as a key and its parameters: windows say it in their own language (the key names a
 * UI string `refusal.<key>`); `message` stays the English sentence for logs, HTTP callers and older windows.
 */
export interface Refusal {
  key: RefusalKey;
  params?: Record<string, string | number>;
}

/** An error the hub sends back: a stable code and a sentence that says what was wrong and what to do. */
export interface ProtocolError {
  code: ErrorCode;
  message: string;
  refusal?: Refusal;
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
  rate_limited: 429,
  timeout: 504,
  internal: 500,
};

/** Builds a failed result (with the refusal's key when the UI should say it in the user's language). */
export function failure(code: ErrorCode, message: string, refusal?: Refusal): CommandResult {
  return { ok: false, error: refusal ? { code, message, refusal } : { code, message } };
}
