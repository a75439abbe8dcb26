/**
 * The monthly workbook's sheet of children's growth, health checks and vaccinations: one row for
 * the district, one per centre (growthReport.ts).
 */
import type ExcelJS from 'exceljs';
import { neutraliseCell } from '../../shared/rules/csv';
import type { GrowthFigures } from './growthReport';
import type { SheetLanguage } from './reportSheet';
import type { MonthlyReportResponse } from './types';

const COLUMNS: readonly { zh: string; en: string; value(f: GrowthFigures): number }[] = [
  { zh: '在园幼儿', en: 'Children in care', value: (f) => f.children },
  { zh: '未共享（仅计数）', en: 'Shared as counts only', value: (f) => f.notShared },
  { zh: '无测量记录', en: 'Not measured', value: (f) => f.notMeasured },
  { zh: '生长正常', en: 'Normal growth', value: (f) => f.normal },
  { zh: '低体重', en: 'Underweight', value: (f) => f.byStatus.underweight },
  { zh: '重度低体重', en: 'Severely underweight', value: (f) => f.byStatus.severeUnderweight },
  { zh: '生长迟缓', en: 'Stunted', value: (f) => f.byStatus.stunting },
  { zh: '重度生长迟缓', en: 'Severely stunted', value: (f) => f.byStatus.severeStunting },
  { zh: '消瘦', en: 'Wasted', value: (f) => f.byStatus.wasting },
  { zh: '重度消瘦', en: 'Severely wasted', value: (f) => f.byStatus.severeWasting },
  { zh: '超重', en: 'Overweight', value: (f) => f.byStatus.overweight },
  { zh: '肥胖', en: 'Obese', value: (f) => f.byStatus.obese + f.byStatus.severeObese },
  { zh: '需列入体弱儿', en: 'Calling for the attention list', value: (f) => f.needingAttention },
  { zh: '体弱儿管理中', en: 'On the attention list', value: (f) => f.onAttentionList },
  { zh: '本月到期体检', en: 'Checks due this month', value: (f) => f.checksDueInMonth },
  { zh: '体检逾期', en: 'Checks overdue', value: (f) => f.checksOverdue },
  { zh: '有到期疫苗', en: 'Children with a dose due', value: (f) => f.vaccinationsDue },
  { zh: '需补种人数', en: 'Children with doses missing', value: (f) => f.vaccinationsMissing },
  { zh: '需补种剂次', en: 'Doses missing', value: (f) => f.dosesMissing },
];

export function growthSheet(
  book: ExcelJS.Workbook,
  report: MonthlyReportResponse,
  lang: SheetLanguage,
): void {
  const sheet = book.addWorksheet(lang === 'zh' ? '儿童生长与保健' : "Children's growth", {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }],
  });
  const header = sheet.addRow([lang === 'zh' ? '中心' : 'Centre', ...COLUMNS.map((c) => c[lang])]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  const line = (name: string, f: GrowthFigures | undefined) =>
    f && sheet.addRow([name, ...COLUMNS.map((c) => c.value(f))]);
  line(lang === 'zh' ? '全区合计' : 'District', report.growth.district);
  for (const c of report.centres) line(neutraliseCell(c.name), report.growth.centres[c.id]);
  const standard =
    report.growth.standard === 'who2006'
      ? lang === 'zh'
        ? '评价标准：WHO 儿童生长标准（2006）'
        : 'Standard: WHO Child Growth Standards (2006)'
      : lang === 'zh'
        ? '评价标准：WS/T 423—2022《7岁以下儿童生长标准》'
        : 'Standard: WS/T 423—2022 Growth standard for children under 7';
  sheet.addRow([]);
  sheet.addRow([standard]);
  sheet.getColumn(1).width = 24;
  COLUMNS.forEach((_, i) => (sheet.getColumn(i + 2).width = 11));
}
