import { describe, expect, it } from 'vitest';
import { ThumbnailWatcher } from '../../../../../electron/features/scenes/engine/thumbnails';
import type { ThumbnailsEvent } from '../../../../../electron/features/scenes/protocol/thumbnail-events';

describe('ThumbnailWatcher', () => {
  function setup() {
    let now = 1000;
    const published: ThumbnailsEvent[] = [];
    const captured: string[] = [];
    const watcher = new ThumbnailWatcher({
      now: () => now,
      leaseMs: 10_000,
      async capture(scene, width) {
        captured.push(`${scene}@${width}`);
        if (scene === 'Gone') throw new Error('600');
        return `data:image/jpeg;base64,${scene}`;
      },
      async publish(event) {
        published.push(event);
      },
    });
    return { watcher, published, captured, advance: (ms: number) => (now += ms) };
  }

  it('captures the watched scenes, leaving out the ones OBS cannot capture', async () => {
    const { watcher, published, captured } = setup();
    watcher.watch(['Opening', 'Gone', 'Opening'], 160, 10_000);
    await watcher.tick();
    expect(captured.filter((c) => c === 'Opening@160').length).toBeGreaterThanOrEqual(1);
    expect(published.at(-1)!.images).toEqual({ Opening: 'data:image/jpeg;base64,Opening' });
    watcher.stop();
  });

  it('stops by itself when nobody renews the watch, and on an empty list', async () => {
    const { watcher, published, advance } = setup();
    watcher.watch(['Opening'], 160, 10_000);
    await watcher.tick();
    const before = published.length;
    expect(before).toBeGreaterThan(0);
    advance(10_001);
    await watcher.tick();
    expect(watcher.isActive).toBe(false);
    expect(published.length).toBe(before);

    watcher.watch(['Opening'], 160, 10_000);
    expect(watcher.isActive).toBe(true);
    watcher.watch([], 160, 10_000);
    expect(watcher.isActive).toBe(false);
  });

  it('a renewed watch keeps going past the first lease', async () => {
    const { watcher, advance } = setup();
    watcher.watch(['Opening'], 160, 10_000);
    advance(8000);
    watcher.watch(['Opening'], 160, 10_000);
    advance(8000);
    await watcher.tick();
    expect(watcher.isActive).toBe(true);
    watcher.stop();
  });

  it("every window's watch counts: the scene panel's scenes and the setup's cameras are all captured, each until its own lease ends", async () => {
    const { watcher, published, advance } = setup();
    watcher.watch(['Opening', 'Anchor'], 192, 10_000);
    await watcher.tick();
    advance(4000);
    watcher.watch(['Rehearsal camera'], 240, 10_000);
    await watcher.tick();
    expect(Object.keys(published.at(-1)!.images).sort()).toEqual(['Anchor', 'Opening', 'Rehearsal camera']);
    // The panel stops renewing; the setup goes on: only the camera is captured after the panel's lease.
    advance(7000);
    watcher.watch(['Rehearsal camera'], 240, 10_000);
    await watcher.tick();
    expect(Object.keys(published.at(-1)!.images)).toEqual(['Rehearsal camera']);
    expect(watcher.watching?.scenes).toEqual(['Rehearsal camera']);
    watcher.stop();
  });
});
