import { format, parseISO } from 'date-fns';

export interface TrendSeries {
  label: string;
  /** A class that gives the line its colour and dash (styles.css `.trend .s-*`). */
  className: string;
  points: { at: string; value: number }[];
}

const W = 640;
const H = 240;
const PAD = { left: 56, right: 32, top: 32, bottom: 40 };

/**
 * A small line chart in plain SVG: values over time, with the unit on the y axis and dates on the
 * x axis. Screen readers get `summary` (the table next to it holds every value).
 */
export function TrendChart({
  series,
  unit,
  dateLabel,
  summary,
}: {
  series: TrendSeries[];
  unit: string;
  dateLabel: string;
  summary: string;
}) {
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return null;
  const times = all.map((p) => parseISO(p.at).getTime());
  const values = all.map((p) => p.value);
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const span = Math.max(...values) - Math.min(...values) || 10;
  const v0 = Math.floor(Math.min(...values) - span * 0.15);
  const v1 = Math.ceil(Math.max(...values) + span * 0.15);
  const x = (at: string) =>
    t1 === t0
      ? (PAD.left + W - PAD.right) / 2
      : PAD.left + ((parseISO(at).getTime() - t0) / (t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + ((v1 - v) / (v1 - v0)) * (H - PAD.top - PAD.bottom);
  const ticks = [0, 1, 2, 3, 4].map((i) => Math.round(v0 + ((v1 - v0) * i) / 4));
  const dates = [...new Set(all.map((p) => p.at))].sort();
  const shownDates =
    dates.length <= 6
      ? dates
      : [0, 1, 2, 3, 4, 5].map((i) => dates[Math.round((i * (dates.length - 1)) / 5)]!);

  return (
    <figure className="trend">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
        {ticks.map((v) => (
          <g key={v}>
            <line className="grid-line" x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
            <text className="tick" x={PAD.left - 6} y={y(v) + 5} textAnchor="end">
              {v}
            </text>
          </g>
        ))}
        <text className="axis-label" x={6} y={16} textAnchor="start">
          {unit}
        </text>
        {shownDates.map((at) => (
          <text key={at} className="tick" x={x(at)} y={H - PAD.bottom + 18} textAnchor="middle">
            {format(parseISO(at), 'M/d')}
          </text>
        ))}
        <text className="axis-label" x={W / 2} y={H - 4} textAnchor="middle">
          {dateLabel}
        </text>
        {series.map((s) => (
          <g key={s.label} className={`s ${s.className}`}>
            <polyline
              fill="none"
              points={s.points.map((p) => `${x(p.at)},${y(p.value)}`).join(' ')}
            />
            {s.points.map((p) => (
              <circle key={p.at} cx={x(p.at)} cy={y(p.value)} r={4} />
            ))}
          </g>
        ))}
      </svg>
      <figcaption className="legend">
        {series.map((s) => (
          <span key={s.label} className={`key ${s.className}`}>
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
