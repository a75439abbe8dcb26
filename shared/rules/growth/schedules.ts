import { addMonths, addYears, format, parseISO } from 'date-fns';

/*
 * The two national schedules a centre checks children against (docs/DOMAIN.md "Children's
 * health checks and vaccinations"). Data with their source; the due/overdue arithmetic below.
 */

/**
 * 《国家基本公共卫生服务规范（第三版）》(原国家卫生计生委, 2017) — 0～6岁儿童健康管理服务规范:
 * 婴幼儿健康管理 at 满月 and 3, 6, 8, 12, 18, 24, 30, 36 月龄; 学龄前儿童健康管理 once a year at
 * 4, 5 and 6 岁. (The newborn home visit is the maternity service's, not the centre's.)
 */
export const CHECK_SCHEDULE_SOURCE =
  '《国家基本公共卫生服务规范（第三版）》0～6岁儿童健康管理服务规范（2017）';
export const CHECK_MONTHS = [1, 3, 6, 8, 12, 18, 24, 30, 36, 48, 60, 72] as const;
export type CheckMonth = (typeof CHECK_MONTHS)[number];

/**
 * How long after its age a check still counts as on time: the centre's own rule (the 规范 sets
 * the ages, not a window): a month for checks in the first year, two up to 3 岁, three after.
 */
export function checkGraceMonths(month: number): number {
  return month <= 12 ? 1 : month <= 36 ? 2 : 3;
}

/**
 * 国家免疫规划疫苗儿童免疫程序表（2021年版）, in 《国家免疫规划疫苗儿童免疫程序及说明（2021年版）》
 * (国家卫生健康委, 国卫疾控发〔2021〕10号). Each dose with its recommended age in months
 * (出生时 = 0). Where the schedule offers a choice (乙脑减毒活疫苗 or 乙脑灭活疫苗, 甲肝减毒活疫苗
 * or 甲肝灭活疫苗) the live vaccine's doses are listed and the inactivated one is accepted for it.
 *
 * Verified (2026-12-05) entry by entry against copies of the 2021 table, not against the
 * Commission's own page (not reachable from here): the 2021 dose ages as listed in public
 * schedule data (乙肝 0/1/6 月龄; 卡介苗 出生时; 脊灰灭活 2/3 月龄; 脊灰减毒 4 月龄、4 岁; 百白破
 * 3/4/5/18 月龄; 白破 6 岁; 麻腮风 8/18 月龄; 乙脑减毒 8 月龄、2 岁; A群流脑多糖 6/9 月龄; A群C群流脑
 * 多糖 3/6 岁; 甲肝减毒 18 月龄), and the rows and age columns of a county's published table of the
 * same programme (浙江省第一类疫苗儿童免疫程序表, www.yj.gov.cn, 2019: columns 出生时 … 6岁). Every
 * entry below matched. Not verified here: the schedule's own notes (intervals between doses,
 * 补种 rules): the catch-up list names the doses, the vaccination clinic decides how to give them.
 */
export const VACCINE_SCHEDULE_SOURCE =
  '国家免疫规划疫苗儿童免疫程序表（2021年版），国卫疾控发〔2021〕10号';

export const VACCINES = [
  'HepB', // 乙肝疫苗
  'BCG', // 卡介苗
  'IPV', // 脊灰灭活疫苗
  'bOPV', // 脊灰减毒活疫苗
  'DTaP', // 百白破疫苗
  'DT', // 白破疫苗
  'MMR', // 麻腮风疫苗
  'JE', // 乙脑疫苗（减毒活 JE-L 或 灭活 JE-I）
  'MPSV-A', // A群流脑多糖疫苗
  'MPSV-AC', // A群C群流脑多糖疫苗
  'HepA', // 甲肝疫苗（减毒活 HepA-L 或 灭活 HepA-I）
] as const;
export type Vaccine = (typeof VACCINES)[number];

/** Recommended age in months of each dose (index = dose number − 1). */
export const VACCINE_DOSE_MONTHS: Record<Vaccine, readonly number[]> = {
  HepB: [0, 1, 6],
  BCG: [0],
  IPV: [2, 3],
  bOPV: [4, 48],
  DTaP: [3, 4, 5, 18],
  DT: [72],
  MMR: [8, 18],
  JE: [8, 24],
  'MPSV-A': [6, 9],
  'MPSV-AC': [36, 72],
  HepA: [18],
};

export interface ScheduledDose {
  vaccine: Vaccine;
  /** 1-based. */
  dose: number;
  month: number;
}

export const SCHEDULED_DOSES: readonly ScheduledDose[] = VACCINES.flatMap((vaccine) =>
  VACCINE_DOSE_MONTHS[vaccine].map((month, i) => ({ vaccine, dose: i + 1, month })),
).sort((a, b) => a.month - b.month);

const day = (d: Date) => format(d, 'yyyy-MM-dd');
/** The day a child reaches `months` months (date-fns: the 31st of a short month is its last day). */
export const dayAtMonths = (birthDate: string, months: number) =>
  day(
    months % 12 === 0
      ? addYears(parseISO(birthDate), months / 12)
      : addMonths(parseISO(birthDate), months),
  );

export type DueState = 'done' | 'due' | 'overdue' | 'upcoming';

export interface CheckDue {
  month: CheckMonth;
  dueOn: string;
  overdueFrom: string;
  state: DueState;
}

/**
 * Every scheduled check of a child on `today`: done (a check recorded for that month), overdue
 * (past its grace), due (reached) or upcoming. Checks before the child joined the centre's
 * records are still listed: the health worker sees them and can record what the booklet shows.
 */
export function checksOf(
  birthDate: string,
  doneMonths: readonly number[],
  today: string,
): CheckDue[] {
  const done = new Set(doneMonths);
  return CHECK_MONTHS.map((month) => {
    const dueOn = dayAtMonths(birthDate, month);
    const overdueFrom = dayAtMonths(birthDate, month + checkGraceMonths(month));
    const state: DueState = done.has(month)
      ? 'done'
      : today >= overdueFrom
        ? 'overdue'
        : today >= dueOn
          ? 'due'
          : 'upcoming';
    return { month, dueOn, overdueFrom, state };
  });
}

/**
 * The check to do now: the latest whose age the child has reached, unless it is done. An earlier
 * check missed cannot be done any more (a 3-year-old is not given the 1-month check): it stays in
 * the list as not done, to be recorded from the booklet if it was done elsewhere. The district's
 * report counts overdue checks the same way (server/district/growthReport.ts).
 */
export function nextCheck(checks: readonly CheckDue[]): CheckDue | undefined {
  const reached = checks.filter((c) => c.state !== 'upcoming').at(-1);
  return reached && reached.state !== 'done' ? reached : undefined;
}

export interface DoseDue extends ScheduledDose {
  dueOn: string;
  state: Exclude<DueState, 'overdue'> | 'missing';
}

/**
 * The immunisation state of a child on `today` from the doses on the certificate: a dose is done
 * when that many doses of the vaccine are recorded; `missing` when its age has passed by a month
 * (for referral to the vaccination clinic, 入托入学查验 and 补种); `due` when its age is reached.
 */
export function dosesOf(
  birthDate: string,
  recorded: readonly { vaccine: Vaccine; dose: number }[],
  today: string,
): DoseDue[] {
  const highest = new Map<Vaccine, number>();
  for (const r of recorded) highest.set(r.vaccine, Math.max(highest.get(r.vaccine) ?? 0, r.dose));
  return SCHEDULED_DOSES.map((d) => {
    const dueOn = dayAtMonths(birthDate, d.month);
    const state =
      (highest.get(d.vaccine) ?? 0) >= d.dose
        ? 'done'
        : today >= dayAtMonths(birthDate, d.month + 1)
          ? 'missing'
          : today >= dueOn
            ? 'due'
            : 'upcoming';
    return { ...d, dueOn, state };
  });
}
