import type { ReactNode } from 'react';

/** A titled studio area. */
export function Panel(props: { title: string; area: string; children: ReactNode }) {
  return (
    <section className={`panel panel-${props.area}`} aria-label={props.title} data-testid={`panel-${props.area}`}>
      <h2 className="panel-title">{props.title}</h2>
      <div className="panel-body">{props.children}</div>
    </section>
  );
}

/** Placeholder text for an area with nothing to show yet. */
export function EmptyState(props: { children: ReactNode }) {
  return <p className="empty">{props.children}</p>;
}
