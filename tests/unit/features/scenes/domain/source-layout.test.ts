import { describe, expect, it } from 'vitest';
import { BOX_PRESETS, presetBox, snapMovedBox, snapResizedBox, snapValue } from '../../../../../electron/features/scenes/domain/source-layout';

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
