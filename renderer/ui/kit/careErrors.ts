import type { TFunction } from 'i18next';
import { CareInputError, type CareFieldError } from '../../../shared/validation/care';
import { saveErrorText } from './errors';

/**
 * The errors of a failed care save (a visit, a listing, a measurement, an incident) by form
 * field, in words; the care screens and the visits screen word them alike.
 */
export function careErrors(t: TFunction, error: unknown): Record<string, string> {
  if (!(error instanceof CareInputError)) return { form: saveErrorText(t, error) };
  const byField: Record<string, string> = {};
  for (const e of error.errors) byField[e.field] ??= fieldErrorText(t, e);
  return byField;
}

export function fieldErrorText(t: TFunction, e: CareFieldError): string {
  return t(`care.problem_${e.problem}`, { min: e.min, max: e.max });
}
