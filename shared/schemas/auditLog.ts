import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired } from './base';

export const AUDIT_ACTIONS = [
  /** A version of a record that lost a sync conflict (so no edit is silently dropped). */
  'sync.conflictLost',
  /** Someone opened a person's sensitive fields (ID number, health, guardians). */
  'sensitive.view',
  /** Someone changed a person's sensitive fields, or corrected or erased a person. */
  'sensitive.change',
  'person.erase',
  /** A manager allowed what the rules refuse (pick-up by someone not on the list…). */
  'override.pickup',
  /** A visit's times corrected after the fact. */
  'attendance.correct',
  /** Staff sign-in events. */
  'staff.login',
  'staff.loginFailed',
  'staff.lockedOut',
  /** A manager exported the audit log. */
  'audit.export',
  /** Someone opened a list of children (PIPL: everything about a child under 14 is sensitive). */
  'list.view',
  /** A consent recorded for a purpose, or withdrawn (`fields`: the purposes; who asked: `reason`). */
  'consent.record',
  'consent.withdraw',
  /** The daily sheet, with the day's names and health checks, printed or exported (`reason`: how). */
  'sheet.export',
  /**
   * A person's record corrected: `fields` the fields, `reason` why, `data.changes` each field's
   * before and after (sealed at rest).
   */
  'person.correct',
  /** A person marked as having left (`reason`: the day and why), and back in care (the day). */
  'person.leave',
  'person.return',
  /** A manager changed a staff record (`fields`: what; a new PIN or password is named, never its value). */
  'staff.change',
  /**
   * A manager merged a duplicate record into the one kept (the subject): `fields` holds
   * `m:<the other record's id>`, `moved:<records moved>` and `<collection>:<count>`.
   */
  'person.merge',
  /**
   * 补录: a row of the paper emergency sheet entered later (the subject: the person; `reason`:
   * the paper's day; `fields`: what the row recorded, e.g. `attendance`, `meals`, `health`).
   */
  'paper.backfill',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Append-only log: views and changes of sensitive data, overrides, and every version of a record
 * that lost a sync conflict. Kept at least six months (docs/DOMAIN.md).
 */
export const auditLogSchemaLiteral = {
  title: 'auditLog',
  description: 'Append-only audit entries',
  /**
   * 1: the actions of consents, list views and sheet exports (documents unchanged). 2: every
   * personal field sealed with AES-GCM (renderer/data/fieldEncryption.ts; documents unchanged).
   * 3: the actions of corrections with before and after (`data`), leaving and returning, staff
   * changes (documents unchanged).
  /**
   * 3: the merge of a duplicate record (`person.merge`; documents unchanged).
   * 4: rows entered later from the paper emergency sheet (`paper.backfill`; documents unchanged).
   */
  version: 4,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    action: { type: 'string', enum: AUDIT_ACTIONS, maxLength: 40 },
    subjectCollection: { type: 'string', maxLength: 40 },
    subjectId: { type: 'string', maxLength: 40 },
    /** The losing version, as it was (conflicts); a correction's before and after. */
    data: { type: 'object' },
    winnerUpdatedAt: { type: 'string', maxLength: 80 },
    /** The staff member who acted, when someone is logged in. */
    staffId: { type: 'string', maxLength: 40 },
    /** What was viewed or changed: field names only, never values. */
    fields: { type: 'array', maxItems: 40, items: { type: 'string', maxLength: 40 } },
    reason: { type: 'string', maxLength: 200 },
    at: { type: 'string', format: 'date-time', maxLength: 32 },
  },
  required: [...baseRequired, 'action', 'subjectCollection', 'subjectId'],
  additionalProperties: false,
  indexes: ['subjectId', 'updatedAt'],
  /**
   * Encrypted at rest in the desk's store: a conflict's losing version (a whole record), a
   * correction's before and after, and the reason given (free text, which may name people).
   */
  encrypted: ['data', 'reason'],
} as const;

export type AuditLogDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof auditLogSchemaLiteral>;
