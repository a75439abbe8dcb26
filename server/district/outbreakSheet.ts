/**
 * The outbreak report to the disease-control centre as an Excel sheet
 * (`POST /api/district/outbreaks/report.xlsx`): the 突发公共卫生事件 report's fields as the district
 * filled them in, then the cluster's figures the form was filled from (centres, cases per day).
 * No person is named anywhere in it. Also the monthly report's outbreak sheet (issue 17, part 5).
 */
import ExcelJS from 'exceljs';
import { neutraliseCell } from '../../shared/rules/csv';
import type { SheetLanguage } from './reportSheet';
import type { OutbreakCluster, OutbreakMonth, OutbreakReportFields } from './types';

/** The report's fields in the sheet's order, with their labels. */
export const REPORT_LABELS: readonly [keyof OutbreakReportFields, string, string][] = [
  ['reportingUnit', '报告单位', 'Reporting unit'],
  ['eventName', '事件名称', 'Event'],
  ['category', '事件类别', 'Category'],
  ['place', '发生地点', 'Place'],
  ['firstOnset', '首例发病时间', 'First case fell ill on'],
  ['cases', '发病人数', 'Cases'],
  ['involved', '涉及人数', 'People involved'],
  ['deaths', '死亡人数', 'Deaths'],
  ['symptoms', '主要症状', 'Main symptoms'],
  ['measures', '已采取措施', 'Measures taken'],
  ['reporter', '报告人', 'Reported by'],
  ['phone', '联系电话', 'Telephone'],
  ['reportedAt', '报告时间', 'Reported at'],
];

const WORDS = {
  zh: {
    sheet: '突发公共卫生事件报告',
    title: '突发公共卫生事件相关信息报告',
    raisedAt: '区级平台发现时间',
    dueAt: '报告时限（发现后24小时）',
    basis: '以下为填表依据（区级平台汇总，不含个人信息）',
    centre: '中心',
    township: '街道/乡镇',
    cases: '病例数',
    day: '日期',
    newCases: '新增病例',
    monthSheet: '传染病聚集',
    monthTitle: (raised: number, reported: number) =>
      `本月发现聚集性病例 ${raised} 起，已向疾控中心报告 ${reported} 起`,
    scope: '范围',
    district: '全区',
    symptom: '症状',
    centres: '涉及中心数',
    reportedAt: '报告时间',
    notReported: '未报告',
  },
  en: {
    sheet: 'Public health event report',
    title: 'Public health emergency information report',
    raisedAt: 'Raised by the district at',
    dueAt: 'Report due (24 hours after raised)',
    basis: 'What the form was filled from (district totals, no personal data)',
    centre: 'Centre',
    township: 'Township',
    cases: 'Cases',
    day: 'Day',
    newCases: 'New cases',
    monthSheet: 'Outbreaks',
    monthTitle: (raised: number, reported: number) =>
      `Clusters raised this month: ${raised}; reported to disease control: ${reported}`,
    scope: 'Scope',
    district: 'Whole district',
    symptom: 'Symptom',
    centres: 'Centres',
    reportedAt: 'Reported at',
    notReported: 'not reported',
  },
} as const;

export const SYMPTOM_WORDS: Record<string, { zh: string; en: string }> = {
  fever: { zh: '发热', en: 'Fever' },
  rash: { zh: '皮疹', en: 'Rash' },
  diarrhoea: { zh: '腹泻', en: 'Diarrhoea' },
  vomiting: { zh: '呕吐', en: 'Vomiting' },
  jaundice: { zh: '黄疸', en: 'Jaundice' },
  cough: { zh: '咳嗽', en: 'Cough' },
  other: { zh: '其他', en: 'Other' },
};

const FONT = { name: 'Microsoft YaHei', size: 12 };
/** A time as the district reads it: 2026-12-05 09:30 in its time zone. */
const local = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));

export async function outbreakReportWorkbook(
  cluster: OutbreakCluster,
  fields: OutbreakReportFields,
  lang: SheetLanguage,
  timeZone: string,
): Promise<Buffer> {
  const w = WORDS[lang];
  const book = new ExcelJS.Workbook();
  book.creator = 'CoCare';
  book.created = new Date();
  const sheet = book.addWorksheet(w.sheet);
  sheet.addRow([w.title]).font = { ...FONT, size: 16, bold: true };
  for (const [field, zh, en] of REPORT_LABELS) {
    const text = fields[field];
    const numeric = field === 'cases' || field === 'involved' || field === 'deaths';
    const row = sheet.addRow([
      lang === 'zh' ? zh : en,
      numeric ? Number(text) : neutraliseCell(text),
    ]);
    row.font = FONT;
    row.getCell(1).font = { ...FONT, bold: true };
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  sheet.addRow([w.raisedAt, local(cluster.raisedAt, timeZone)]).font = FONT;
  sheet.addRow([w.dueAt, local(cluster.dueAt, timeZone)]).font = FONT;
  sheet.addRow([]);
  sheet.addRow([w.basis]).font = { ...FONT, bold: true };
  header(sheet.addRow([w.centre, w.township, w.cases]));
  for (const c of cluster.centres)
    sheet.addRow([neutraliseCell(c.name), neutraliseCell(c.township ?? ''), c.cases]).font = FONT;
  sheet.addRow([]);
  header(sheet.addRow([w.day, w.newCases]));
  for (const d of cluster.trend) sheet.addRow([d.day, d.cases]).font = FONT;
  sheet.getColumn(1).width = 26;
  sheet.getColumn(2).width = 60;
  sheet.getColumn(3).width = 10;
  return Buffer.from(await book.xlsx.writeBuffer());
}

function header(row: ExcelJS.Row): void {
  row.font = { ...FONT, bold: true };
}

/** `attachment` with an ASCII name and the UTF-8 one (RFC 6266). */
export function outbreakAttachment(day: string, lang: SheetLanguage): string {
  const ascii = `cocare-outbreak-report-${day}.xlsx`;
  const name = lang === 'zh' ? `突发公共卫生事件报告-${day}.xlsx` : ascii;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The monthly report's outbreak sheet (server/district/reportSheet.ts adds it). */
export function outbreakMonthSheet(
  book: ExcelJS.Workbook,
  month: OutbreakMonth,
  lang: SheetLanguage,
  timeZone: string,
): void {
  const w = WORDS[lang];
  const sheet = book.addWorksheet(w.monthSheet);
  sheet.addRow([w.monthTitle(month.raised, month.reported)]).font = { ...FONT, bold: true };
  header(sheet.addRow([w.scope, w.symptom, w.cases, w.centres, w.raisedAt, w.reportedAt]));
  for (const c of month.clusters)
    sheet.addRow([
      c.township === null ? w.district : neutraliseCell(c.township),
      SYMPTOM_WORDS[c.symptom]?.[lang] ?? c.symptom,
      c.cases,
      c.centres,
      local(c.raisedAt, timeZone),
      c.reportedAt ? local(c.reportedAt, timeZone) : w.notReported,
    ]).font = FONT;
  [20, 10, 10, 12, 20, 20].forEach((width, i) => (sheet.getColumn(i + 1).width = width));
}
