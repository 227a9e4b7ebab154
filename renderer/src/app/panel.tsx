import { useState, type DragEvent, type ReactNode } from 'react';
import { movePanel, toggleCollapsed, toggleEnlarged, type PanelArea, type PanelLayout } from '../store/panel-layout';
import { useAppState } from '../store/store-context';
import { useT } from '../i18n/use-t';

/** The drag data type of a panel picked up by its title (nothing else the window receives carries it). */
const PANEL_DRAG_TYPE = 'application/x-anchor-panel';

/** The panel a drag carries, if it carries one. */
function draggedPanel(e: DragEvent): PanelArea | null {
  return e.dataTransfer.types.includes(PANEL_DRAG_TYPE) ? (e.dataTransfer.getData(PANEL_DRAG_TYPE) as PanelArea) || null : null;
}

/** Lets a panel dragged by its title drop here: `to` says where it goes. Returns the handlers and whether one hovers. */
function usePanelDrop(to: (layout: PanelLayout, area: PanelArea) => PanelLayout) {
  const layout = useAppState((s) => s.layout);
  const setLayout = useAppState((s) => s.setLayout);
  const [isOver, setOver] = useState(false);
  return {
    isOver,
    handlers: {
      onDragOver: (e: DragEvent) => {
        if (!e.dataTransfer.types.includes(PANEL_DRAG_TYPE)) return;
        e.preventDefault();
        e.stopPropagation();
        e.dataTransfer.dropEffect = 'move';
        setOver(true);
      },
      onDragLeave: () => setOver(false),
      onDrop: (e: DragEvent) => {
        const area = draggedPanel(e);
        setOver(false);
        if (!area) return;
        e.preventDefault();
        e.stopPropagation();
        setLayout(to(layout, area));
      },
    },
  };
}

/** One of the studio's three columns: a panel dropped on its free space goes to its end. */
export function PanelColumn(props: { index: number; children: ReactNode }) {
  const { isOver, handlers } = usePanelDrop((layout, area) => movePanel(layout, area, { column: props.index, before: null }));
  return (
    <div className={`studio-col ${isOver ? 'is-drop-target' : ''}`} data-testid={`studio-col-${props.index}`} {...handlers}>
      {props.children}
    </div>
  );
}

/**
 * A titled studio area the person can fold to its title, enlarge to fill the window, or drag by its title onto another
 * panel or column to rearrange the studio (all remembered per browser).
 */
export function Panel(props: { title: string; area: PanelArea; children: ReactNode }) {
  const t = useT();
  const layout = useAppState((s) => s.layout);
  const setLayout = useAppState((s) => s.setLayout);
  const isCollapsed = layout.collapsed.includes(props.area);
  const isEnlarged = layout.enlarged === props.area;
  const column = layout.columns.findIndex((c) => c.includes(props.area));
  const { isOver, handlers } = usePanelDrop((l, area) => movePanel(l, area, { column, before: props.area }));
  const classes = ['panel', `panel-${props.area}`, isCollapsed ? 'is-collapsed' : '', isEnlarged ? 'is-enlarged' : '', isOver ? 'is-drop-target' : ''];
  return (
    <section className={classes.join(' ')} aria-label={props.title} data-testid={`panel-${props.area}`} {...handlers}>
      <h2
        className="panel-title"
        draggable
        title={t('panel.drag')}
        data-testid={`panel-${props.area}-title`}
        onDragStart={(e) => {
          e.dataTransfer.setData(PANEL_DRAG_TYPE, props.area);
          e.dataTransfer.effectAllowed = 'move';
        }}
      >
        <span>{props.title}</span>
        <span className="panel-tools">
          <button
            type="button"
            data-testid={`panel-${props.area}-enlarge`}
            aria-pressed={isEnlarged}
            title={isEnlarged ? t('panel.restore') : t('panel.enlarge')}
            aria-label={`${isEnlarged ? t('panel.restore') : t('panel.enlarge')}: ${props.title}`}
            onClick={() => setLayout(toggleEnlarged(layout, props.area))}
          >
            {isEnlarged ? '⤡' : '⤢'}
          </button>
          <button
            type="button"
            data-testid={`panel-${props.area}-collapse`}
            aria-expanded={!isCollapsed}
            title={isCollapsed ? t('panel.expand') : t('panel.collapse')}
            aria-label={`${isCollapsed ? t('panel.expand') : t('panel.collapse')}: ${props.title}`}
            onClick={() => setLayout(toggleCollapsed(layout, props.area))}
          >
            {isCollapsed ? '▸' : '▾'}
          </button>
        </span>
      </h2>
      {isCollapsed ? null : <div className="panel-body">{props.children}</div>}
    </section>
  );
}

/** Placeholder text for an area with nothing to show yet. */
export function EmptyState(props: { children: ReactNode }) {
  return <p className="empty">{props.children}</p>;
}
