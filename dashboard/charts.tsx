/**
 * Bar charts in plain SVG, drawn by hand in the desk's style (renderer/ui/care/TrendChart.tsx): no
 * chart library to load, nothing that needs a network, and the same picture on screen and on
 * paper. Bars run sideways so a centre's Chinese name has room on the left; every bar carries its
 * value in words, and the chart is one `role="img"` with a summary; the figures are also in a
 * table next to it, so nothing is only in a picture.
 */
import { useId } from 'react';

export interface Bar {
  label: string;
  /** The bar's length in the chart's unit (a rate from 0 to 1, a count); null: no bar. */
  value: number | null;
  /** The value as read beside the bar ("66.7%", "12", "无应访"). */
  text: string;
  /** A class for the bar's colour (styles.css `.bars .b-*`). */
  className?: string;
  /**
   * Marked as wanting attention: drawn hatched and its text ends in the mark, so the difference is
   * not in the colour alone (print in black and white, colour-blind readers).
   */
  flagged?: boolean;
}

const W = 800;
const LABEL_W = 260;
const VALUE_W = 150;
const ROW_H = 30;
const BAR_H = 20;
/** Room above the bars for the target's label. */
const TARGET_ROOM = 26;

/** A name longer than the label column can hold, cut with an ellipsis (the table has it whole). */
function shortLabel(label: string, max = 16): string {
  return [...label].length > max ? `${[...label].slice(0, max - 1).join('')}…` : label;
}

export function BarChart({
  bars,
  summary,
  max,
  target,
  flagText,
}: {
  bars: Bar[];
  /** What the chart shows, for screen readers (`aria-label`). */
  summary: string;
  /** The value a full-width bar stands for (default: the largest value). */
  max?: number;
  /** A vertical line at this value, labelled (the 100 % visit target). */
  target?: { value: number; label: string };
  /** The words after a flagged bar's value ("未达标"). */
  flagText?: string;
}) {
  const hatch = `hatch-${useId().replace(/:/g, '')}`;
  if (bars.length === 0) return null;
  const full = Math.max(max ?? 0, target?.value ?? 0, ...bars.map((b) => b.value ?? 0)) || 1;
  const plot = W - LABEL_W - VALUE_W;
  const x = (v: number) => LABEL_W + (Math.max(0, v) / full) * plot;
  const top = target ? TARGET_ROOM : 10;
  const height = top + bars.length * ROW_H + 8;
  return (
    <figure className="bars">
      <svg
        viewBox={`0 0 ${W} ${height}`}
        role="img"
        aria-label={summary}
        style={{ maxHeight: `${height * 1.3}px` }}
      >
        <defs>
          <pattern id={hatch} width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" className="hatch-bg" />
            <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" className="hatch-line" />
          </pattern>
        </defs>
        <line className="axis" x1={LABEL_W} x2={LABEL_W} y1={top - 4} y2={height - 4} />
        {bars.map((b, i) => {
          const y = top + i * ROW_H;
          const end = b.value === null ? LABEL_W : x(b.value);
          return (
            <g key={`${b.label}-${i}`} className={`bar ${b.className ?? 'b-main'}`}>
              <text className="label" x={LABEL_W - 8} y={y + BAR_H - 5} textAnchor="end">
                <title>{b.label}</title>
                {shortLabel(b.label)}
              </text>
              {b.value !== null && (
                <rect
                  x={LABEL_W}
                  y={y}
                  width={Math.max(end - LABEL_W, b.value > 0 ? 2 : 0)}
                  height={BAR_H}
                  fill={b.flagged ? `url(#${hatch})` : undefined}
                  className={b.flagged ? 'flagged' : undefined}
                />
              )}
              <text className="value" x={end + 6} y={y + BAR_H - 5}>
                {b.flagged && flagText ? `${b.text} ▼${flagText}` : b.text}
              </text>
            </g>
          );
        })}
        {target && (
          <g className="target">
            <line x1={x(target.value)} x2={x(target.value)} y1={top - 8} y2={height - 4} />
            <text x={x(target.value)} y={top - 10} textAnchor="middle">
              {target.label}
            </text>
          </g>
        )}
      </svg>
    </figure>
  );
}
