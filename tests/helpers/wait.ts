/**
 * Polls `check` until it returns a truthy value and resolves with it; rejects after `timeoutMs` saying what never
 * happened. For conditions without an event to wait on (a process appearing, a file being written).
 */
export async function waitUntil<T>(check: () => T | Promise<T>, timeoutMs: number, what: string, everyMs = 50): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as Truthy<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** What a check returns when it holds. */
export type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;
