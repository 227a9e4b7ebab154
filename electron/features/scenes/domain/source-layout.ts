// Where a source sits in a scene: the presets the editor offers, snapping a dragged box, and the refusals of scene
// and source edits, shared by the engine (which places items) and the UI (which draws and drags them).

/** Kinds of sources the anchor can add, independent of platform (the engine picks the OBS input kind per platform). */
export const SOURCE_TYPES = ['camera', 'screen', 'window', 'media', 'image', 'text', 'test-pattern', 'microphone'] as const;

/** One of {@link SOURCE_TYPES}. */
export type SourceType = (typeof SOURCE_TYPES)[number];

/** A place on the canvas as fractions of its width and height (0..1), top-left origin. */
export interface CanvasBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** `base`, or `base 2`, `base 3`… the first one nobody uses yet (OBS names scenes and sources in one space). */
export function suggestName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base} ${n}`)) return `${base} ${n}`;
}

/** Position presets of the "Add source" form. */
export const BOX_PRESETS = ['full', 'left-half', 'right-half', 'pip-corner'] as const;

/** One of {@link BOX_PRESETS}. */
export type BoxPreset = (typeof BOX_PRESETS)[number];

/**
 * The box of a preset. The picture-in-picture corner sits bottom right with a margin; on a vertical canvas it is
 * taller than wide in fractions so a 16:9 camera in it keeps a useful size (the source keeps its aspect ratio inside).
 */
export function presetBox(preset: BoxPreset, isVertical = false): CanvasBox {
  switch (preset) {
    case 'full':
      return { x: 0, y: 0, w: 1, h: 1 };
    case 'left-half':
      return { x: 0, y: 0, w: 0.5, h: 1 };
    case 'right-half':
      return { x: 0.5, y: 0, w: 0.5, h: 1 };
    case 'pip-corner':
      return isVertical ? { x: 0.5, y: 0.7, w: 0.46, h: 0.26 } : { x: 0.66, y: 0.62, w: 0.32, h: 0.34 };
  }
}

/** Lines a dragged edge is pulled to: the edges, thirds and centre of the canvas. */
export const SNAP_LINES: readonly number[] = [0, 1 / 3, 0.5, 2 / 3, 1];

/** How close (as a fraction of the canvas) an edge must come to a line to snap to it. */
export const SNAP_DISTANCE = 0.03;

/** A value pulled to the nearest of `lines` within `distance`, else unchanged. */
export function snapValue(value: number, distance = SNAP_DISTANCE, lines: readonly number[] = SNAP_LINES): number {
  let best = value;
  let bestGap = distance;
  for (const line of lines) {
    const gap = Math.abs(value - line);
    if (gap <= bestGap) {
      best = line;
      bestGap = gap;
    }
  }
  return best;
}

/**
 * The part of the picture the platforms' apps leave uncovered, as fractions of the canvas. Vertical 9:16 (Douyin/TikTok,
 * 视频号, Kuaishou): the header over the top ~12%, the like/share column over the right ~18%, chat and the buy bar over the
 * bottom ~40%. Horizontal (YouTube, Bilibili, Taobao on PC): the 5% title-safe margin. The editor snaps to its edges
 * and draws it; the product card keeps inside it too (overlay-layout.ts).
 */
export function safeArea(isVertical: boolean): CanvasBox {
  return isVertical ? { x: 0.05, y: 0.12, w: 0.77, h: 0.48 } : { x: 0.05, y: 0.05, w: 0.9, h: 0.9 };
}

/** The lines each axis snaps to: the thirds and centre, plus the safe area's edges when one is given. */
function snapLines(safe: CanvasBox | undefined): { x: readonly number[]; y: readonly number[] } {
  if (!safe) return { x: SNAP_LINES, y: SNAP_LINES };
  return { x: [...SNAP_LINES, safe.x, safe.x + safe.w], y: [...SNAP_LINES, safe.y, safe.y + safe.h] };
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/** Smallest box side the editor makes (a box that small is still visible and grabbable on the monitor). */
export const MIN_BOX_SIDE = 0.05;

/**
 * A moved box snapped to the thirds (and the safe area's edges, when given): whichever of its left or right edge (top
 * or bottom) is nearer a line moves the box onto it, the size is kept, and the box stays on the canvas.
 */
export function snapMovedBox(box: CanvasBox, safe?: CanvasBox): CanvasBox {
  const w = Math.min(1, Math.max(MIN_BOX_SIDE, box.w));
  const h = Math.min(1, Math.max(MIN_BOX_SIDE, box.h));
  const lines = snapLines(safe);
  const axis = (start: number, size: number, on: readonly number[]) => {
    const toStart = snapValue(start, SNAP_DISTANCE, on) - start;
    const toEnd = snapValue(start + size, SNAP_DISTANCE, on) - (start + size);
    // An edge that did not snap moves nothing; of two that did, the nearer one wins.
    const shift = toStart === 0 ? toEnd : toEnd === 0 ? toStart : Math.abs(toStart) <= Math.abs(toEnd) ? toStart : toEnd;
    return Math.min(1 - size, Math.max(0, start + shift));
  };
  return round({ x: axis(box.x, w, lines.x), y: axis(box.y, h, lines.y), w, h });
}

/**
 * A resized box (its bottom-right corner dragged) with that corner snapped to the thirds (and the safe area's edges,
 * when given), never below the minimum size.
 */
export function snapResizedBox(box: CanvasBox, safe?: CanvasBox): CanvasBox {
  const x = clamp01(box.x);
  const y = clamp01(box.y);
  const lines = snapLines(safe);
  const right = Math.max(x + MIN_BOX_SIDE, Math.min(1, snapValue(box.x + box.w, SNAP_DISTANCE, lines.x)));
  const bottom = Math.max(y + MIN_BOX_SIDE, Math.min(1, snapValue(box.y + box.h, SNAP_DISTANCE, lines.y)));
  return round({ x, y, w: Math.min(1 - x, right - x), h: Math.min(1 - y, bottom - y) });
}

/** Four decimals: a 4K canvas is placed to the pixel, and two equal boxes compare equal. */
function round(box: CanvasBox): CanvasBox {
  const r = (v: number) => Math.round(v * 10_000) / 10_000;
  return { x: r(box.x), y: r(box.y), w: r(box.w), h: r(box.h) };
}

/** Refusals of scene and source edits, said in the window's language (`refusal.<key>` in the UI catalogs). */
export type SceneRefusalKey =
  | 'sceneExists'
  | 'sceneMissing'
  | 'lastScene'
  | 'nameTaken'
  | 'sourceInScene'
  | 'sourceNotInScene'
  | 'sourceKindMissing'
  | 'profileWhileLive'
  | 'cameraSourceMissing'
  | 'sourceLocked';
