import { WHO_2006, type LmsRow } from './who2006';
import { WST423_2022, type SdRow } from './wst423';

/*
 * A child's measurement against a growth standard (docs/DOMAIN.md "Children's growth").
 *
 * - WS/T 423—2022 (the default): the SD values of 附录 B. Between two rows of a table (ages
 *   between the printed months, lengths between whole centimetres) each SD column is interpolated
 *   linearly; the SD score is then read between the two SD columns the value lies between (linear
 *   between −3SD…+3SD, beyond ±3SD by the width of the outermost interval). At a printed SD value
 *   the score is exactly that SD, so the bands of 表 2 and 表 3 are the standard's own.
 * - WHO 2006 (a district option): z = ((X/M)^L − 1)/(L·S) with L, M, S interpolated between
 *   the monthly (or 0.5 cm) rows; for the weight-based indicators beyond ±3 the WHO's restricted
 *   application (the distance to ±3SD measured in units of the 2SD–3SD interval).
 */

export const GROWTH_STANDARDS = ['wst423', 'who2006'] as const;
export type GrowthStandard = (typeof GROWTH_STANDARDS)[number];

export const INDICATORS = [
  'weightForAge',
  'heightForAge',
  'weightForStature',
  'bmiForAge',
  'headForAge',
] as const;
export type Indicator = (typeof INDICATORS)[number];

export type Sex = 'M' | 'F';

/** 表 2 (标准差评价) levels. */
export type GrowthLevel = 'high' | 'upperMiddle' | 'middle' | 'lowerMiddle' | 'low';

/** 表 3 (营养状况) words, and a head circumference outside ±2SD (表 2 上/下). */
export const GROWTH_STATUSES = [
  'severeUnderweight', // 重度低体重
  'underweight', // 低体重
  'severeStunting', // 重度生长迟缓
  'stunting', // 生长迟缓
  'severeWasting', // 重度消瘦
  'wasting', // 消瘦
  'overweight', // 超重
  'obese', // 肥胖
  'severeObese', // 重度肥胖
  'headSmall', // 头围偏小 (< −2SD)
  'headLarge', // 头围偏大 (≥ +2SD)
] as const;
export type GrowthStatus = (typeof GROWTH_STATUSES)[number];

/** The statuses that put a child on the 体弱儿 list (undernutrition and an abnormal head). */
export const ATTENTION_STATUSES: readonly GrowthStatus[] = [
  'severeUnderweight',
  'underweight',
  'severeStunting',
  'stunting',
  'severeWasting',
  'wasting',
  'headSmall',
  'headLarge',
];

export interface GrowthMeasurement {
  sex: Sex;
  /** Exact age in months (ageInMonths). */
  ageMonths: number;
  heightCm?: number;
  weightKg?: number;
  headCm?: number;
}

export interface IndicatorResult {
  indicator: Indicator;
  /** The measured value (kg, cm or kg/m²), BMI computed. */
  value: number;
  /** What the reference is read at: the age in months, or the length/height in cm. */
  at: number;
  sd: number;
  level: GrowthLevel;
  /** The standard's table, e.g. '表 B.1'. */
  table: string;
}

export interface GrowthEvaluation {
  standard: GrowthStandard;
  results: IndicatorResult[];
  statuses: GrowthStatus[];
}

const MS_PER_DAY = 86_400_000;
/** Days in an average month (365.25 / 12), as the WHO standards count age. */
export const DAYS_PER_MONTH = 30.4375;

/** Exact age in months on `day` (both YYYY-MM-DD). */
export function ageInMonths(birthDate: string, day: string): number {
  const days = (Date.parse(`${day}T00:00:00Z`) - Date.parse(`${birthDate}T00:00:00Z`)) / MS_PER_DAY;
  return days / DAYS_PER_MONTH;
}

/** The oldest age (months, exclusive) either standard evaluates: WS/T 423 is "7 岁以下". */
export const MAX_AGE_MONTHS: Record<GrowthStandard, number> = { wst423: 84, who2006: 60 };

export const bmiOf = (weightKg: number, heightCm: number) => weightKg / (heightCm / 100) ** 2;

/** The row pair around x, or undefined outside the table (the last row is held to `holdTo`). */
function around<R extends readonly number[]>(rows: readonly R[], x: number, holdTo?: number) {
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  if (x < first[0]! - 1e-9) return undefined;
  if (x >= last[0]!)
    return x <= last[0]! + 1e-9 || (holdTo !== undefined && x < holdTo)
      ? ([last, last, 0] as const)
      : undefined;
  let i = 0;
  while (rows[i + 1]![0]! <= x) i++;
  const a = rows[i]!;
  const b = rows[i + 1]!;
  return [a, b, (x - a[0]!) / (b[0]! - a[0]!)] as const;
}

const lerp = (a: number, b: number, t: number) => a + (b - a) * t;

type Tables<T> = Record<
  | 'weightForAge'
  | 'heightForAge'
  | 'bmiForAge'
  | 'headForAge'
  | 'weightForLength'
  | 'weightForHeight',
  Record<GrowthMeasurement['sex'], T>
>;

/** A standard's table for an indicator and the child measured (length before 24 months). */
function tableFor<T>(tables: Tables<T>, indicator: Indicator, m: GrowthMeasurement): T {
  const name =
    indicator === 'weightForStature'
      ? m.ageMonths < 24
        ? 'weightForLength'
        : 'weightForHeight'
      : indicator;
  return tables[name][m.sex];
}

/** A table as the standard prints it: its name, and its rows. */
interface PrintedTable<Row> {
  table: string;
  rows: readonly Row[];
}

const wstTable = (indicator: Indicator, m: GrowthMeasurement) =>
  tableFor<PrintedTable<SdRow>>(WST423_2022, indicator, m);
const whoTable = (indicator: Indicator, m: GrowthMeasurement) =>
  tableFor<PrintedTable<LmsRow>>(WHO_2006, indicator, m);

const SD_POINTS = [-3, -2, -1, 0, 1, 2, 3] as const;

/** The seven values −3SD…+3SD of a WS/T 423 table at x (interpolated between rows). */
export function wstValuesAt(
  rows: readonly SdRow[],
  x: number,
  holdTo?: number,
): number[] | undefined {
  const hit = around(rows, x, holdTo);
  if (!hit) return undefined;
  const [a, b, t] = hit;
  return SD_POINTS.map((_, i) => lerp(a[i + 1]!, b[i + 1]!, t));
}

/** The SD score of `value` between seven SD values (linear; beyond ±3SD by the outer width). */
export function sdFromValues(values: readonly number[], value: number): number {
  if (value < values[0]!) return -3 - (values[0]! - value) / (values[1]! - values[0]!);
  if (value >= values[6]!) return 3 + (value - values[6]!) / (values[6]! - values[5]!);
  let i = 0;
  while (value >= values[i + 1]!) i++;
  return SD_POINTS[i]! + (value - values[i]!) / (values[i + 1]! - values[i]!);
}

/** L, M and S at x (interpolated between rows). */
export function lmsAt(rows: readonly LmsRow[], x: number): [number, number, number] | undefined {
  const hit = around(rows, x);
  if (!hit) return undefined;
  const [a, b, t] = hit;
  return [lerp(a[1], b[1], t), lerp(a[2], b[2], t), lerp(a[3], b[3], t)];
}

/** The value at z by LMS. */
export const lmsValue = ([l, m, s]: readonly [number, number, number], z: number) =>
  l === 0 ? m * Math.exp(s * z) : m * (1 + l * s * z) ** (1 / l);

/** The LMS z-score; `restricted` applies the WHO's rule beyond ±3 (weight-based indicators). */
export function lmsZ(lms: readonly [number, number, number], value: number, restricted: boolean) {
  const [l, m, s] = lms;
  const z = l === 0 ? Math.log(value / m) / s : ((value / m) ** l - 1) / (l * s);
  if (!restricted || Math.abs(z) <= 3) return z;
  if (z > 3) {
    const sd3 = lmsValue(lms, 3);
    return 3 + (value - sd3) / (sd3 - lmsValue(lms, 2));
  }
  const sd3 = lmsValue(lms, -3);
  return -3 - (sd3 - value) / (lmsValue(lms, -2) - sd3);
}

/** 表 2: the level of an SD score. */
export function levelOf(sd: number): GrowthLevel {
  if (sd >= 2) return 'high';
  if (sd >= 1) return 'upperMiddle';
  if (sd >= -1) return 'middle';
  if (sd >= -2) return 'lowerMiddle';
  return 'low';
}

/** What each indicator is read at, and its value, when the measurement has what it needs. */
function inputOf(indicator: Indicator, m: GrowthMeasurement): [number, number] | undefined {
  const { heightCm: h, weightKg: w, headCm: hc, ageMonths: age } = m;
  switch (indicator) {
    case 'weightForAge':
      return w === undefined ? undefined : [age, w];
    case 'heightForAge':
      return h === undefined ? undefined : [age, h];
    case 'bmiForAge':
      return w === undefined || h === undefined ? undefined : [age, bmiOf(w, h)];
    case 'headForAge':
      return hc === undefined ? undefined : [age, hc];
    case 'weightForStature':
      return w === undefined || h === undefined ? undefined : [h, w];
  }
}

/** One indicator's SD score, or undefined when the table does not cover the child. */
export function indicatorResult(
  standard: GrowthStandard,
  indicator: Indicator,
  m: GrowthMeasurement,
): IndicatorResult | undefined {
  if (m.ageMonths < 0 || m.ageMonths >= MAX_AGE_MONTHS[standard]) return undefined;
  const input = inputOf(indicator, m);
  if (!input) return undefined;
  const [at, value] = input;
  let sd: number | undefined;
  let table: string;
  if (standard === 'wst423') {
    const t = wstTable(indicator, m);
    table = t.table;
    const holdTo = indicator === 'weightForStature' ? undefined : MAX_AGE_MONTHS.wst423;
    const values = wstValuesAt(t.rows, at, holdTo);
    sd = values && sdFromValues(values, value);
  } else {
    const t = whoTable(indicator, m);
    table = t.table;
    const lms = lmsAt(t.rows, at);
    const restricted = indicator !== 'heightForAge' && indicator !== 'headForAge';
    sd = lms && lmsZ(lms, value, restricted);
  }
  if (sd === undefined) return undefined;
  return { indicator, value, at, sd, level: levelOf(sd), table };
}

/** 表 3 for one indicator (and 表 2's 上/下 for head circumference). */
function statusOf(standard: GrowthStandard, r: IndicatorResult): GrowthStatus | undefined {
  const { sd } = r;
  switch (r.indicator) {
    case 'weightForAge':
      return sd < -3 ? 'severeUnderweight' : sd < -2 ? 'underweight' : undefined;
    case 'heightForAge':
      return sd < -3 ? 'severeStunting' : sd < -2 ? 'stunting' : undefined;
    case 'headForAge':
      return sd < -2 ? 'headSmall' : sd >= 2 ? 'headLarge' : undefined;
    case 'weightForStature':
    case 'bmiForAge':
      if (sd < -3) return 'severeWasting';
      if (sd < -2) return 'wasting';
      // WHO 2006: > +2 overweight, > +3 obese; WS/T 423 表 3: +1/+2/+3 超重/肥胖/重度肥胖.
      if (standard === 'who2006') return sd > 3 ? 'obese' : sd > 2 ? 'overweight' : undefined;
      return sd >= 3 ? 'severeObese' : sd >= 2 ? 'obese' : sd >= 1 ? 'overweight' : undefined;
  }
}

/** Every indicator the measurement allows, and the statuses they give (worst first, no repeats). */
export function evaluateGrowth(
  m: GrowthMeasurement,
  standard: GrowthStandard = 'wst423',
): GrowthEvaluation {
  const results = INDICATORS.map((i) => indicatorResult(standard, i, m)).filter(
    (r): r is IndicatorResult => r !== undefined,
  );
  const found = new Set(results.map((r) => statusOf(standard, r)).filter((s) => s !== undefined));
  // 消瘦 or 肥胖 from weight-for-length/height and from BMI: keep the more severe of each pair.
  if (found.has('severeWasting')) found.delete('wasting');
  if (found.has('severeObese')) found.delete('obese');
  if (found.has('severeObese') || found.has('obese')) found.delete('overweight');
  return { standard, results, statuses: GROWTH_STATUSES.filter((s) => found.has(s)) };
}

/** Curves for a chart: the value at each SD line, every `step` along x. */
export function referenceCurves(
  standard: GrowthStandard,
  indicator: Exclude<Indicator, 'weightForStature'>,
  sex: Sex,
  sds: readonly number[] = [-3, -2, 0, 2, 3],
): { x: number; values: number[] }[] {
  const m: GrowthMeasurement = { sex, ageMonths: 0 };
  if (standard === 'wst423') {
    return wstTable(indicator, m).rows.map((r) => ({
      x: r[0],
      values: sds.map((sd) => r[sd + 4]!),
    }));
  }
  return whoTable(indicator, m).rows.map((r) => ({
    x: r[0],
    values: sds.map((sd) => lmsValue([r[1], r[2], r[3]], sd)),
  }));
}
