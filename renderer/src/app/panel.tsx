import type { ReactNode } from 'react';
import { toggleCollapsed, toggleEnlarged, type PanelArea } from '../store/panel-layout';
import { useAppState } from '../store/store-context';
import { useT } from '../i18n/use-t';

/** A titled studio area the person can fold to its title or enlarge to fill the window (remembered per browser). */
export function Panel(props: { title: string; area: PanelArea; children: ReactNode }) {
  const t = useT();
  const layout = useAppState((s) => s.layout);
  const setLayout = useAppState((s) => s.setLayout);
  const isCollapsed = layout.collapsed.includes(props.area);
  const isEnlarged = layout.enlarged === props.area;
  const classes = ['panel', `panel-${props.area}`, isCollapsed ? 'is-collapsed' : '', isEnlarged ? 'is-enlarged' : ''];
  return (
    <section className={classes.join(' ')} aria-label={props.title} data-testid={`panel-${props.area}`}>
      <h2 className="panel-title">
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
