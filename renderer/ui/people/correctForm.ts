import type { Resolver, FieldErrors } from 'react-hook-form';
import type { MemberDoc } from '../../../shared/schemas';
import { keysOfTypedPinyin, suggestedPinyin } from '../../../shared/search';
import { localDay } from '../../../shared/time';
import { validateDetails } from '../../../shared/validation/details';
import { validateMemberInput } from '../../../shared/validation/member';
import type { MemberCorrection } from '../../data/members';
import type { VisibleMember } from '../../data/people';
import { EMPTY, NO_ADULT, personErrors, setError, type FormValues } from './registerForm';

/** The correction form: the registration form's fields, prefilled, and why (更正原因). */
export interface CorrectValues extends FormValues {
  /** Health notes: only for a role that may see them (withheld otherwise, and never sent). */
  healthNotes: string;
  reason: string;
}

/** The pinyin shown syllable by syllable where the stored key is the library's reading. */
export function pinyinShown(member: MemberDoc): string {
  const suggested = suggestedPinyin(member.name);
  return keysOfTypedPinyin(suggested).pinyin === member.pinyin ? suggested : (member.pinyin ?? '');
}

const adultOf = (a: { name: string; relation?: string; phone?: string } | undefined) =>
  a ? { name: a.name, relation: a.relation ?? '', phone: a.phone ?? '' } : { ...NO_ADULT };

/** The record, as the form's values. */
export function valuesOf(member: VisibleMember): CorrectValues {
  const guardian = member.guardians?.[0];
  const isGuardian = (a: { id: string; name: string; phone?: string }) =>
    !!guardian &&
    (a.id === guardian.id ||
      (a.name === guardian.name && (a.phone ?? '') === (guardian.phone ?? '')));
  const others = (member.pickupAdults ?? []).filter((a) => !isGuardian(a));
  return {
    ...EMPTY,
    kind: member.kind,
    name: member.name,
    gender: member.gender,
    birthDate: member.birthDate,
    idNumber: member.idNumber ?? '',
    phone: member.phone ?? '',
    note: member.note ?? '',
    allergies: (member.allergies ?? []).join('、'),
    diets: [...(member.diets ?? [])],
    categories: [...(member.categories ?? [])],
    abilityLevel: member.abilityLevel ?? '',
    chronicConditions: (member.chronicConditions ?? []).join('、'),
    childClass: member.childClass ?? '',
    guardian: adultOf(guardian),
    // The guardian on the pick-up list is the 也可接送 box, not a row: unticking it takes them off,
    // and a guardian taken off earlier is not put back by a correction of something else.
    guardianPicksUp: !!guardian && (member.pickupAdults ?? []).some(isGuardian),
    pickupAdults: others.length
      ? others.map((a) => ({ ...adultOf(a), ...(a.photo ? { photo: a.photo } : {}) }))
      : [{ ...NO_ADULT }],
    vaccinationChecked: !!member.vaccinationCheckedOn,
    emergency: adultOf(member.emergencyContacts?.[0]),
    pinyin: pinyinShown(member),
    healthNotes: member.healthNotes ?? '',
    reason: '',
  };
}

/**
 * The registration form's rules (shared/validation) and a reason. The consents are not asked
 * again: the data layer writes an ID number or health data only under the consent in force.
 */
export const correctionResolver: Resolver<CorrectValues> = async (typed) => {
  const { values, errors } = personErrors(typed);
  if (values.healthNotes.trim().length > 2000) setError(errors, 'healthNotes', 'tooLong');
  if (!values.reason.trim()) setError(errors, 'reason', 'required');
  return Object.keys(errors).length
    ? { values: {}, errors: errors as FieldErrors<CorrectValues> }
    : { values, errors: {} };
};

/**
 * What the form asks to write: every field the role sees (a withheld one is never sent, so it is
 * never cleared). The data layer writes only what differs and keeps the before and after.
 */
export function correctionOf(member: VisibleMember, values: CorrectValues): MemberCorrection {
  const today = localDay(new Date());
  const base = validateMemberInput(values);
  const details = validateDetails(values.kind, values, today);
  if (!base.ok || !details.ok) throw new Error('invalid');
  const b = base.value;
  const d = details.value;
  const patch: MemberCorrection = {
    name: b.name,
    gender: b.gender,
    birthDate: b.birthDate,
    phone: b.phone ?? '',
    note: b.note ?? '',
    allergies: d.allergies ?? [],
    diets: d.diets ?? [],
    emergencyContacts: d.emergencyContacts ?? [],
  };
  patch.pinyin = values.pinyin.trim();
  if (!member.withheld.includes('idNumber')) patch.idNumber = b.idNumber ?? '';
  if (!member.withheld.includes('healthNotes')) patch.healthNotes = values.healthNotes.trim();
  if (member.kind === 'elder') {
    patch.categories = d.categories ?? [];
    // The ability level comes only from an assessment to GB/T 42195-2022 (renderer/data/assessments.ts).
    if (!member.withheld.includes('chronicConditions'))
      patch.chronicConditions = d.chronicConditions ?? [];
  } else {
    if (d.childClass) patch.childClass = d.childClass;
    // Earlier pick-up adults keep their ids (p1, p2… by place, as registration gives them).
    patch.pickupAdults = d.pickupAdults ?? [];
    if (!member.withheld.includes('guardians') && d.guardians)
      patch.guardians = [d.guardians[0]!, ...(member.guardians ?? []).slice(1)];
  }
  return patch;
}
