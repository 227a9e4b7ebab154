import { afterEach, describe, expect, it } from 'vitest';
import { ProgramFeed } from '../../../../../electron/features/monitor/engine/program-feed';
import type { MonitorFrameEvent, MonitorView } from '../../../../../electron/features/monitor/protocol/monitor-events';
import { waitUntil } from '../../../../helpers/wait';
import { QUICK_MS } from '../../../../helpers/timeouts';

/** A fake OBS and hub around a real feed: scenes on each view, captures counted, frames kept; the clock is the test's. */
function rig(options: { captureMs?: number; views?: Record<MonitorView, string | null> } = {}) {
  const clock = { now: 1_000_000 };
  const views = options.views ?? { program: 'Anchor', preview: null };
  const frames: MonitorFrameEvent[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let failNext = 0;
  const feed = new ProgramFeed({
    views: () => views,
    async capture(scene, width) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, options.captureMs ?? 1));
      inFlight--;
      if (failNext > 0) {
        failNext--;
        throw new Error('OBS went away');
      }
      return `data:image/jpeg;base64,${Buffer.from(`${scene}@${width}`).toString('base64')}`;
    },
    async publish(frame) {
      frames.push(frame);
    },
    now: () => clock.now,
    leaseMs: 6000,
  });
  return { feed, clock, views, frames, maxInFlight: () => maxInFlight, failNext: (n: number) => (failNext = n) };
}

describe('the program monitor feed', () => {
  let feeds: ProgramFeed[] = [];
  afterEach(async () => {
    for (const f of feeds) f.stop();
    await Promise.all(feeds.map((f) => f.whenStopped()));
    feeds = [];
  });

  it('sends program frames of the scene on program at the width asked, stamped with when OBS was asked', async () => {
    const r = rig();
    feeds.push(r.feed);
    r.feed.watch(['program'], 320, 30);
    await waitUntil(() => r.frames.length >= 3, QUICK_MS, 'three frames');
    expect(r.frames[0]).toMatchObject({ view: 'program', scene: 'Anchor', at: 1_000_000 });
    expect(Buffer.from(r.frames[0]!.image.split(',')[1]!, 'base64').toString()).toBe('Anchor@320');
    // The program changes: the next frames show the new scene.
    r.views.program = 'Product close-up';
    const seen = r.frames.length;
    await waitUntil(() => r.frames.slice(seen).some((f) => f.scene === 'Product close-up'), QUICK_MS, 'a frame of the new program');
  });

  it('captures nothing once every watch lapsed, and starts again on a new watch', async () => {
    const r = rig();
    feeds.push(r.feed);
    r.feed.watch(['program'], 320, 30);
    await waitUntil(() => r.frames.length >= 2, QUICK_MS, 'frames while watched');
    r.clock.now += 6001; // nobody renewed
    await r.feed.whenStopped();
    const after = r.frames.length;
    expect(r.feed.activeViews).toEqual([]);
    // The loop has ended: no capture is pending that could still add a frame.
    expect(r.frames.length).toBe(after);
    r.feed.watch(['program'], 320, 30);
    await waitUntil(() => r.frames.length > after, QUICK_MS, 'frames after a new watch');
  });

  it('keeps one capture in flight: a slow OBS lowers the rate instead of piling requests up', async () => {
    const r = rig({ captureMs: 40 });
    feeds.push(r.feed);
    r.feed.watch(['program'], 640, 30);
    await waitUntil(() => r.frames.length >= 5, QUICK_MS, 'five slow frames');
    expect(r.maxInFlight()).toBe(1);
  });

  it('shows preview only in studio mode, and goes on after a capture fails', async () => {
    const r = rig({ views: { program: 'Anchor', preview: null } });
    feeds.push(r.feed);
    r.failNext(2);
    r.feed.watch(['program', 'preview'], 320, 30);
    await waitUntil(() => r.frames.length >= 3, QUICK_MS, 'frames after two failed captures');
    expect(r.frames.every((f) => f.view === 'program')).toBe(true);
    r.views.preview = 'Q&A';
    await waitUntil(() => r.frames.some((f) => f.view === 'preview' && f.scene === 'Q&A'), QUICK_MS, 'a preview frame in studio mode');
  });

  it('an empty watch stops every view', async () => {
    const r = rig();
    feeds.push(r.feed);
    r.feed.watch(['program'], 320, 30);
    await waitUntil(() => r.frames.length >= 1, QUICK_MS, 'a frame');
    r.feed.watch([]);
    await r.feed.whenStopped();
    expect(r.feed.activeViews).toEqual([]);
  });
});
