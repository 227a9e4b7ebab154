import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FromChild, ToChild } from '../../../electron/studio/process-messages';
import type { ChildRole, SpawnChild, StudioChild } from '../../../electron/studio/studio-child';
import { SupervisedChild } from '../../../electron/studio/supervised-child';

// The studio's supervision rules with fake children (a unit test of one module: the real processes are exercised by
// the e2e and integration suites on the built studio).

/** A child the test drives by hand: what it was told, and buttons to answer, crash or exit. */
class FakeChild implements StudioChild {
  static nextPid = 100;
  readonly pid = FakeChild.nextPid++;
  readonly received: ToChild[] = [];
  readonly signals: string[] = [];
  private readonly listeners: Array<(m: FromChild) => void> = [];
  private readonly exitListeners: Array<(code: number | null, signal: string | null) => void> = [];
  isExited = false;

  post(message: ToChild): void {
    this.received.push(message);
  }
  onMessage(listener: (m: FromChild) => void): void {
    this.listeners.push(listener);
  }
  onExit(listener: (code: number | null, signal: string | null) => void): void {
    this.exitListeners.push(listener);
  }
  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    this.signals.push(signal);
    this.exit(null, signal);
  }
  say(message: FromChild): void {
    for (const l of this.listeners) l(message);
  }
  exit(code: number | null, signal: string | null = null): void {
    if (this.isExited) return;
    this.isExited = true;
    for (const l of this.exitListeners) l(code, signal);
  }
}

function harness() {
  const children: FakeChild[] = [];
  const spawn: SpawnChild = (_role: ChildRole) => {
    const child = new FakeChild();
    children.push(child);
    return child;
  };
  const lines: string[] = [];
  const log = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), error: (m: string) => lines.push(m) };
  let port = 0;
  const supervised = new SupervisedChild({ role: 'hub', spawn, config: () => ({ port }), log, restart: { initialMs: 100, maxMs: 800, stableAfterMs: 10_000 } });
  return { children, lines, supervised, setPort: (p: number) => (port = p), last: () => children[children.length - 1]! };
}

describe('SupervisedChild', () => {
  afterEach(() => vi.useRealTimers());

  it('starts the child with its config and resolves on ready', async () => {
    const h = harness();
    const started = h.supervised.start();
    expect(h.last().received).toEqual([{ type: 'start', config: { port: 0 } }]);
    h.last().say({ type: 'ready', url: 'http://127.0.0.1:5000', port: 5000 });
    expect(await started).toEqual({ type: 'ready', url: 'http://127.0.0.1:5000', port: 5000 });
    expect(h.supervised.pid).toBe(h.last().pid);
  });

  it('a first start that fails rejects with the child\'s reason and is not retried', async () => {
    vi.useFakeTimers();
    const h = harness();
    const started = h.supervised.start();
    h.last().say({ type: 'fatal', message: 'Port 5000 is already in use by another program.' });
    h.last().exit(1);
    await expect(started).rejects.toThrow('Port 5000 is already in use');
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.children).toHaveLength(1);

    const h2 = harness();
    const dies = h2.supervised.start();
    h2.last().exit(70);
    await expect(dies).rejects.toThrow(/exited before it was ready/);
    await vi.advanceTimersByTimeAsync(5000);
    expect(h2.children).toHaveLength(1);
  });

  it('a crash after the start restarts the child with the current config, backing off per crash in a row', async () => {
    vi.useFakeTimers();
    const h = harness();
    const started = h.supervised.start();
    h.last().say({ type: 'ready', port: 5000, url: 'u' });
    await started;
    h.setPort(5000);
    const spawnTimes: number[] = [];
    for (let crash = 0; crash < 5; crash++) {
      const before = h.children.length;
      const crashedAt = Date.now();
      h.last().exit(70);
      await vi.advanceTimersByTimeAsync(1);
      expect(h.supervised.pid).toBeNull();
      while (h.children.length === before) await vi.advanceTimersByTimeAsync(10);
      spawnTimes.push(Date.now() - crashedAt);
      expect(h.last().received[0]).toEqual({ type: 'start', config: { port: 5000 } });
      h.last().say({ type: 'ready', port: 5000, url: 'u' });
    }
    // 100, 200, 400, 800, then capped at 800 ms (within the 10 ms polling step).
    expect(spawnTimes.map((t) => Math.round(t / 100) * 100)).toEqual([100, 200, 400, 800, 800]);
    expect(h.supervised.restarts).toBe(5);
    expect(h.lines.filter((l) => l.includes('ended unexpectedly'))).toHaveLength(5);
  });

  it('a child that ran for a while before crashing starts the backoff again', async () => {
    vi.useFakeTimers();
    const h = harness();
    const started = h.supervised.start();
    h.last().say({ type: 'ready', port: 1, url: 'u' });
    await started;
    for (let i = 0; i < 3; i++) {
      h.last().exit(70);
      await vi.advanceTimersByTimeAsync(900);
      h.last().say({ type: 'ready', port: 1, url: 'u' });
    }
    await vi.advanceTimersByTimeAsync(10_000);
    const before = h.children.length;
    h.last().exit(70);
    await vi.advanceTimersByTimeAsync(99);
    expect(h.children).toHaveLength(before);
    await vi.advanceTimersByTimeAsync(2);
    expect(h.children).toHaveLength(before + 1);
  });

  it('nextReady resolves on the restarted child\'s ready', async () => {
    vi.useFakeTimers();
    const h = harness();
    const started = h.supervised.start();
    h.last().say({ type: 'ready', port: 1, url: 'u' });
    await started;
    const next = h.supervised.nextReady(5000);
    h.supervised.kill('SIGKILL');
    expect(h.children[0]!.signals).toEqual(['SIGKILL']);
    await vi.advanceTimersByTimeAsync(100);
    h.last().say({ type: 'ready', port: 1, url: 'again' });
    await expect(next).resolves.toMatchObject({ url: 'again' });
  });

  it('stop asks the child to stop, never restarts it, and SIGKILLs one that does not exit in time', async () => {
    vi.useFakeTimers();
    const h = harness();
    const started = h.supervised.start();
    h.last().say({ type: 'ready', port: 1, url: 'u' });
    await started;
    const child = h.last();
    const stopped = h.supervised.stop({ type: 'stop' }, 1000);
    expect(child.received.at(-1)).toEqual({ type: 'stop' });
    await vi.advanceTimersByTimeAsync(999);
    expect(child.signals).toEqual([]);
    await vi.advanceTimersByTimeAsync(2);
    expect(child.signals).toEqual(['SIGKILL']);
    await stopped;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.children).toHaveLength(1);
    expect(h.lines.some((l) => l.includes('did not stop in time'))).toBe(true);
  });

  it('request waits for the answer, and gives up on timeout or exit', async () => {
    vi.useFakeTimers();
    const h = harness();
    const started = h.supervised.start();
    h.last().say({ type: 'ready', port: 1, url: 'u' });
    await started;
    const answered = h.supervised.request({ type: 'end-show' }, 'show-ended', 1000);
    h.last().say({ type: 'show-ended' });
    await expect(answered).resolves.toBe(true);
    const timedOut = h.supervised.request({ type: 'end-show' }, 'show-ended', 1000);
    await vi.advanceTimersByTimeAsync(1001);
    await expect(timedOut).resolves.toBe(false);
    const exited = h.supervised.request({ type: 'end-show' }, 'show-ended', 1000);
    h.last().exit(70);
    await expect(exited).resolves.toBe(false);
  });
});
