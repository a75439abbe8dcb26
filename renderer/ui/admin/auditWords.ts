import { format } from 'date-fns';
import type { TFunction } from 'i18next';
import type { AuditChange, AuditLine, AuditWhom } from '../../data/audit';
import { codeText } from '../../i18n/keys';
import type { useNameOf } from '../kit/PersonName';

/** An audit line's columns in the desk's language, as the screen shows them and the CSV holds. */
export interface AuditWords {
  when: string;
  who: string;
  action: string;
  whom: string;
  fields: string;
  reason: string;
}

/** A person's name as the desk shows it, with what tells them from a namesake ("王秀英（1948年生）"). */
type NameOf = ReturnType<typeof useNameOf>;

function whomWords(t: TFunction, whom: AuditWhom | null, nameOf: NameOf): string {
  if (!whom) return '';
  switch (whom.kind) {
    case 'member':
      // An erased person is never named, not even by what their record held before.
      return whom.erased ? t('audit.erased') : nameOf(whom);
    case 'staff':
    case 'visitor':
      return whom.name;
    case 'list':
      return codeText(t, 'audit.lists', whom.list);
    case 'sheet':
      return t('audit.sheetOf', { day: whom.day });
    case 'log':
      return t('audit.theLog');
  }
}

/** Fields whose values are codes, and the group of words for them. */
const CODED: Record<string, string> = {
  gender: 'gender',
  diets: 'diet',
  categories: 'category',
  abilityLevel: 'ability',
  childClass: 'childClass',
};

/** A value before or after a correction, in words: lists joined, people with relation and phone. */
function valueWords(t: TFunction, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('audit.empty');
  const group = CODED[field];
  const one = (v: unknown): string => {
    if (v && typeof v === 'object') {
      const a = v as { name?: string; relation?: string; phone?: string };
      return `${a.name ?? ''}${a.relation ? `（${a.relation}）` : ''}${a.phone ? ` ${a.phone}` : ''}`;
    }
    return group ? codeText(t, group as never, String(v)) : String(v);
  };
  return Array.isArray(value)
    ? value.length
      ? value.map(one).join('、')
      : t('audit.empty')
    : one(value);
}

/** A correction's changes in words: 姓名：王秀英 → 王秀云. */
export function changeWords(t: TFunction, changes: readonly AuditChange[]): string {
  return changes
    .map(
      (c) =>
        `${codeText(t, 'auditField', c.field)}：${valueWords(t, c.field, c.before)} → ${valueWords(t, c.field, c.after)}`,
    )
    .join('；');
}

/** A merge's entry holds `moved:<count>` among its codes (renderer/data/identity.ts). */
function mergeWords(t: TFunction, fields: readonly string[]): string {
  const moved = fields.find((f) => f.startsWith('moved:'))?.slice('moved:'.length) ?? '0';
  return t('identity.moved', { count: Number(moved) });
}

/** Who did what to whom, when, which fields (in words, e.g. 体温), and why. */
export function auditWords(
  t: TFunction,
  line: AuditLine,
  nameOf: NameOf = (person) => person.name,
): AuditWords {
  return {
    when: format(new Date(line.at), 'yyyy-MM-dd HH:mm:ss'),
    who: line.who ?? t('audit.desk'),
    action: t(`auditAction.${line.action}`),
    whom: whomWords(t, line.whom, nameOf),
    fields:
      line.action === 'person.merge'
        ? mergeWords(t, line.fields)
        : line.changes.length
          ? changeWords(t, line.changes)
          : line.fields.map((f) => codeText(t, 'auditField', f)).join('、'),
    // A sheet's entry records how it was taken as a code; every other reason is staff's own words.
    // A paper row's entry holds the paper's day (补录, renderer/data/paper.ts).
    reason:
      line.action === 'sheet.export'
        ? codeText(t, 'audit.how', line.reason)
        : line.action === 'paper.backfill'
          ? t('paper.auditDay', { day: line.reason })
          : line.reason,
  };
}

/** The columns, in order, of the screen's table and of the CSV. */
export const AUDIT_COLUMNS = ['when', 'who', 'action', 'whom', 'fields', 'reason'] as const;
