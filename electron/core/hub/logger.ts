// Our own, not pino: the secrets to hide are values (stream keys inside push URLs, tokens inside any string), known only
// at run time, and must go before JSON encoding (an escaped key is still the key); pino's redaction works by field path.
// It is 80 lines (tests: tests/unit/core/hub/logger.test.ts).
/** Severity of a log line. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Structured logger: one JSON object per line, secrets redacted before anything is written. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** Registers a secret value (token, stream key, password) that must never appear in output. */
  addSecret(value: string): void;
  /** A logger that adds `fields` to every line and shares the secrets of this one. */
  child(fields: Record<string, unknown>): Logger;
}

/** Field names whose values are always replaced, whatever they hold. */
const SECRET_KEY = /token|secret|password|passwd|authorization|stream_?key|^key$|signature|cookie/i;
const REDACTED = '[redacted]';
const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Where log lines go; defaults to stdout. */
export type LogSink = (line: string) => void;

/** Creates the structured logger; `minLevel` filters, `sink` receives each finished line. */
export function createLogger(options: { minLevel?: LogLevel; sink?: LogSink; fields?: Record<string, unknown> } = {}): Logger {
  const secrets = new Set<string>();
  const sink = options.sink ?? ((line: string) => process.stdout.write(line + '\n'));
  const min = LEVELS[options.minLevel ?? 'info'];
  return buildLogger(secrets, sink, min, options.fields ?? {});
}

function buildLogger(secrets: Set<string>, sink: LogSink, min: number, base: Record<string, unknown>): Logger {
  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (LEVELS[level] < min) return;
    const record = { ts: Date.now(), level, msg, ...base, ...fields };
    // Values are scrubbed before encoding (JSON escapes a secret holding " or \ into another string); the finished
    // line once more for query-string tokens.
    sink(scrub(JSON.stringify(redact(record, 0, secrets)), secrets));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    addSecret(value) {
      // Very short values would scrub ordinary words; real secrets here are long random strings.
      if (value.length >= 6) secrets.add(value);
    },
    child: (fields) => buildLogger(secrets, sink, min, { ...base, ...fields }),
  };
}

/**
 * Replaces values under secret-looking keys and every registered secret inside strings, recursively; turns Errors into
 * plain objects.
 */
export function redact(value: unknown, depth: number, secrets: Iterable<string> = []): unknown {
  if (depth > 8) return '[deep]';
  if (typeof value === 'string') return removeSecrets(value, secrets);
  if (value instanceof Error) return { name: value.name, message: removeSecrets(value.message, secrets) };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1, secrets));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[removeSecrets(k, secrets)] = SECRET_KEY.test(k) ? REDACTED : redact(v, depth + 1, secrets);
    return out;
  }
  return value;
}

function removeSecrets(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/** Removes every registered secret value from a finished line, wherever it hides (URLs, messages). */
export function scrub(line: string, secrets: Iterable<string>): string {
  // Query-string tokens in URLs we did not know about.
  return removeSecrets(line, secrets).replace(/([?&](?:token|key|secret|password)=)[^&"\s\\]+/gi, `$1${REDACTED}`);
}
