import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired } from './base';

/** Elders and children, one registry (DOMAIN.md, "Who is served"). */
export const memberSchemaLiteral = {
  title: 'members',
  description: 'An elder or a child served by the centre',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    kind: { type: 'string', enum: ['elder', 'child'], maxLength: 8 },
    name: { type: 'string', minLength: 1, maxLength: 40 },
    /** Full pinyin without tones or spaces, for search ("zhangsan"). Derived from `name` on the desk. */
    pinyin: { type: 'string', maxLength: 200 },
    /** Pinyin initials for search ("zs"). */
    initials: { type: 'string', maxLength: 40 },
    gender: { type: 'string', enum: ['M', 'F'], maxLength: 1 },
    birthDate: { type: 'string', format: 'date', maxLength: 10 },
    idNumber: { type: 'string', maxLength: 18 },
    phone: { type: 'string', maxLength: 11 },
    note: { type: 'string', maxLength: 500 },
  },
  required: [...baseRequired, 'kind', 'name', 'pinyin', 'initials', 'gender', 'birthDate'],
  additionalProperties: false,
  indexes: ['name', 'updatedAt'],
} as const;

export type MemberDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof memberSchemaLiteral>;
export type MemberKind = MemberDoc['kind'];
