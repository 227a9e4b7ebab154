/** The studio's areas, as the layout knows them. */
export const PANEL_AREAS = ['scenes', 'output', 'cues', 'sales', 'chat'] as const;

/** One of PANEL_AREAS. */
export type PanelArea = (typeof PANEL_AREAS)[number];

/** How a person arranged the studio: panels folded to their title, and at most one panel filling the window. */
export interface PanelLayout {
  collapsed: PanelArea[];
  enlarged: PanelArea | null;
}

/** Every panel open, none enlarged. */
export const DEFAULT_LAYOUT: PanelLayout = { collapsed: [], enlarged: null };

/** Folds or unfolds a panel; folding the enlarged panel puts every panel back. */
export function toggleCollapsed(layout: PanelLayout, area: PanelArea): PanelLayout {
  const isCollapsed = layout.collapsed.includes(area);
  return {
    collapsed: isCollapsed ? layout.collapsed.filter((a) => a !== area) : [...layout.collapsed, area],
    enlarged: !isCollapsed && layout.enlarged === area ? null : layout.enlarged,
  };
}

/** Fills the window with a panel (unfolding it), or puts every panel back when it already fills it. */
export function toggleEnlarged(layout: PanelLayout, area: PanelArea): PanelLayout {
  if (layout.enlarged === area) return { ...layout, enlarged: null };
  return { collapsed: layout.collapsed.filter((a) => a !== area), enlarged: area };
}

/** A saved layout read back from storage (anything else, or a panel that no longer exists, is left out). */
export function restoreLayout(saved: unknown): PanelLayout {
  if (typeof saved !== 'object' || saved === null) return DEFAULT_LAYOUT;
  const { collapsed, enlarged } = saved as { collapsed?: unknown; enlarged?: unknown };
  const isArea = (a: unknown): a is PanelArea => typeof a === 'string' && (PANEL_AREAS as readonly string[]).includes(a);
  return {
    collapsed: Array.isArray(collapsed) ? [...new Set(collapsed.filter(isArea))] : [],
    enlarged: isArea(enlarged) ? enlarged : null,
  };
}
