import { HLC_MAX_LENGTH } from '../hlc';

/** Documents of the district itself (rules, templates): read-only for every desk. */
export const DISTRICT_CENTRE_ID = 'district';
/** A desk that has not been enrolled yet files its documents under this centre until it is. */
export const UNENROLLED_CENTRE_ID = 'unenrolled';

/** Fields every synced document has (docs/DESIGN.md, "The desk's local data"). */
export const baseProperties = {
  id: { type: 'string', maxLength: 40 },
  centreId: { type: 'string', maxLength: 40, minLength: 1 },
  createdAt: { type: 'string', format: 'date-time', maxLength: 32 },
  updatedAt: { type: 'string', maxLength: HLC_MAX_LENGTH, minLength: 23 },
  updatedBy: { type: 'string', maxLength: 40, minLength: 1 },
} as const;

export const baseRequired = ['id', 'centreId', 'createdAt', 'updatedAt', 'updatedBy'] as const;

export interface BaseDoc {
  id: string;
  centreId: string;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

/**
 * 补录: a record entered later from the paper emergency sheet of a day without the computer
 * (docs/DOMAIN.md "The paper fallback"). The record's own times are the paper's; this says when
 * and by whom it was typed in, so an inspector can tell it from a live entry.
 */
export const fromPaperProperty = {
  type: 'object',
  properties: {
    enteredAt: { type: 'string', format: 'date-time', maxLength: 32 },
    enteredBy: { type: 'string', maxLength: 40 },
  },
  required: ['enteredAt', 'enteredBy'],
  additionalProperties: false,
} as const;
