import { useTranslation } from 'react-i18next';
import type { GrowthPoint } from '../../../shared/rules/growth/child';
import {
  bmiOf,
  referenceCurves,
  type GrowthStandard,
  type Indicator,
  type Sex,
} from '../../../shared/rules/growth/evaluate';

export type ChartIndicator = Exclude<Indicator, 'weightForStature'>;
export const CHART_INDICATORS: readonly ChartIndicator[] = [
  'weightForAge',
  'heightForAge',
  'bmiForAge',
  'headForAge',
];

const SDS = [-3, -2, 0, 2, 3] as const;
const W = 640;
const H = 360;
const PAD = { left: 44, right: 64, top: 12, bottom: 32 };

const valueOf = (indicator: ChartIndicator, p: GrowthPoint): number | undefined => {
  switch (indicator) {
    case 'weightForAge':
      return p.weightKg;
    case 'heightForAge':
      return p.heightCm;
    case 'headForAge':
      return p.headCm;
    case 'bmiForAge':
      return p.weightKg !== undefined && p.heightCm !== undefined
        ? bmiOf(p.weightKg, p.heightCm)
        : undefined;
  }
};

/**
 * A growth chart: the standard's reference curves (−3SD, −2SD, the median, +2SD, +3SD) by age and
 * the child's measurements on them, as plain SVG (prints as drawn).
 */
export function GrowthChart({
  standard,
  indicator,
  sex,
  points,
}: {
  standard: GrowthStandard;
  indicator: ChartIndicator;
  sex: Sex;
  points: readonly GrowthPoint[];
}) {
  const { t } = useTranslation();
  const curves = referenceCurves(standard, indicator, sex, SDS);
  const mine = points
    .map((p) => ({ x: p.ageMonths, y: valueOf(indicator, p) }))
    .filter((p): p is { x: number; y: number } => p.y !== undefined);
  const xMax = curves.at(-1)!.x;
  const ys = [...curves.flatMap((c) => c.values), ...mine.map((p) => p.y)];
  const yMin = Math.floor(Math.min(...ys));
  const yMax = Math.ceil(Math.max(...ys));
  const sx = (x: number) => PAD.left + (x / xMax) * (W - PAD.left - PAD.right);
  const sy = (y: number) =>
    H - PAD.bottom - ((y - yMin) / (yMax - yMin)) * (H - PAD.top - PAD.bottom);
  const yStep = niceStep(yMax - yMin);
  const yTicks: number[] = [];
  for (let y = Math.ceil(yMin / yStep) * yStep; y <= yMax; y += yStep) yTicks.push(y);
  const xTicks: number[] = [];
  for (let x = 0; x <= xMax; x += xMax > 36 ? 12 : 6) xTicks.push(x);
  const title = t(`growth.indicator_${indicator}`);

  return (
    <figure className="growth-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('growth.chartOf', { what: title })}>
        {yTicks.map((y) => (
          <g key={`y${y}`}>
            <line className="grid-line" x1={PAD.left} x2={W - PAD.right} y1={sy(y)} y2={sy(y)} />
            <text x={PAD.left - 6} y={sy(y) + 4} textAnchor="end">
              {y}
            </text>
          </g>
        ))}
        {xTicks.map((x) => (
          <g key={`x${x}`}>
            <line className="grid-line" x1={sx(x)} x2={sx(x)} y1={PAD.top} y2={H - PAD.bottom} />
            <text x={sx(x)} y={H - PAD.bottom + 16} textAnchor="middle">
              {x}
            </text>
          </g>
        ))}
        {SDS.map((sd, i) => (
          <g key={sd} className={`curve sd${sd < 0 ? 'm' : 'p'}${Math.abs(sd)}`}>
            <polyline
              fill="none"
              points={curves.map((c) => `${sx(c.x)},${sy(c.values[i]!)}`).join(' ')}
            />
            <text x={W - PAD.right + 4} y={sy(curves.at(-1)!.values[i]!) + 4}>
              {sd === 0 ? t('growth.median') : `${sd > 0 ? '+' : ''}${sd}SD`}
            </text>
          </g>
        ))}
        {mine.length > 1 && (
          <polyline
            className="child-line"
            fill="none"
            points={mine.map((p) => `${sx(p.x)},${sy(p.y)}`).join(' ')}
          />
        )}
        {mine.map((p, i) => (
          <circle key={i} className="child-point" cx={sx(p.x)} cy={sy(p.y)} r={4} />
        ))}
        <text x={W / 2} y={H - 4} textAnchor="middle">
          {t('growth.ageMonths')}
        </text>
      </svg>
      <figcaption>
        {title} · {t(`growth.standard_${standard}`)}
      </figcaption>
    </figure>
  );
}

function niceStep(span: number): number {
  const raw = span / 8;
  const pow = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
}
