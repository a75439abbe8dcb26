/**
 * The people of a centre as the district sees them (issue 5, "Privacy"): a list with what the
 * district's work needs (name, elder or child, category, age) and nothing sensitive, and one
 * person's record, whose sensitive fields only an admin gets. A viewer's answer has them removed
 * here, on the server, and says which were withheld; every view of a record is logged by the route.
 */
import type { Queryable } from '../db/db';
import type { DistrictRole, PersonRecord, PersonSummary } from './types';

/**
 * Fields a viewer never receives: ID number, health, contacts' phones and children's details
 * beyond their class (PIPL's sensitive personal information; members.ts encrypts the first four
 * at rest on the desk).
 */
export const SENSITIVE_PERSON_FIELDS = [
  'idNumber',
  'birthDate',
  'phone',
  'healthNotes',
  'chronicConditions',
  'allergies',
  'guardians',
  'emergencyContacts',
  'pickupAdults',
  'note',
] as const;

/** Whole years between a birth date and a day, both YYYY-MM-DD. */
export function ageOn(birthDate: string | undefined, day: string): number | null {
  if (!birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return null;
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

interface MemberData {
  id: string;
  centreId: string;
  kind: 'elder' | 'child';
  name: string;
  gender?: 'M' | 'F';
  birthDate?: string;
  status?: string;
  categories?: string[];
  childClass?: string;
  subsidyCategory?: string;
  visitRisk?: string;
  abilityLevel?: string;
  diets?: string[];
  idNumber?: string;
  phone?: string;
  healthNotes?: string;
  chronicConditions?: string[];
  allergies?: string[];
  note?: string;
  guardians?: { name: string; relation: string; phone?: string }[];
  emergencyContacts?: { name: string; relation: string; phone?: string }[];
  pickupAdults?: { name: string; relation: string; phone?: string }[];
}

function summary(m: MemberData, day: string): PersonSummary {
  return {
    id: m.id,
    kind: m.kind,
    name: m.name,
    gender: m.gender ?? null,
    age: ageOn(m.birthDate, day),
    status: (m.status as PersonSummary['status']) ?? 'active',
    categories: m.categories ?? [],
    childClass: m.childClass ?? null,
    subsidyCategory: m.subsidyCategory ?? null,
    visitRisk: m.visitRisk ?? null,
  };
}

/** A centre's people (not erased nor deleted), by name; `null` when the centre does not exist. */
export async function listCentrePeople(
  db: Queryable,
  centreId: string,
  day: string,
): Promise<{ centreName: string; childPlaces: number | null; people: PersonSummary[] } | null> {
  const centre = await db.query<{ name: string; child_places: number | null }>(
    'SELECT name, child_places FROM centres WHERE id = $1',
    [centreId],
  );
  if (!centre.rows[0]) return null;
  const { rows } = await db.query<{ data: MemberData }>(
    `SELECT data FROM documents
      WHERE collection = 'members' AND centre_id = $1 AND NOT deleted
        AND coalesce(data->>'status', 'active') <> 'erased'
      ORDER BY data->>'name', id`,
    [centreId],
  );
  return {
    centreName: centre.rows[0].name,
    childPlaces: centre.rows[0].child_places,
    people: rows.map((r) => summary(r.data, day)),
  };
}

const contacts = (list: MemberData['guardians']) =>
  (list ?? []).map((c) => ({ name: c.name, relation: c.relation, phone: c.phone ?? null }));

/** One person's record for `role`: a viewer's has the sensitive fields removed and named. */
export async function personRecord(
  db: Queryable,
  id: string,
  role: DistrictRole,
  day: string,
): Promise<PersonRecord | null> {
  const { rows } = await db.query<{ data: MemberData; centre_name: string }>(
    `SELECT d.data, c.name AS centre_name FROM documents d JOIN centres c ON c.id = d.centre_id
      WHERE d.collection = 'members' AND d.id = $1 AND NOT d.deleted
        AND coalesce(d.data->>'status', 'active') <> 'erased'`,
    [id],
  );
  const row = rows[0];
  if (!row) return null;
  const m = row.data;
  const base = {
    ...summary(m, day),
    centreId: m.centreId,
    centreName: row.centre_name,
    abilityLevel: m.abilityLevel ?? null,
    diets: m.diets ?? [],
  };
  if (role !== 'admin') return { ...base, withheld: [...SENSITIVE_PERSON_FIELDS] };
  return {
    ...base,
    withheld: [],
    idNumber: m.idNumber ?? null,
    birthDate: m.birthDate ?? null,
    phone: m.phone ?? null,
    healthNotes: m.healthNotes ?? null,
    chronicConditions: m.chronicConditions ?? [],
    allergies: m.allergies ?? [],
    note: m.note ?? null,
    guardians: contacts(m.guardians),
    emergencyContacts: contacts(m.emergencyContacts),
    // Names and relations only: the pick-up photos stay on the desk.
    pickupAdults: contacts(m.pickupAdults),
  };
}
