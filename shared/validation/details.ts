import { MAX_LIST_ITEMS, MAX_PHOTO_CHARS, MAX_PICKUP_ADULTS, type MemberDoc } from '../schemas';
import {
  ABILITY_LEVELS,
  CHILD_CLASSES,
  DIETS,
  ELDER_CATEGORIES,
  type AbilityLevel,
  type ChildClass,
  type Diet,
  type ElderCategory,
} from '../schemas/members';
import { normalizeMobile } from './phone';

/** An adult around a child (guardian or pick-up adult), as typed into a form or a spreadsheet. */
export interface AdultInput {
  name: string;
  relation: string;
  phone: string;
  photo?: string;
}

/** What the registration form and the import add to the basic fields, by kind of person. */
export interface DetailsInput {
  allergies: string;
  diets: string[];
  // Elders.
  categories: string[];
  abilityLevel: string;
  chronicConditions: string;
  // Children.
  childClass: string;
  guardian: AdultInput;
  /**
   * The guardian may also collect the child (the default: absent is yes); then they head the
   * pick-up list, under the guardian's id, and the worker can take them off it later.
   */
  guardianPicksUp?: boolean;
  pickupAdults: AdultInput[];
  vaccinationChecked: boolean;
  /** Someone to call in an emergency (elders and children), when given. */
  emergency?: AdultInput;
}

export type DetailsProblem = 'required' | 'phone' | 'unknownValue' | 'tooLong' | 'photoTooBig';

export interface DetailsError {
  /** A form field path: `allergies`, `guardian.phone`, `pickupAdults.1.name`… */
  field: string;
  problem: DetailsProblem;
}

export type CleanDetails = Pick<
  MemberDoc,
  | 'allergies'
  | 'diets'
  | 'categories'
  | 'abilityLevel'
  | 'chronicConditions'
  | 'childClass'
  | 'guardians'
  | 'pickupAdults'
  | 'vaccinationCheckedOn'
  | 'emergencyContacts'
>;

/** Splits "花生、牛奶, 鸡蛋" into items: Chinese and Western commas, semicolons, slashes. */
export function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,，、;；/\n]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

/** The details of an elder or a child, checked and cleaned; errors name the field. */
export function validateDetails(
  kind: 'elder' | 'child',
  input: DetailsInput,
  today: string,
): { ok: true; value: CleanDetails } | { ok: false; errors: DetailsError[] } {
  const errors: DetailsError[] = [];
  const value: CleanDetails = {};
  const allergies = splitList(input.allergies);
  // Lists as long as the district takes (shared/schemas/bounds.ts), items as long as the schema's.
  if (allergies.length > MAX_LIST_ITEMS || allergies.some((a) => a.length > 40))
    errors.push({ field: 'allergies', problem: 'tooLong' });
  if (allergies.length) value.allergies = allergies;
  const diets = input.diets.filter((d): d is Diet => isOneOf(DIETS, d));
  if (diets.length !== input.diets.length) errors.push({ field: 'diets', problem: 'unknownValue' });
  if (diets.length) value.diets = diets;

  const adult = (a: AdultInput, path: string, id: string, required: boolean) => {
    const name = a.name.trim();
    const relation = a.relation.trim();
    const phoneText = a.phone.trim();
    if (!name && !relation && !phoneText && !a.photo) {
      if (required) errors.push({ field: `${path}.name`, problem: 'required' });
      return null;
    }
    if (!name) errors.push({ field: `${path}.name`, problem: 'required' });
    if (!relation) errors.push({ field: `${path}.relation`, problem: 'required' });
    let phone: string | undefined;
    if (phoneText) {
      phone = normalizeMobile(phoneText) ?? undefined;
      if (!phone) errors.push({ field: `${path}.phone`, problem: 'phone' });
    } else if (path === 'guardian') errors.push({ field: `${path}.phone`, problem: 'required' });
    if (a.photo && a.photo.length > MAX_PHOTO_CHARS)
      errors.push({ field: `${path}.photo`, problem: 'photoTooBig' });
    return {
      id,
      name,
      relation,
      ...(phone ? { phone } : {}),
      ...(a.photo ? { photo: a.photo } : {}),
    };
  };
  if (input.emergency) {
    const contact = adult(input.emergency, 'emergency', 'e1', false);
    if (contact) {
      if (!contact.phone) errors.push({ field: 'emergency.phone', problem: 'required' });
      value.emergencyContacts = [
        {
          id: contact.id,
          name: contact.name,
          relation: contact.relation,
          ...(contact.phone ? { phone: contact.phone } : {}),
        },
      ];
    }
  }

  if (kind === 'elder') {
    const categories = input.categories.filter((c): c is ElderCategory =>
      isOneOf(ELDER_CATEGORIES, c),
    );
    if (categories.length !== input.categories.length)
      errors.push({ field: 'categories', problem: 'unknownValue' });
    if (categories.length) value.categories = categories;
    if (input.abilityLevel) {
      if (isOneOf(ABILITY_LEVELS, input.abilityLevel))
        value.abilityLevel = input.abilityLevel as AbilityLevel;
      else errors.push({ field: 'abilityLevel', problem: 'unknownValue' });
    }
    const chronic = splitList(input.chronicConditions);
    if (chronic.length > MAX_LIST_ITEMS || chronic.some((c) => c.length > 40))
      errors.push({ field: 'chronicConditions', problem: 'tooLong' });
    if (chronic.length) value.chronicConditions = chronic;
    return errors.length ? { ok: false, errors } : { ok: true, value };
  }

  if (input.childClass) {
    if (isOneOf(CHILD_CLASSES, input.childClass)) value.childClass = input.childClass as ChildClass;
    else errors.push({ field: 'childClass', problem: 'unknownValue' });
  }
  const guardian = adult(input.guardian, 'guardian', 'g1', true);
  if (guardian)
    value.guardians = [
      {
        id: guardian.id,
        name: guardian.name,
        relation: guardian.relation,
        ...(guardian.phone ? { phone: guardian.phone } : {}),
      },
    ];
  const pickups = input.pickupAdults
    .map((a, i) => adult(a, `pickupAdults.${i}`, `p${i + 1}`, false))
    .filter((a) => a !== null);
  if (pickups.length > MAX_PICKUP_ADULTS)
    errors.push({ field: 'pickupAdults', problem: 'tooLong' });
  // A guardian is an authorised pick-up adult unless the worker unticked it; not twice when the
  // same adult (name and phone) is also typed as a pick-up adult; a list already full stays so.
  if (guardian && input.guardianPicksUp !== false && pickups.length < MAX_PICKUP_ADULTS) {
    const already = pickups.some((p) => p.name === guardian.name && p.phone === guardian.phone);
    if (!already)
      pickups.unshift({
        id: guardian.id,
        name: guardian.name,
        relation: guardian.relation,
        ...(guardian.phone ? { phone: guardian.phone } : {}),
      });
  }
  if (pickups.length) value.pickupAdults = pickups;
  if (input.vaccinationChecked) value.vaccinationCheckedOn = today;
  return errors.length ? { ok: false, errors } : { ok: true, value };
}
