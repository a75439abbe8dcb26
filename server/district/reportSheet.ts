/**
 * The monthly report as an Excel workbook (`GET /api/district/reports/monthly.xlsx`): the sheet the
 * district hands on. Headers are Chinese unless `en` is asked for; the figures are the report's,
 * amounts in yuan and rates as percentages formatted by Excel (the cell holds the number).
 */
import ExcelJS from 'exceljs';
import { neutraliseCell } from '../../shared/rules/csv';
import { assessmentSheet } from './assessmentSheet';
import { growthSheet } from './growthSheet';
import { subsidyCategoryWords } from '../../shared/rules/subsidyCategory';
import { outbreakMonthSheet } from './outbreakSheet';
import type { MonthlyReportResponse, ReportFigures } from './types';

export type SheetLanguage = 'zh' | 'en';
export const SHEET_LANGUAGES: readonly SheetLanguage[] = ['zh', 'en'];

type Cell = number | string;

interface Column {
  zh: string;
  en: string;
  value: (f: ReportFigures) => Cell;
  /** Excel number format; whole numbers when absent. */
  format?: string;
  width?: number;
}

const YUAN = '#,##0.00';
const PERCENT = '0.0%';
const ONE_DECIMAL = '0.0';
/** An unknown figure (a rate with nothing to divide by, the child places nobody recorded). */
const NONE = '—';
const orNone = (n: number | null): Cell => (n === null ? NONE : n);

/** The columns of the main sheet, one row per centre and the district's total. */
export const REPORT_COLUMNS: readonly Column[] = [
  { zh: '出勤人次', en: 'Attendance (person-days)', value: (f) => f.attendance.personDays },
  { zh: '长者人次', en: 'Elder days', value: (f) => f.attendance.elderDays },
  { zh: '儿童人次', en: 'Child days', value: (f) => f.attendance.childDays },
  { zh: '出勤人数', en: 'People who came', value: (f) => f.attendance.people },
  { zh: '长者人数', en: 'Elders who came', value: (f) => f.attendance.elders },
  { zh: '儿童人数', en: 'Children who came', value: (f) => f.attendance.children },
  { zh: '开放天数', en: 'Days open', value: (f) => f.attendance.openDays },
  {
    zh: '日均人次',
    en: 'Average per open day',
    value: (f) => orNone(f.attendance.averagePerOpenDay),
    format: ONE_DECIMAL,
  },
  { zh: '早餐', en: 'Breakfasts', value: (f) => f.meals.byMealType.breakfast.claimable },
  { zh: '午餐', en: 'Lunches', value: (f) => f.meals.byMealType.lunch.claimable },
  { zh: '晚餐', en: 'Dinners', value: (f) => f.meals.byMealType.dinner.claimable },
  { zh: '助餐合计', en: 'Meals (claimable)', value: (f) => f.meals.claimable },
  { zh: '重复供餐', en: 'Duplicate meals', value: (f) => f.meals.duplicates },
  { zh: '堂食', en: 'Dine-in', value: (f) => f.meals.byMode.dineIn },
  { zh: '自取', en: 'Collected', value: (f) => f.meals.byMode.collected },
  { zh: '送餐上门', en: 'Delivered', value: (f) => f.meals.byMode.delivered },
  { zh: '补贴餐数', en: 'Subsidised meals', value: (f) => f.meals.subsidised },
  {
    zh: '补贴金额（元）',
    en: 'Subsidy (yuan)',
    value: (f) => f.meals.amountFen / 100,
    format: YUAN,
    width: 14,
  },
  { zh: '探访名单人数', en: 'Elders on visit list', value: (f) => f.visits.listed },
  { zh: '应探访', en: 'Owed a visit', value: (f) => f.visits.due },
  { zh: '按时完成', en: 'Visited on time', value: (f) => f.visits.completed },
  { zh: '待完成', en: 'Pending', value: (f) => f.visits.pending },
  { zh: '未完成', en: 'Missed', value: (f) => f.visits.missed },
  {
    zh: '探访完成率（目标100%）',
    en: 'Visit completion (target 100%)',
    value: (f) => orNone(f.visits.rate),
    format: PERCENT,
    width: 16,
  },
  { zh: '探访次数', en: 'Visits counted', value: (f) => f.visits.counted },
  { zh: '活动场次', en: 'Activity sessions', value: (f) => f.activities.sessions },
  { zh: '活动参与人次', en: 'Participations', value: (f) => f.activities.participations },
  {
    zh: '代际活动场次',
    en: 'Intergenerational sessions',
    value: (f) => f.activities.intergenerational.sessions,
  },
  {
    zh: '代际活动人次',
    en: 'Intergenerational participations',
    value: (f) => f.activities.intergenerational.participations,
  },
  { zh: '儿童单日最多', en: 'Most children in one day', value: (f) => f.childPlaces.peakChildren },
  { zh: '托位数', en: 'Child places', value: (f) => orNone(f.childPlaces.places) },
  {
    zh: '托位使用率',
    en: 'Child-place use',
    value: (f) => orNone(f.childPlaces.usageRate),
    format: PERCENT,
  },
  { zh: '意外事件', en: 'Incidents', value: (f) => f.incidents.count },
  { zh: '月末未结', en: 'Open at month end', value: (f) => f.incidents.openAtMonthEnd },
  // 补录 (issue 19 part 2): records entered later from the paper emergency sheet.
  { zh: '补录签到（纸质）', en: 'Visits entered from paper', value: (f) => f.paper.visits },
  { zh: '补录用餐（纸质）', en: 'Meals entered from paper', value: (f) => f.paper.meals },
  { zh: '补录晨检（纸质）', en: 'Checks entered from paper', value: (f) => f.paper.healthChecks },
];

const WORDS = {
  zh: {
    sheet: '月报',
    title: (m: string) => `社区综合服务中心月报 ${m}`,
    centre: '中心',
    district: '全区合计',
    mealsSheet: '助餐明细',
    mealType: '餐别',
    category: '补贴类别',
    noCategory: '无补贴类别',
    served: '供餐数',
    claimable: '可申报',
    subsidised: '补贴餐数',
    amount: '补贴金额（元）',
    meals: { breakfast: '早餐', lunch: '午餐', dinner: '晚餐' },
    note: (r: MonthlyReportResponse) =>
      `统计至 ${r.today}（${r.timeZone}）；补贴标准：${r.rules.source === 'district' ? '区级下发' : '默认'}。` +
      (r.district.childPlaces.missing === null
        ? '托位使用率 = 儿童出勤人天 ÷（托位数 × 开放天数）。'
        : '托位使用率 = 儿童出勤人天 ÷（托位数 × 开放天数）；托位数未登记的中心暂无法计算，全区合计只算已登记的中心。'),
  },
  en: {
    sheet: 'Monthly',
    title: (m: string) => `CoCare monthly report ${m}`,
    centre: 'Centre',
    district: 'District total',
    mealsSheet: 'Meals',
    mealType: 'Meal',
    category: 'Subsidy category',
    noCategory: '(none)',
    served: 'Served',
    claimable: 'Claimable',
    subsidised: 'Subsidised',
    amount: 'Subsidy (yuan)',
    meals: { breakfast: 'Breakfast', lunch: 'Lunch', dinner: 'Dinner' },
    note: (r: MonthlyReportResponse) =>
      `Figures up to ${r.today} (${r.timeZone}); subsidy rates: ${r.rules.source}. ` +
      'Child-place use = child attendance days ÷ (child places × open days)' +
      (r.district.childPlaces.missing === null
        ? '.'
        : '; centres without their places recorded have none, and the district total counts only the others.'),
  },
} as const;

const FONT = { name: 'Microsoft YaHei', size: 12 };

function styleHeader(row: ExcelJS.Row): void {
  row.font = { ...FONT, bold: true };
  row.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  row.height = 36;
}

function mainSheet(book: ExcelJS.Workbook, report: MonthlyReportResponse, lang: SheetLanguage) {
  const w = WORDS[lang];
  const sheet = book.addWorksheet(w.sheet, { views: [{ state: 'frozen', xSplit: 1, ySplit: 3 }] });
  sheet.addRow([w.title(report.month)]).font = { ...FONT, size: 16, bold: true };
  sheet.addRow([w.note(report)]).font = FONT;
  styleHeader(sheet.addRow([w.centre, ...REPORT_COLUMNS.map((c) => c[lang])]));
  const line = (name: string, f: ReportFigures) => {
    const row = sheet.addRow([name, ...REPORT_COLUMNS.map((c) => c.value(f))]);
    row.font = FONT;
    return row;
  };
  line(w.district, report.district).font = { ...FONT, bold: true };
  for (const c of report.centres) line(neutraliseCell(c.name), c.figures);
  sheet.getColumn(1).width = 24;
  REPORT_COLUMNS.forEach((c, i) => {
    const column = sheet.getColumn(i + 2);
    column.width = c.width ?? 12;
    column.numFmt = c.format ?? '0';
    column.alignment = { horizontal: 'right' };
  });
}

function mealsSheet(book: ExcelJS.Workbook, report: MonthlyReportResponse, lang: SheetLanguage) {
  const w = WORDS[lang];
  const sheet = book.addWorksheet(w.mealsSheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  styleHeader(
    sheet.addRow([w.centre, w.mealType, w.category, w.served, w.claimable, w.subsidised, w.amount]),
  );
  const rows = (name: string, f: ReportFigures) => {
    for (const r of f.meals.rows) {
      sheet.addRow([
        name,
        w.meals[r.mealType],
        r.subsidyCategory === null ? w.noCategory : subsidyCategoryWords(r.subsidyCategory, lang),
        r.served,
        r.claimable,
        r.subsidised,
        r.amountFen / 100,
      ]).font = FONT;
    }
  };
  rows(w.district, report.district);
  for (const c of report.centres) rows(neutraliseCell(c.name), c.figures);
  [24, 10, 16, 10, 10, 10, 14].forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  sheet.getColumn(7).numFmt = YUAN;
}

/** The workbook's bytes. */
export async function reportWorkbook(
  report: MonthlyReportResponse,
  lang: SheetLanguage = 'zh',
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'CoCare';
  book.created = new Date();
  mainSheet(book, report, lang);
  mealsSheet(book, report, lang);
  // Issue 17, part 5: the month's outbreaks and reports made (./outbreakSheet.ts).
  if (report.outbreaks) outbreakMonthSheet(book, report.outbreaks, lang, report.timeZone);
  assessmentSheet(book, report, lang);
  // Issue 17, part 5: children's growth, checks and vaccinations (./growthSheet.ts).
  if (report.growth) growthSheet(book, report, lang);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** `attachment` with an ASCII name and the UTF-8 one (RFC 6266), e.g. 月报-2026-11.xlsx. */
export function attachmentHeader(month: string, lang: SheetLanguage): string {
  const ascii = `cocare-report-${month}.xlsx`;
  const name = lang === 'zh' ? `社区服务月报-${month}.xlsx` : ascii;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
