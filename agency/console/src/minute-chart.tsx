import type { MinuteBar } from './wall-view';

/**
 * An SVG bar chart of one figure per minute (no chart library: a few rects are enough). `format` says a value in
 * words for each bar's tooltip and the highest value; `clock` says a minute's time.
 */
export function MinuteChart(props: { bars: MinuteBar[]; measure: 'gmv' | 'orders'; label: string; format: (value: number) => string; clock: (minute: number) => string }) {
  const width = 600;
  const height = 140;
  const values = props.bars.map((b) => b[props.measure]);
  const max = Math.max(1, ...values);
  const step = width / Math.max(1, props.bars.length);
  const first = props.bars[0];
  const last = props.bars.at(-1);
  return (
    <figure className="minute-chart">
      <div className="chart-max">{props.format(Math.max(0, ...values))}</div>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.label} preserveAspectRatio="none" data-testid="minute-chart" data-measure={props.measure}>
        <line x1={0} y1={height - 0.5} x2={width} y2={height - 0.5} className="chart-axis" />
        {props.bars.map((b, i) => {
          const value = b[props.measure];
          // Negative net minutes (more refunded than paid) show as no bar; the tooltip still says the figure.
          const h = value <= 0 ? 0 : Math.max(2, (value / max) * (height - 6));
          return (
            <rect key={b.minute} x={i * step + step * 0.1} y={height - h} width={Math.max(1, step * 0.8)} height={h} rx={1} data-value={value}>
              <title>{`${props.clock(b.minute)}: ${props.format(value)}`}</title>
            </rect>
          );
        })}
      </svg>
      {first && last ? (
        <figcaption className="chart-times">
          <span>{props.clock(first.minute)}</span>
          <span>{props.clock(last.minute)}</span>
        </figcaption>
      ) : null}
    </figure>
  );
}
