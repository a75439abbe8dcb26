import { format } from 'date-fns';
import type { TFunction } from 'i18next';
import type { AuditLine, AuditWhom } from '../../data/audit';
import { codeText } from '../../i18n/keys';

/** An audit line's columns in the desk's language, as the screen shows them and the CSV holds. */
export interface AuditWords {
  when: string;
  who: string;
  action: string;
  whom: string;
  fields: string;
  reason: string;
}

function whomWords(t: TFunction, whom: AuditWhom | null): string {
  if (!whom) return '';
  switch (whom.kind) {
    case 'member':
      // An erased person is never named, not even by what their record held before.
      return whom.erased ? t('audit.erased') : whom.name;
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

/** A merge's entry holds `moved:<count>` among its codes (renderer/data/identity.ts). */
function mergeWords(t: TFunction, fields: readonly string[]): string {
  const moved = fields.find((f) => f.startsWith('moved:'))?.slice('moved:'.length) ?? '0';
  return t('identity.moved', { count: Number(moved) });
}

/** Who did what to whom, when, which fields (in words, e.g. 体温), and why. */
export function auditWords(t: TFunction, line: AuditLine): AuditWords {
  return {
    when: format(new Date(line.at), 'yyyy-MM-dd HH:mm:ss'),
    who: line.who ?? t('audit.desk'),
    action: t(`auditAction.${line.action}`),
    whom: whomWords(t, line.whom),
    fields:
      line.action === 'person.merge'
        ? mergeWords(t, line.fields)
        : line.fields.map((f) => codeText(t, 'auditField', f)).join('、'),
    // A sheet's entry records how it was taken as a code; every other reason is staff's own words.
    reason: line.action === 'sheet.export' ? codeText(t, 'audit.how', line.reason) : line.reason,
  };
}

/** The columns, in order, of the screen's table and of the CSV. */
export const AUDIT_COLUMNS = ['when', 'who', 'action', 'whom', 'fields', 'reason'] as const;
