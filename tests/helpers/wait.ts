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
