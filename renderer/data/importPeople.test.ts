import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { IMPORT_COLUMNS, checkImport, normaliseDate } from '../../shared/import/people';
import { zhCN } from '../i18n/zh-CN';
import { importVocabulary } from '../ui/people/importVocabulary';

/** The desk's Chinese words, as the screen has them from i18next. */
const i18n = i18next.createInstance();
await i18n.init({
  lng: 'zh-CN',
  resources: { 'zh-CN': { translation: zhCN } },
  showSupportNotice: false,
});
const vocabulary = importVocabulary(i18n.t);
const header = IMPORT_COLUMNS.map((c) => vocabulary.headers[c]);
const today = new Date('2026-11-23T10:00:00');
type Row = Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>;
const row = (r: Row) => IMPORT_COLUMNS.map((c) => r[c] ?? '');

const elder: Row = {
  kind: '老人',
  name: '王秀英',
  gender: '女',
  birthDate: '1949/12/31',
  diets: '低盐、软食',
  categories: '独居，高龄（80+）',
};
const child: Row = {
  kind: '幼儿',
  name: '李小满',
  gender: '男',
  birthDate: '2024年3月1日',
  childClass: '托大班',
  guardianName: '王芳',
  guardianRelation: '母亲',
  guardianPhone: '138 0000 1111',
  consentScopes: '幼儿信息',
  consentBy: '王芳',
  consentRelation: '母亲',
};

describe('importing people from a spreadsheet', () => {
  it('reads good rows into people, decoding the Chinese words and the many ways of writing a date', () => {
    const result = checkImport(
      header,
      [row(elder), row(child)],
      vocabulary,
      [],
      today,
      '2026-11-23',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.people.map((p) => p.row)).toEqual([2, 3]);
    expect(result.people[0]?.member).toMatchObject({
      kind: 'elder',
      gender: 'F',
      birthDate: '1949-12-31',
    });
    expect(result.people[0]?.details).toMatchObject({
      diets: ['lowSalt', 'soft'],
      categories: ['livingAlone', 'aged80'],
    });
    expect(result.people[1]?.details).toMatchObject({
      childClass: 'older',
      guardians: [{ name: '王芳', relation: '母亲', phone: '13800001111' }],
    });
    expect(result.people.map((p) => p.consent)).toEqual([
      null,
      { givenBy: '王芳', relation: '母亲', scopes: ['childData'] },
    ]);
  });

  it('applies the registration form’s consent rule: a child, an ID number or health data only with consent', () => {
    const withId = { ...elder, idNumber: '11010519491231002X', chronicConditions: '高血压' };
    const refused = checkImport(
      header,
      [
        row(withId),
        row({ ...child, consentScopes: '', consentBy: '', consentRelation: '' }),
        row({ ...child, name: '李小雨', consentRelation: '本人' }),
      ],
      vocabulary,
      [],
      today,
      '2026-11-23',
    );
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.problems).toEqual([
      { row: 2, column: 'idNumber', problem: 'consentForIdNumber' },
      { row: 2, column: 'chronicConditions', problem: 'consentForHealth' },
      { row: 3, column: 'consentScopes', problem: 'childDataConsent' },
      { row: 4, column: 'consentRelation', problem: 'guardianConsent' },
    ]);

    const consented = checkImport(
      header,
      [
        row({
          ...withId,
          consentScopes: '身份证号、健康信息',
          consentBy: '王秀英',
          consentRelation: '本人',
        }),
      ],
      vocabulary,
      [],
      today,
      '2026-11-23',
    );
    expect(consented.ok && consented.people[0]?.consent).toEqual({
      givenBy: '王秀英',
      relation: '本人',
      scopes: ['idNumber', 'health'],
    });
  });

  it('names the row, the column and the problem of every bad row, and accepts none of the file', () => {
    const rows = [
      row(elder),
      row({ ...child, name: '', guardianPhone: '12345' }),
      row({ ...elder, name: '赵四', gender: '未知', idNumber: '110105194912310021' }),
      row({ ...elder }), // the same person as row 2
      row({}), // a blank line is skipped
    ];
    const result = checkImport(header, rows, vocabulary, [], today, '2026-11-23');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        { row: 3, column: 'name', problem: 'required', value: '' },
        { row: 3, column: 'guardianPhone', problem: 'phone' },
        { row: 4, column: 'gender', problem: 'unknownValue', value: '未知' },
        expect.objectContaining({ row: 4, column: 'idNumber', problem: 'idCard.checksum' }),
        { row: 5, column: 'name', problem: 'duplicateInFile', value: '2' },
      ]),
    );
    expect(result.problems.some((p) => p.row === 2 || p.row === 6)).toBe(false);
  });

  it('refuses people already registered, and a sheet without the template’s columns', () => {
    const existing = [{ name: '王秀英', birthDate: '1949-12-31' }];
    const again = checkImport(header, [row(elder)], vocabulary, existing, today, '2026-11-23');
    expect(again).toMatchObject({
      ok: false,
      problems: [{ row: 2, column: 'name', problem: 'alreadyRegistered' }],
    });
    const wrong = checkImport(
      ['名字', '生日'],
      [['王秀英', '1949-12-31']],
      vocabulary,
      [],
      today,
      '2026-11-23',
    );
    expect(wrong).toMatchObject({ ok: false, checked: 0 });
    if (!wrong.ok)
      expect(wrong.problems.map((p) => p.column)).toEqual(['kind', 'name', 'gender', 'birthDate']);
  });

  it('normalises dates written the spreadsheet way', () => {
    expect(normaliseDate('1950/3/8')).toBe('1950-03-08');
    expect(normaliseDate('1950.03.08')).toBe('1950-03-08');
    expect(normaliseDate('19500308')).toBe('1950-03-08');
    expect(normaliseDate('1950年3月8日')).toBe('1950-03-08');
    expect(normaliseDate('三月')).toBe('三月');
  });
});
