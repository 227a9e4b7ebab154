import { appendFileSync } from 'node:fs';

/**
 * Polls `check` until it returns a truthy value and resolves with it; rejects after `timeoutMs` saying what never
 * happened. For conditions without an event to wait on (a process appearing, a file being written).
 */
export async function waitUntil<T>(check: () => T | Promise<T>, timeoutMs: number, what: string, everyMs = 50): Promise<Truthy<T>> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) {
      recordWait(what, Date.now() - started, timeoutMs);
      return value as Truthy<T>;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** What a check returns when it holds. */
export type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

/**
 * With ANCHOR_TEST_TIMINGS=<file>, appends one JSON line per wait that held (what, ms it took, its timeout): the
 * measured figures that timeouts are set from (a few times the measured figure, not a guess).
 */
export function recordWait(what: string, ms: number, timeoutMs: number): void {
  const file = process.env.ANCHOR_TEST_TIMINGS;
  if (!file) return;
  appendFileSync(file, `${JSON.stringify({ what, ms, timeoutMs })}\n`);
}

/**
 * Resolves with `promise`, or rejects after `timeoutMs` saying what never happened: a wait on an event must fail with
 * its own message, not as the test runner's anonymous timeout.
 */
export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`)), timeoutMs);
  });
  return Promise.race([promise, expired]).then(
    (value) => {
      clearTimeout(timer);
      recordWait(what, Date.now() - started, timeoutMs);
      return value;
    },
    (err: unknown) => {
      clearTimeout(timer);
      throw err;
    },
  );
}

/** The next `event` an emitter (a socket) emits, within `timeoutMs`. */
export function nextEvent<T>(emitter: { once(event: string, listener: (value: T) => void): unknown }, event: string, timeoutMs: number, what = event): Promise<T> {
  return withTimeout(new Promise<T>((resolve) => emitter.once(event, resolve)), timeoutMs, what);
}
