import { describe, expect, it } from 'vitest';
import { runSoak } from '../helpers/soak';

/**
 * The short soak: four simulated hours at a fifth of a busy hour (14,400 messages, 1,440 orders, 720 health reports
 * and 4 cue changes an hour) through the real hub and the anchor's window. What must hold is the trend, not a time:
 * after the first hour (caches, compiled code, the window's first full lists), what the hub and the window keep does
 * not grow with the show. The bounds: a leak that kept even 1 KB per chat message would add 14 MB an hour here, over
 * the 6 MB (hub) and 8 MB (window) allowed from hour 2 to hour 4; handles (sockets, timers, files) stay within 2.
 * Measured on the 2-core machine: see bench/soak.ts for the seven-hour run and its figures.
 */
describe('a long show does not grow the studio (short soak)', () => {
  it('keeps the hub heap, the handles and the window heap flat from the second simulated hour on', async () => {
    const hours = await runSoak({ hours: 4, scale: 0.2 });
    expect(hours).toHaveLength(4);
    const [, second, , fourth] = hours;
    expect(fourth!.hubHeapMb - second!.hubHeapMb, JSON.stringify(hours)).toBeLessThan(6);
    expect(fourth!.browserHeapMb - second!.browserHeapMb, JSON.stringify(hours)).toBeLessThan(8);
    expect(Math.abs(fourth!.handles - second!.handles), JSON.stringify(hours)).toBeLessThanOrEqual(2);
    // The show's data does grow, on disk: the chat and the ledger keep every message and order.
    expect(fourth!.sqliteMb).toBeGreaterThan(second!.sqliteMb);
    expect(hours.every((h) => h.fps > 0)).toBe(true);
  }, 300_000);
});
