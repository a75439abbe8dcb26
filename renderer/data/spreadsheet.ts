/**
 * Reading and writing the people spreadsheet in the desk. The libraries are loaded only when
 * someone imports (they are large; the desk's start does not pay for them).
 */
import { IMPORT_COLUMNS, type ImportVocabulary } from '../../shared/import/people';

export interface Sheet {
  header: string[];
  rows: string[][];
}

export class UnreadableFile extends Error {
  constructor(
    readonly reason: 'wrongType' | 'tooBig' | 'unreadable',
    detail = '',
  ) {
    super(detail || reason);
  }
}

/** Largest file the desk reads: 5 MB is about 50,000 people. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as the text a person typed: dates as YYYY-MM-DD (Excel keeps them as UTC days). */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date)
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  if (typeof value === 'object') {
    const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.result !== undefined) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    return '';
  }
  return String(value);
}

/** CSV files from Chinese Excel are often GBK: try UTF-8 strictly first, then GBK. */
function decodeText(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

export async function readSheet(file: File): Promise<Sheet> {
  const name = file.name.toLowerCase();
  if (!name.endsWith('.xlsx') && !name.endsWith('.csv')) throw new UnreadableFile('wrongType');
  if (file.size > MAX_FILE_BYTES) throw new UnreadableFile('tooBig');
  const bytes = await file.arrayBuffer();
  let table: string[][];
  try {
    if (name.endsWith('.csv')) {
      const { default: Papa } = await import('papaparse');
      const parsed = Papa.parse<string[]>(decodeText(bytes), { skipEmptyLines: 'greedy' });
      const fatal = parsed.errors.find((e) => e.type === 'Quotes' || e.type === 'Delimiter');
      if (fatal) throw new Error(`row ${(fatal.row ?? 0) + 1}: ${fatal.message}`);
      table = parsed.data.map((r) => r.map((c) => String(c)));
    } else {
      const { default: ExcelJS } = await import('exceljs');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes);
      const sheet = workbook.worksheets[0];
      if (!sheet) throw new Error('no worksheet');
      table = [];
      sheet.eachRow({ includeEmpty: true }, (row, number) => {
        const values = (row.values as unknown[]).slice(1).map(cellText);
        table[number - 1] = values;
      });
      table = Array.from(table, (r) => r ?? []);
    }
  } catch (error) {
    if (error instanceof UnreadableFile) throw error;
    throw new UnreadableFile('unreadable', error instanceof Error ? error.message : String(error));
  }
  const [header = [], ...rows] = table;
  return { header, rows };
}

/** The template: the header row, one example elder and one example child, and a sheet of the allowed values. */
export async function templateWorkbook(
  vocabulary: ImportVocabulary,
  helpTitle: string,
): Promise<Blob> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('people');
  sheet.addRow(IMPORT_COLUMNS.map((c) => vocabulary.headers[c]));
  sheet.getRow(1).font = { bold: true };
  const example = (values: Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>) =>
    sheet.addRow(IMPORT_COLUMNS.map((c) => values[c] ?? ''));
  example({
    kind: vocabulary.kind.elder,
    name: '王秀英',
    gender: vocabulary.gender.F,
    birthDate: '1949-12-31',
    phone: '13800138000',
    diets: vocabulary.diets.lowSalt,
    categories: `${vocabulary.categories.livingAlone}、${vocabulary.categories.aged80}`,
    abilityLevel: vocabulary.abilityLevels.mild,
    chronicConditions: '高血压',
    consentScopes: `${vocabulary.consentScopes.health}、${vocabulary.consentScopes.districtSharing}`,
    consentBy: '王秀英',
    consentRelation: '本人',
  });
  example({
    kind: vocabulary.kind.child,
    name: '李小满',
    gender: vocabulary.gender.M,
    birthDate: '2024-03-01',
    allergies: '花生',
    childClass: vocabulary.childClasses.older,
    guardianName: '王芳',
    guardianRelation: '母亲',
    guardianPhone: '13800001111',
    pickupName: '李国强',
    pickupRelation: '祖父',
    pickupPhone: '13800002222',
    consentScopes: vocabulary.consentScopes.childData,
    consentBy: '王芳',
    consentRelation: '母亲',
  });
  sheet.columns.forEach((column) => (column.width = 14));
  const help = workbook.addWorksheet(helpTitle);
  const lists: [string, Record<string, string>][] = [
    [vocabulary.headers.kind, vocabulary.kind],
    [vocabulary.headers.gender, vocabulary.gender],
    [vocabulary.headers.diets, vocabulary.diets],
    [vocabulary.headers.categories, vocabulary.categories],
    [vocabulary.headers.abilityLevel, vocabulary.abilityLevels],
    [vocabulary.headers.childClass, vocabulary.childClasses],
    [vocabulary.headers.consentScopes, vocabulary.consentScopes],
  ];
  for (const [header, values] of lists) help.addRow([header, ...Object.values(values)]);
  help.getColumn(1).font = { bold: true };
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
}
