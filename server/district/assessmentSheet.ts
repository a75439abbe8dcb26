/**
 * The monthly workbook's sheet of ability assessments (GB/T 42195-2022) and staff certificates:
 * one row for the district, one per centre (assessmentReport.ts).
 */
import type ExcelJS from 'exceljs';
import { neutraliseCell } from '../../shared/rules/csv';
import type { SheetLanguage } from './reportSheet';
import type { AssessmentFigures, MonthlyReportResponse } from './types';

const COLUMNS: readonly { zh: string; en: string; value(f: AssessmentFigures): number }[] = [
  { zh: '本月评估次数', en: 'Assessments this month', value: (f) => f.done },
  { zh: '其中更正', en: 'of them corrections', value: (f) => f.corrections },
  { zh: '能力完好', en: 'Intact', value: (f) => f.byLevel.intact },
  { zh: '轻度失能', en: 'Mildly impaired', value: (f) => f.byLevel.mild },
  { zh: '中度失能', en: 'Moderately impaired', value: (f) => f.byLevel.moderate },
  { zh: '重度失能', en: 'Severely impaired', value: (f) => f.byLevel.severe },
  { zh: '完全失能', en: 'Totally dependent', value: (f) => f.byLevel.total },
  { zh: '未按标准评估', en: 'Not assessed to the standard', value: (f) => f.notAssessed },
  { zh: '本月到期复评', en: 'Reassessments due this month', value: (f) => f.dueInMonth },
  { zh: '逾期未复评', en: 'Reassessments overdue', value: (f) => f.overdue },
  {
    zh: '证书过期人数',
    en: 'Staff with an expired certificate',
    value: (f) => f.certificatesExpired,
  },
  {
    zh: '缺证人数',
    en: 'Staff missing a required certificate',
    value: (f) => f.certificatesMissing,
  },
];

export function assessmentSheet(
  book: ExcelJS.Workbook,
  report: MonthlyReportResponse,
  lang: SheetLanguage,
): void {
  const sheet = book.addWorksheet(
    lang === 'zh' ? '能力评估与持证' : 'Assessments and certificates',
    {
      views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }],
    },
  );
  const header = sheet.addRow([lang === 'zh' ? '中心' : 'Centre', ...COLUMNS.map((c) => c[lang])]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  const line = (name: string, f: AssessmentFigures | undefined) =>
    f && sheet.addRow([name, ...COLUMNS.map((c) => c.value(f))]);
  line(lang === 'zh' ? '全区合计' : 'District', report.assessments.district);
  for (const c of report.centres) line(neutraliseCell(c.name), report.assessments.centres[c.id]);
  sheet.getColumn(1).width = 24;
  COLUMNS.forEach((_, i) => (sheet.getColumn(i + 2).width = 12));
}
