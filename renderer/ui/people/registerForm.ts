import { useFormContext, type FieldErrors, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { consentProblems, SCOPES_FOR, type ConsentInput } from '../../../shared/rules/consent';
import { localDay } from '../../../shared/time';
import { readDay } from '../../../shared/rules/dates';
import { splitList, validateDetails, type DetailsInput } from '../../../shared/validation/details';
import { validateMemberInput, type MemberInput } from '../../../shared/validation/member';
import { codeText } from '../../i18n/keys';

/** The registration form's values: the person, their details, and the consents given. */
export interface FormValues extends MemberInput, DetailsInput {
  /** The purposes ticked (ConsentScope values). */
  consentScopes: string[];
  consentBy: string;
  consentRelation: string;
  /** The pinyin the person is found by, as the worker checked it (PinyinField). */
  pinyin: string;
}

export const NO_ADULT = { name: '', relation: '', phone: '' };

export const EMPTY: FormValues = {
  kind: 'elder',
  name: '',
  gender: '',
  birthDate: '',
  idNumber: '',
  phone: '',
  note: '',
  allergies: '',
  diets: [],
  categories: [],
  abilityLevel: '',
  chronicConditions: '',
  childClass: '',
  guardian: { ...NO_ADULT },
  guardianPicksUp: true,
  pickupAdults: [{ ...NO_ADULT }],
  vaccinationChecked: false,
  emergency: { ...NO_ADULT },
  consentScopes: [],
  consentBy: '',
  consentRelation: '',
  pinyin: '',
};

/** Puts `message` at a dotted path (`pickupAdults.1.phone`) of react-hook-form's error tree. */
export function setError(errors: Record<string, unknown>, path: string, message: string) {
  const parts = path.split('.');
  let node = errors;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts.at(-1)!] ??= { type: 'validate', message };
}

/**
 * The person's fields as typed, checked by the rules the import and the server use
 * (shared/validation): the values with the birth date read as the desk writes days (2024/3/1,
 * 2024年3月1日…), and the error tree. Registration and correction both start here.
 */
export function personErrors<V extends FormValues>(
  typed: V,
): { values: V; errors: Record<string, unknown> } {
  const values = { ...typed, birthDate: readDay(typed.birthDate) ?? typed.birthDate };
  const errors: Record<string, unknown> = {};
  const base = validateMemberInput(values);
  if (!base.ok) for (const e of base.errors) setError(errors, e.field, e.problem);
  const details = validateDetails(values.kind, values, localDay(new Date()));
  if (!details.ok) for (const e of details.errors) setError(errors, e.field, e.problem);
  return { values, errors };
}

/** The same rules as the import and the server (shared/validation), as one resolver. */
export const memberResolver: Resolver<FormValues> = async (typed) => {
  const { values, errors } = personErrors(typed);
  const today = localDay(new Date());
  const data = {
    kind: values.kind,
    birthDate: /^\d{4}-\d{2}-\d{2}$/.test(values.birthDate.trim())
      ? values.birthDate.trim()
      : today,
    idNumber: values.idNumber.trim(),
    chronicConditions: values.kind === 'elder' ? splitList(values.chronicConditions) : [],
    pickupAdults: values.kind === 'child' ? values.pickupAdults : [],
  };
  for (const e of consentProblems(data, consentOf(values), today))
    setError(
      errors,
      e.field === 'consent.childData' ? 'consentScopes.childData' : e.field,
      e.problem,
    );
  return Object.keys(errors).length
    ? { values: {}, errors: errors as FieldErrors<FormValues> }
    : { values, errors: {} };
};

/** The consents the form records (none when no box is ticked), for the person's kind. */
export function consentOf(values: FormValues): ConsentInput | null {
  const scopes = SCOPES_FOR[values.kind].filter((s) => values.consentScopes.includes(s));
  if (scopes.length === 0) return null;
  return { givenBy: values.consentBy.trim(), relation: values.consentRelation.trim(), scopes };
}

/** The problem, in words, at a dotted path of the form (`guardian.phone`), or null. */
export function useProblemAt(): (path: string) => string | null {
  const { t } = useTranslation();
  const {
    formState: { errors },
  } = useFormContext<FormValues>();
  return (path) => {
    let node: unknown = errors;
    for (const part of path.split('.'))
      node = (node as Record<string, unknown> | undefined)?.[part];
    const message = (node as { message?: string } | undefined)?.message;
    return message ? codeText(t, 'problem', message) : null;
  };
}
