import { describe, expect, it } from 'vitest';
import { BOX_PRESETS, presetBox, safeArea, snapMovedBox, snapResizedBox, snapValue } from '../../../../../electron/features/scenes/domain/source-layout';

describe('source position presets', () => {
  it('maps each preset to a box inside the canvas', () => {
    expect(presetBox('full')).toEqual({ x: 0, y: 0, w: 1, h: 1 });
    expect(presetBox('left-half')).toEqual({ x: 0, y: 0, w: 0.5, h: 1 });
    expect(presetBox('right-half')).toEqual({ x: 0.5, y: 0, w: 0.5, h: 1 });
    for (const isVertical of [false, true]) {
      for (const preset of BOX_PRESETS) {
        const b = presetBox(preset, isVertical);
        expect(b.x + b.w, preset).toBeLessThanOrEqual(1);
        expect(b.y + b.h, preset).toBeLessThanOrEqual(1);
      }
    }
  });

  it('puts the picture-in-picture corner bottom right, with a margin, on both canvases', () => {
    for (const isVertical of [false, true]) {
      const b = presetBox('pip-corner', isVertical);
      expect(b.x).toBeGreaterThan(0.4);
      expect(b.y).toBeGreaterThan(0.5);
      expect(1 - (b.x + b.w)).toBeGreaterThan(0);
      expect(1 - (b.y + b.h)).toBeGreaterThan(0);
    }
  });
});

describe('snapping to thirds', () => {
  it('pulls a value within the distance to the nearest line, else leaves it', () => {
    expect(snapValue(0.32)).toBeCloseTo(1 / 3);
    expect(snapValue(0.69)).toBeCloseTo(2 / 3);
    expect(snapValue(0.51)).toBe(0.5);
    expect(snapValue(0.02)).toBe(0);
    expect(snapValue(0.42)).toBe(0.42);
  });

  it('moves a box onto a third by whichever edge is nearer and keeps its size', () => {
    // Left edge 0.01 from 1/3: snaps by the left edge.
    expect(snapMovedBox({ x: 0.3233, y: 0.4, w: 0.2, h: 0.2 })).toEqual({ x: 0.3333, y: 0.4, w: 0.2, h: 0.2 });
    // Right edge 0.01 short of 2/3.
    const b = snapMovedBox({ x: 0.4567, y: 0.1, w: 0.2, h: 0.3 });
    expect(b.x + b.w).toBeCloseTo(2 / 3, 3);
    expect(b.w).toBe(0.2);
  });

  it('keeps a moved box on the canvas', () => {
    expect(snapMovedBox({ x: 0.9, y: -0.3, w: 0.4, h: 0.4 })).toEqual({ x: 0.6, y: 0, w: 0.4, h: 0.4 });
  });

  it('snaps a resized corner and never makes a box smaller than the minimum or larger than the canvas', () => {
    expect(snapResizedBox({ x: 0, y: 0, w: 0.65, h: 0.98 })).toEqual({ x: 0, y: 0, w: 0.6667, h: 1 });
    const tiny = snapResizedBox({ x: 0.4, y: 0.4, w: -0.3, h: 0.001 });
    expect(tiny.w).toBeCloseTo(0.05);
    expect(tiny.h).toBeCloseTo(0.05);
    expect(snapResizedBox({ x: 0.5, y: 0.5, w: 0.9, h: 0.9 })).toEqual({ x: 0.5, y: 0.5, w: 0.5, h: 0.5 });
  });
});

describe('snapping to the platforms\u2019 safe area', () => {
  it('keeps the vertical safe area clear of the app header (top), the button column (right) and chat (bottom)', () => {
    const safe = safeArea(true);
    expect(safe.y).toBeGreaterThanOrEqual(0.1);
    expect(safe.x + safe.w).toBeLessThanOrEqual(0.85);
    expect(safe.y + safe.h).toBeLessThanOrEqual(0.65);
    expect(safeArea(false)).toEqual({ x: 0.05, y: 0.05, w: 0.9, h: 0.9 });
  });

  it('pulls a moved box onto the safe area\u2019s edges only when the editor gives one', () => {
    const safe = safeArea(true);
    // A box whose top is 0.01 under the header line snaps up to it; without the safe area it stays.
    const near = { x: 0.2, y: safe.y + 0.01, w: 0.3, h: 0.25 };
    expect(snapMovedBox(near, safe).y).toBe(safe.y);
    expect(snapMovedBox(near).y).toBe(near.y);
    // Its right edge just past the button column's line comes back to it.
    const right = snapMovedBox({ x: safe.x + safe.w - 0.3 + 0.012, y: 0.45, w: 0.3, h: 0.1 }, safe);
    expect(right.x + right.w).toBeCloseTo(safe.x + safe.w, 4);
  });

  it('snaps a resized corner to the bottom edge of the vertical safe area (above chat and the buy bar)', () => {
    const safe = safeArea(true);
    const resized = snapResizedBox({ x: 0.1, y: 0.2, w: 0.5, h: safe.y + safe.h - 0.2 + 0.015 }, safe);
    expect(resized.y + resized.h).toBeCloseTo(safe.y + safe.h, 4);
  });
});
