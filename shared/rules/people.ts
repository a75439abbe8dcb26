import { addDays, differenceInCalendarDays, differenceInMonths, parseISO } from 'date-fns';
import type { ConsentDoc, MemberDoc, StaffDoc } from '../schemas';
import type { ChildClass, Diet } from '../schemas/members';
import type { StaffCertificate } from '../schemas/staff';

/** Age in whole months on a day (children's classes are by months). */
export function ageInMonths(birthDate: string, on: string): number {
  return differenceInMonths(parseISO(on), parseISO(birthDate));
}

/** "2岁3个月" / "2 y 3 m" parts: whole years and the months beyond. */
export function ageParts(birthDate: string, on: string): { years: number; months: number } {
  const months = ageInMonths(birthDate, on);
  return { years: Math.floor(months / 12), months: months % 12 };
}

/** The class a child's age puts them in (乳儿班 6–12 months, 托小班 12–24, 托大班 24–36, then 3–6). */
export function classForAge(birthDate: string, on: string): ChildClass {
  const months = ageInMonths(birthDate, on);
  if (months < 12) return 'infant';
  if (months < 24) return 'toddler';
  if (months < 36) return 'older';
  return 'preschool';
}

/** Consents in force on a day (given, not withdrawn, not expired). */
export function consentsInForce(consents: readonly ConsentDoc[], day: string): ConsentDoc[] {
  return consents.filter(
    (c) =>
      c.givenOn <= day &&
      (!c.withdrawnOn || c.withdrawnOn > day) &&
      (!c.expiresOn || c.expiresOn >= day),
  );
}

/** What the door must say about a person as they arrive (docs/DOMAIN.md; the front-desk issue). */
export type DoorWarning =
  | { kind: 'allergy'; allergies: string[] }
  | { kind: 'diet'; diets: Diet[] }
  | { kind: 'consentMissing' }
  | { kind: 'consentExpired'; expiredOn: string }
  | { kind: 'healthCheckDue' }
  | { kind: 'vaccinationUnchecked' };

export function doorWarnings(
  member: MemberDoc,
  consents: readonly ConsentDoc[],
  day: string,
  healthCheckedToday: boolean,
): DoorWarning[] {
  const warnings: DoorWarning[] = [];
  if (member.allergies?.length)
    warnings.push({ kind: 'allergy', allergies: [...member.allergies] });
  if (member.diets?.length) warnings.push({ kind: 'diet', diets: [...member.diets] });
  const own = consents.filter((c) => c.memberId === member.id);
  if (own.length === 0) warnings.push({ kind: 'consentMissing' });
  else if (consentsInForce(own, day).length === 0) {
    const lastExpiry = own
      .map((c) => c.withdrawnOn ?? c.expiresOn ?? '')
      .sort()
      .at(-1);
    warnings.push({ kind: 'consentExpired', expiredOn: lastExpiry ?? day });
  }
  if (member.kind === 'child') {
    if (!healthCheckedToday) warnings.push({ kind: 'healthCheckDue' });
    if (!member.vaccinationCheckedOn) warnings.push({ kind: 'vaccinationUnchecked' });
  }
  return warnings;
}

export type PickupDecision =
  | { allowed: true; adult: NonNullable<MemberDoc['pickupAdults']>[number] }
  | { allowed: false; reason: 'notOnList' };

/** A child goes home only with an adult on their list; anyone else needs a manager's override. */
export function pickupDecision(child: MemberDoc, adultId: string | undefined): PickupDecision {
  const adult = child.pickupAdults?.find((a) => a.id === adultId);
  return adult ? { allowed: true, adult } : { allowed: false, reason: 'notOnList' };
}

export interface CertificateStatus {
  staffId: string;
  name: string;
  kind: StaffCertificate['kind'];
  expiresOn: string;
  daysLeft: number;
  state: 'expired' | 'expiring';
}

/** Certificates that expired or expire within `warnDays` of `today`, soonest first. */
export function certificateWarnings(
  staff: readonly StaffDoc[],
  today: string,
  warnDays: number,
): CertificateStatus[] {
  const limit = addDays(parseISO(today), warnDays);
  const out: CertificateStatus[] = [];
  for (const person of staff) {
    if (!person.active) continue;
    for (const cert of person.certificates ?? []) {
      if (parseISO(cert.expiresOn) > limit) continue;
      const daysLeft = differenceInCalendarDays(parseISO(cert.expiresOn), parseISO(today));
      out.push({
        staffId: person.id,
        name: person.name,
        kind: cert.kind,
        expiresOn: cert.expiresOn,
        daysLeft,
        state: daysLeft < 0 ? 'expired' : 'expiring',
      });
    }
  }
  return out.sort((a, b) => a.daysLeft - b.daysLeft);
}

/**
 * Staff who work with children must be screened yearly (docs/DOMAIN.md): those assigned to a class
 * whose last screening is missing or more than a year old, oldest first.
 */
export function screeningDue(
  staff: readonly StaffDoc[],
  today: string,
): { staffId: string; name: string; lastOn: string | null }[] {
  const yearAgo = addDays(parseISO(today), -365);
  return staff
    .filter((s) => s.active && s.childClass)
    .filter((s) => !s.screeningCheckedOn || parseISO(s.screeningCheckedOn) < yearAgo)
    .map((s) => ({ staffId: s.id, name: s.name, lastOn: s.screeningCheckedOn ?? null }))
    .sort((a, b) => (a.lastOn ?? '').localeCompare(b.lastOn ?? ''));
}

/**
 * Where a person stands with the centre. One definition for every screen and rule: a person is
 * `active` unless recorded as having `left`, as `merged` into another record (a duplicate), or as
 * `erased` (docs/DOMAIN.md, "People").
 */
export type PersonState = 'active' | 'left' | 'merged' | 'erased';

export function personState(member: Pick<MemberDoc, 'status'>): PersonState {
  return member.status ?? 'active';
}

/** In the centre's care now: the only people offered for check-in, meals, visits and activities. */
export function inCare(member: Pick<MemberDoc, 'status'>): boolean {
  return personState(member) === 'active';
}

/** On the centre's record: listed and searchable (someone who left too); merged duplicates and the erased are not. */
export function onRecord(member: Pick<MemberDoc, 'status'>): boolean {
  const state = personState(member);
  return state !== 'erased' && state !== 'merged';
}
