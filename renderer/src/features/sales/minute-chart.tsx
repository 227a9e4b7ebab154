import type { MinutePoint } from './sales-view';

// Built once: toLocaleTimeString builds a formatter per call, 30 bars per tally event at up to 25 events a second.
const MINUTE_FORMAT = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit' });

/** A small SVG bar chart of paid orders per minute (no chart library: a few rects are enough). Props only. */
export function MinuteChart(props: { points: MinutePoint[]; label: string }) {
  const width = 300;
  const height = 64;
  const max = Math.max(1, ...props.points.map((p) => p.orders));
  const step = width / Math.max(1, props.points.length);
  return (
    <svg className="sales-chart" data-testid="sales-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.label} preserveAspectRatio="none">
      {props.points.map((p, i) => {
        const h = p.orders === 0 ? 0 : Math.max(2, (p.orders / max) * (height - 4));
        return (
          <rect key={p.minute} x={i * step + 1} y={height - h} width={Math.max(1, step - 2)} height={h} rx={1} data-orders={p.orders}>
            <title>{`${MINUTE_FORMAT.format(p.minute)}: ${p.orders}`}</title>
          </rect>
        );
      })}
    </svg>
  );
}
