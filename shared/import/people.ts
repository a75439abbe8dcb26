/**
 * Importing people from a spreadsheet (the front-desk issue): one row a person, under the
 * template's headers. Every row is checked by the same rules as the registration form (its
 * consents included: shared/rules/consent.ts); a file
 * with any bad row imports nothing, and each problem names the row, the column and the fix.
 */
import { consentProblems, type ConsentInput } from '../rules/consent';
import type { MemberDoc } from '../schemas';
import type { ConsentScope } from '../schemas/consents';
import type { ABILITY_LEVELS, CHILD_CLASSES, DIETS, ELDER_CATEGORIES } from '../schemas/members';
import {
  validateDetails,
  splitList,
  type CleanDetails,
  type DetailsInput,
} from '../validation/details';
import { normaliseIdNumber } from '../rules/identity';
import { validateMemberInput, type CleanMember, type MemberInput } from '../validation/member';

/** The template's columns, in order, with the field each fills. */
export const IMPORT_COLUMNS = [
  'kind',
  'name',
  'gender',
  'birthDate',
  'idNumber',
  'phone',
  'allergies',
  'diets',
  'categories',
  'abilityLevel',
  'chronicConditions',
  'childClass',
  'guardianName',
  'guardianRelation',
  'guardianPhone',
  'pickupName',
  'pickupRelation',
  'pickupPhone',
  'note',
  'consentScopes',
  'consentBy',
  'consentRelation',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** How the desk words each column and each coded value, in the language of the file. */
export interface ImportVocabulary {
  headers: Record<ImportColumn, string>;
  kind: Record<'elder' | 'child', string>;
  gender: Record<'M' | 'F', string>;
  diets: Record<(typeof DIETS)[number], string>;
  categories: Record<(typeof ELDER_CATEGORIES)[number], string>;
  abilityLevels: Record<(typeof ABILITY_LEVELS)[number], string>;
  childClasses: Record<(typeof CHILD_CLASSES)[number], string>;
  consentScopes: Record<ConsentScope, string>;
}

export interface ImportProblem {
  /** The spreadsheet's own row number (the header is row 1). */
  row: number;
  column: ImportColumn | null;
  /** A problem code: the form's (`required`, `idCard.checksum`…) or the import's own. */
  problem: string;
  value?: string;
}

export interface ImportedPerson {
  row: number;
  member: CleanMember;
  details: CleanDetails;
  /** The consent signed for the person, as on the registration form (null: none). */
  consent: ConsentInput | null;
}

export type ImportResult =
  | { ok: true; people: ImportedPerson[] }
  | { ok: false; problems: ImportProblem[]; checked: number };

/** At most this many people in one file; a larger file is refused before anything is read into the store. */
export const MAX_IMPORT_ROWS = 20_000;

const reverse = <K extends string>(map: Record<K, string>) =>
  new Map(Object.entries(map).map(([k, v]) => [String(v).trim(), k as K]));

/** Reads coded cells ("男", "托小班", "低盐、软食") back into the schema's values. */
function decode<K extends string>(
  map: Record<K, string>,
  cell: string,
): { values: K[]; unknown: string[] } {
  const lookup = reverse(map);
  const values: K[] = [];
  const unknown: string[] = [];
  for (const item of splitList(cell)) {
    const value =
      lookup.get(item) ?? ((Object.keys(map) as K[]).includes(item as K) ? (item as K) : undefined);
    if (value) values.push(value);
    else unknown.push(item);
  }
  return { values, unknown };
}

const FORM_FIELD_TO_COLUMN: Record<string, ImportColumn> = {
  kind: 'kind',
  name: 'name',
  gender: 'gender',
  birthDate: 'birthDate',
  idNumber: 'idNumber',
  phone: 'phone',
  note: 'note',
  allergies: 'allergies',
  diets: 'diets',
  categories: 'categories',
  abilityLevel: 'abilityLevel',
  chronicConditions: 'chronicConditions',
  childClass: 'childClass',
  'guardian.name': 'guardianName',
  'guardian.relation': 'guardianRelation',
  'guardian.phone': 'guardianPhone',
  'pickupAdults.0.name': 'pickupName',
  'pickupAdults.0.relation': 'pickupRelation',
  'pickupAdults.0.phone': 'pickupPhone',
  // The consent rule's fields (shared/rules/consent.ts).
  'consent.childData': 'consentScopes',
  consentBy: 'consentBy',
  consentRelation: 'consentRelation',
  healthNotes: 'chronicConditions',
};

/**
 * Checks a sheet: `rows` are the cells under the header row, as text. `existing` are the people
 * already stored, to refuse duplicates (same ID number, or same name and birth date).
 */
export function checkImport(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  vocabulary: ImportVocabulary,
  existing: readonly Pick<MemberDoc, 'name' | 'birthDate' | 'idNumber'>[],
  today: Date,
  todayDay: string,
): ImportResult {
  const problems: ImportProblem[] = [];
  const columnOf = new Map<ImportColumn, number>();
  const byHeader = reverse(vocabulary.headers);
  header.forEach((h, i) => {
    const key = h.trim();
    const column =
      byHeader.get(key) ??
      ((IMPORT_COLUMNS as readonly string[]).includes(key) ? (key as ImportColumn) : undefined);
    if (column && !columnOf.has(column)) columnOf.set(column, i);
  });
  for (const required of ['kind', 'name', 'gender', 'birthDate'] as const)
    if (!columnOf.has(required))
      problems.push({
        row: 1,
        column: required,
        problem: 'missingColumn',
        value: vocabulary.headers[required],
      });
  if (problems.length) return { ok: false, problems, checked: 0 };
  if (rows.length > MAX_IMPORT_ROWS)
    return { ok: false, problems: [{ row: 1, column: null, problem: 'tooManyRows' }], checked: 0 };

  // Compared as stored (shared/rules/identity.ts): 11010…x and 11010…X are one number.
  const seenIds = new Map(
    existing.filter((p) => p.idNumber).map((p) => [normaliseIdNumber(p.idNumber!), 0]),
  );
  const seenPeople = new Map(existing.map((p) => [`${p.name}|${p.birthDate}`, 0]));
  const people: ImportedPerson[] = [];
  let checked = 0;
  rows.forEach((cells, index) => {
    const row = index + 2;
    const cell = (c: ImportColumn) => {
      const i = columnOf.get(c);
      return i === undefined ? '' : String(cells[i] ?? '').trim();
    };
    if (IMPORT_COLUMNS.every((c) => cell(c) === '')) return; // a blank line
    checked++;
    const rowProblems: ImportProblem[] = [];
    const coded = <K extends string>(c: ImportColumn, map: Record<K, string>) => {
      const { values, unknown } = decode(map, cell(c));
      for (const u of unknown)
        rowProblems.push({ row, column: c, problem: 'unknownValue', value: u });
      return values;
    };
    const kind = coded('kind', vocabulary.kind)[0];
    if (!kind && !cell('kind')) rowProblems.push({ row, column: 'kind', problem: 'required' });
    const gender = coded('gender', vocabulary.gender)[0];
    const base: MemberInput = {
      kind: kind ?? 'elder',
      name: cell('name'),
      gender: gender ?? '',
      birthDate: normaliseDate(cell('birthDate')),
      idNumber: cell('idNumber'),
      phone: cell('phone'),
      note: cell('note'),
    };
    const details: DetailsInput = {
      allergies: cell('allergies'),
      diets: coded('diets', vocabulary.diets),
      categories: coded('categories', vocabulary.categories),
      abilityLevel: coded('abilityLevel', vocabulary.abilityLevels)[0] ?? '',
      chronicConditions: cell('chronicConditions'),
      childClass: coded('childClass', vocabulary.childClasses)[0] ?? '',
      guardian: {
        name: cell('guardianName'),
        relation: cell('guardianRelation'),
        phone: cell('guardianPhone'),
      },
      pickupAdults: [
        { name: cell('pickupName'), relation: cell('pickupRelation'), phone: cell('pickupPhone') },
      ],
      vaccinationChecked: false,
    };
    const checkedBase = validateMemberInput(base, today);
    if (!checkedBase.ok)
      for (const e of checkedBase.errors)
        if (!(e.field === 'gender' && cell('gender') && !gender))
          rowProblems.push({
            row,
            column: FORM_FIELD_TO_COLUMN[e.field] ?? null,
            problem: e.problem,
            value: cell(FORM_FIELD_TO_COLUMN[e.field]!),
          });
    const checkedDetails = kind ? validateDetails(kind, details, todayDay) : null;
    if (checkedDetails && !checkedDetails.ok)
      for (const e of checkedDetails.errors)
        rowProblems.push({
          row,
          column: FORM_FIELD_TO_COLUMN[e.field] ?? null,
          problem: e.problem,
        });
    if (checkedBase.ok) {
      const { idNumber, name, birthDate } = checkedBase.value;
      if (idNumber) {
        const first = seenIds.get(idNumber);
        if (first !== undefined)
          rowProblems.push({
            row,
            column: 'idNumber',
            problem: first === 0 ? 'alreadyRegistered' : 'duplicateInFile',
            value: String(first),
          });
        else seenIds.set(idNumber, row);
      }
      const key = `${name}|${birthDate}`;
      const first = seenPeople.get(key);
      if (first !== undefined && !rowProblems.some((p) => p.column === 'idNumber'))
        rowProblems.push({
          row,
          column: 'name',
          problem: first === 0 ? 'alreadyRegistered' : 'duplicateInFile',
          value: String(first),
        });
      else seenPeople.set(key, row);
    }
    // The same consent rule as the registration form: a child only with a guardian's consent to
    // the child's data, an ID number or health data only with its own consent.
    const scopes = coded('consentScopes', vocabulary.consentScopes);
    const consent: ConsentInput | null = scopes.length
      ? { givenBy: cell('consentBy'), relation: cell('consentRelation'), scopes }
      : null;
    if (checkedBase.ok && checkedDetails?.ok)
      for (const e of consentProblems(
        { ...checkedBase.value, ...checkedDetails.value },
        consent,
        todayDay,
      ))
        rowProblems.push({
          row,
          column: FORM_FIELD_TO_COLUMN[e.field] ?? null,
          problem: e.problem,
        });
    if (rowProblems.length) problems.push(...rowProblems);
    else if (checkedBase.ok && checkedDetails?.ok)
      people.push({ row, member: checkedBase.value, details: checkedDetails.value, consent });
  });
  if (checked === 0) problems.push({ row: 2, column: null, problem: 'noRows' });
  return problems.length ? { ok: false, problems, checked } : { ok: true, people };
}

/** Spreadsheets write dates many ways: 1950-03-08, 1950/3/8, 1950.3.8, 19500308, 1950年3月8日. */
export function normaliseDate(text: string): string {
  const m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return text;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}
