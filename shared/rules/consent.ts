/**
 * Consent (PIPL arts. 14, 28–31; docs/DOMAIN.md "Privacy and safety"): each purpose is consented
 * to separately, one consent record per purpose; a child under 14 only with a guardian's consent;
 * an ID number, health data or a pick-up photo is recorded only with the consent that covers it;
 * a withdrawal is recorded (the day, and who at the desk) and acted on. One definition for the
 * registration form, the desk's data layer and the district.
 */
import { differenceInYears, parseISO } from 'date-fns';
import type { ConsentDoc } from '../schemas';
import type { ConsentScope } from '../schemas/consents';
import { consentsInForce } from './people';

/** Under this age a person's data is processed only with a guardian's consent (PIPL art. 31). */
export const GUARDIAN_CONSENT_UNDER_YEARS = 14;

/** The purposes a registration asks about, by kind of person, in the order the form shows them. */
export const SCOPES_FOR = {
  elder: ['idNumber', 'health', 'districtSharing'],
  child: ['childData', 'idNumber', 'health', 'photo', 'districtSharing'],
} as const satisfies Record<'elder' | 'child', readonly ConsentScope[]>;

/** Health data on a person's own record: recorded only with the `health` consent. */
export const HEALTH_DATA_FIELDS = ['healthNotes', 'chronicConditions'] as const;

/** Relations that mean the person consented for themselves. */
const SELF_RELATIONS = new Set(['self', '本人', '自己']);

export function isSelf(relation: string): boolean {
  return SELF_RELATIONS.has(relation.trim().toLowerCase());
}

/** Whether a person born on `birthDate` needs a guardian to consent for them on `day`. */
export function needsGuardian(birthDate: string, day: string): boolean {
  return differenceInYears(parseISO(day), parseISO(birthDate)) < GUARDIAN_CONSENT_UNDER_YEARS;
}

/** A consent as the desk records it: who gave it, their relation to the person, to what. */
export interface ConsentInput {
  givenBy: string;
  relation: string;
  scopes: ConsentScope[];
}

/** What a person's record holds that needs its own consent. */
export interface DataNeedingConsent {
  idNumber?: string | undefined;
  healthNotes?: string | undefined;
  chronicConditions?: readonly string[] | undefined;
  pickupAdults?: readonly { photo?: string | undefined }[] | undefined;
}

/** A person's record, or what a registration would make of it. */
export interface ConsentedData extends DataNeedingConsent {
  kind: 'elder' | 'child';
  birthDate: string;
}

/**
 * Problems are codes the desk words in the user's language (renderer/i18n `problem.*`); each is
 * put on the field to fix: the ID number, the health field, the photo, or the consent itself.
 */
export type ConsentProblem =
  | 'required'
  | 'consentForIdNumber'
  | 'consentForHealth'
  | 'consentForPhoto'
  | 'childDataConsent'
  | 'guardianConsent';

export interface ConsentFieldError {
  /** `idNumber`, `chronicConditions`, `pickupAdults.1.photo`, `consent.childData`, `consentBy`… */
  field: string;
  problem: ConsentProblem;
}

/**
 * What stands in the way of recording `data` with `consent` (null: none given) on `day`. Empty
 * when the record may be kept as it is.
 */
export function consentProblems(
  data: ConsentedData,
  consent: ConsentInput | null,
  day: string,
): ConsentFieldError[] {
  const errors: ConsentFieldError[] = [];
  const scopes = new Set(consent?.scopes ?? []);
  if (consent && scopes.size > 0) {
    if (!consent.givenBy.trim()) errors.push({ field: 'consentBy', problem: 'required' });
    if (!consent.relation.trim()) errors.push({ field: 'consentRelation', problem: 'required' });
    else if (isSelf(consent.relation) && needsGuardian(data.birthDate, day))
      errors.push({ field: 'consentRelation', problem: 'guardianConsent' });
  }
  if (data.kind === 'child' && !scopes.has('childData'))
    errors.push({ field: 'consent.childData', problem: 'childDataConsent' });
  return [...errors, ...uncoveredData(data, scopes)];
}

/** The fields of `data` that need a consent `scopes` do not include, each on its own field. */
export function uncoveredData(
  data: DataNeedingConsent,
  scopes: ReadonlySet<ConsentScope>,
): ConsentFieldError[] {
  const errors: ConsentFieldError[] = [];
  if (data.idNumber && !scopes.has('idNumber'))
    errors.push({ field: 'idNumber', problem: 'consentForIdNumber' });
  if (!scopes.has('health')) {
    if (data.healthNotes) errors.push({ field: 'healthNotes', problem: 'consentForHealth' });
    if (data.chronicConditions?.length)
      errors.push({ field: 'chronicConditions', problem: 'consentForHealth' });
  }
  if (!scopes.has('photo'))
    data.pickupAdults?.forEach((adult, i) => {
      if (adult.photo)
        errors.push({ field: `pickupAdults.${i}.photo`, problem: 'consentForPhoto' });
    });
  return errors;
}

/** The purposes a person's consents cover on `day`. */
export function scopesInForce(consents: readonly ConsentDoc[], day: string): Set<ConsentScope> {
  return new Set(consentsInForce(consents, day).flatMap((c) => c.scopes));
}

/**
 * The purposes the district may act on for a person on `day` (docs/DOMAIN.md "Privacy and
 * safety"): none unless a `districtSharing` consent stands; then every purpose whose consent
 * stands — recorded, not withdrawn, not expired. The days of giving and of withdrawing are not
 * compared with `day`: a desk writes them on its own calendar, which may be a day ahead of the
 * district's, and a recorded withdrawal must take effect at once.
 */
export function districtScopes(consents: readonly ConsentDoc[], day: string): Set<ConsentScope> {
  const standing = consents.filter((c) => !c.withdrawnOn && (!c.expiresOn || c.expiresOn >= day));
  const scopes = new Set(standing.flatMap((c) => c.scopes));
  return scopes.has('districtSharing') ? scopes : new Set();
}

/** Whether the district may hold a person's data at all on `day` (see `districtScopes`). */
export function sharesWithDistrict(consents: readonly ConsentDoc[], day: string): boolean {
  return districtScopes(consents, day).has('districtSharing');
}

/** What goes from the person's own record when a purpose is withdrawn (the desk clears it). */
export const CLEARED_ON_WITHDRAWAL: Partial<Record<ConsentScope, readonly string[]>> = {
  idNumber: ['idNumber'],
  health: HEALTH_DATA_FIELDS,
};

/**
 * The purposes a withdrawal of `scope` ends: all of a child's when the guardian withdraws the
 * consent to the child's data, which the others depend on; otherwise that one.
 */
export function withdrawnWith(scope: ConsentScope): ConsentScope[] {
  return scope === 'childData'
    ? ['childData', 'idNumber', 'health', 'photo', 'districtSharing']
    : [scope];
}

/** Where a person's consent to one purpose stands on a day, for the person's record. */
export type ConsentStatus =
  | { state: 'given'; consent: ConsentDoc }
  | { state: 'withdrawn'; consent: ConsentDoc }
  | { state: 'expired'; consent: ConsentDoc }
  | { state: 'none' };

export function consentStatus(
  consents: readonly ConsentDoc[],
  scope: ConsentScope,
  day: string,
): ConsentStatus {
  const covering = consents.filter((c) => c.scopes.includes(scope));
  const standing = consentsInForce(covering, day)[0];
  if (standing) return { state: 'given', consent: standing };
  // Of the records that ended, the one given last says how it ended.
  const last = [...covering].sort((a, b) => a.givenOn.localeCompare(b.givenOn)).at(-1);
  if (!last) return { state: 'none' };
  return { state: last.withdrawnOn ? 'withdrawn' : 'expired', consent: last };
}
