/** The studio's areas, as the layout knows them. */
export const PANEL_AREAS = ['monitor', 'scenes', 'output', 'cues', 'sales', 'chat'] as const;

/** One of PANEL_AREAS. */
export type PanelArea = (typeof PANEL_AREAS)[number];

/** How a person arranged the studio: which panels stand in which of the three columns (top first), panels folded to
 * their title, and at most one panel filling the window. */
export interface PanelLayout {
  columns: PanelArea[][];
  collapsed: PanelArea[];
  enlarged: PanelArea | null;
}

/**
 * Production on the left (scenes, going live), the show in the middle (the picture going out, cues, sales), the
 * audience on the right.
 */
export const DEFAULT_COLUMNS: readonly (readonly PanelArea[])[] = [['scenes', 'output'], ['monitor', 'cues', 'sales'], ['chat']];

/** Every panel open in its usual column, none enlarged. */
export const DEFAULT_LAYOUT: PanelLayout = { columns: DEFAULT_COLUMNS.map((c) => [...c]), collapsed: [], enlarged: null };

/**
 * Moves a panel (dragged by its title) to a column: before the panel it was dropped on, or at the column's end when
 * dropped on the column itself. Dropping a panel on itself changes nothing.
 */
export function movePanel(layout: PanelLayout, area: PanelArea, to: { column: number; before: PanelArea | null }): PanelLayout {
  if (to.before === area || to.column < 0 || to.column >= layout.columns.length) return layout;
  const columns = layout.columns.map((c) => c.filter((a) => a !== area));
  const target = columns[to.column]!;
  const at = to.before === null ? -1 : target.indexOf(to.before);
  target.splice(at < 0 ? target.length : at, 0, area);
  return { ...layout, columns };
}

/** Folds or unfolds a panel; folding the enlarged panel puts every panel back. */
export function toggleCollapsed(layout: PanelLayout, area: PanelArea): PanelLayout {
  const isCollapsed = layout.collapsed.includes(area);
  return {
    ...layout,
    collapsed: isCollapsed ? layout.collapsed.filter((a) => a !== area) : [...layout.collapsed, area],
    enlarged: !isCollapsed && layout.enlarged === area ? null : layout.enlarged,
  };
}

/** Fills the window with a panel (unfolding it), or puts every panel back when it already fills it. */
export function toggleEnlarged(layout: PanelLayout, area: PanelArea): PanelLayout {
  if (layout.enlarged === area) return { ...layout, enlarged: null };
  return { ...layout, collapsed: layout.collapsed.filter((a) => a !== area), enlarged: area };
}

/**
 * A saved layout read back from storage (anything else, or a panel that no longer exists, is left out). A panel newer
 * than the saved layout joins its usual column, so an arrangement survives an update; columns that hold a panel twice
 * or something unknown (junk) are the usual ones.
 */
export function restoreLayout(saved: unknown): PanelLayout {
  if (typeof saved !== 'object' || saved === null) return DEFAULT_LAYOUT;
  const { columns, collapsed, enlarged } = saved as { columns?: unknown; collapsed?: unknown; enlarged?: unknown };
  const isArea = (a: unknown): a is PanelArea => typeof a === 'string' && (PANEL_AREAS as readonly string[]).includes(a);
  const saneColumns =
    Array.isArray(columns) &&
    columns.length === DEFAULT_COLUMNS.length &&
    columns.every((c) => Array.isArray(c) && c.every(isArea)) &&
    new Set((columns as PanelArea[][]).flat()).size === (columns as PanelArea[][]).flat().length;
  return {
    columns: saneColumns ? withNewPanels(columns as PanelArea[][]) : DEFAULT_COLUMNS.map((c) => [...c]),
    collapsed: Array.isArray(collapsed) ? [...new Set(collapsed.filter(isArea))] : [],
    enlarged: isArea(enlarged) ? enlarged : null,
  };
}

/** Saved columns with every panel they lack (one added since they were saved) put in its usual column. */
function withNewPanels(saved: PanelArea[][]): PanelArea[][] {
  const columns = saved.map((c) => [...c]);
  const placed = new Set(saved.flat());
  DEFAULT_COLUMNS.forEach((defaults, index) => {
    defaults.forEach((area, position) => {
      if (!placed.has(area)) columns[index]!.splice(Math.min(position, columns[index]!.length), 0, area);
    });
  });
  return columns;
}
