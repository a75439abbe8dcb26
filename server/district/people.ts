/**
 * The people of a centre as the district sees them (issue 5, "Privacy"): a list with what the
 * district's work needs (name, elder or child, category, age) and nothing sensitive, and one
 * person's record, whose sensitive fields only an admin gets. A viewer's answer has them removed
 * here, on the server, and says which were withheld; every view of a record is logged by the route.
 *
 * Only what consent allows (docs/DOMAIN.md "Privacy and safety"; shared/rules/consent.ts
 * `districtScopes`): a person without a standing consent to sharing with the district — those
 * registered before consents were asked for among them — is counted, never listed nor shown; of
 * the others, an ID number or health data whose own consent does not stand is shown to no one.
 * That holds whatever the district still stores (what it holds is kept to consent by
 * server/sync/consent.ts).
 */
import { groupBy } from '../../shared/groupBy';
import { districtScopes } from '../../shared/rules/consent';
import type { ConsentDoc } from '../../shared/schemas';
import type { ConsentScope } from '../../shared/schemas/consents';
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

/** The purposes each person's consents let the district act on, of these people or a centre's. */
async function scopesByPerson(
  db: Queryable,
  where: { centreId: string } | { memberId: string },
  day: string,
): Promise<(memberId: string) => Set<ConsentScope>> {
  const { rows } = await db.query<{ data: ConsentDoc }>(
    'centreId' in where
      ? `SELECT data FROM documents WHERE collection = 'consents' AND NOT deleted AND centre_id = $1`
      : `SELECT data FROM documents
          WHERE collection = 'consents' AND NOT deleted AND data->>'memberId' = $1`,
    ['centreId' in where ? where.centreId : where.memberId],
  );
  const byPerson = groupBy(
    rows.map((r) => r.data),
    (c) => c.memberId,
  );
  return (memberId) => districtScopes(byPerson.get(memberId) ?? [], day);
}

/**
 * A centre's people (not erased, merged into another record nor deleted) who share with the district, by name, and how many
 * others there are; `null` when the centre does not exist.
 */
export async function listCentrePeople(
  db: Queryable,
  centreId: string,
  day: string,
): Promise<{
  centreName: string;
  childPlaces: number | null;
  people: PersonSummary[];
  notShared: { elders: number; children: number };
} | null> {
  const centre = await db.query<{ name: string; child_places: number | null }>(
    'SELECT name, child_places FROM centres WHERE id = $1',
    [centreId],
  );
  if (!centre.rows[0]) return null;
  const { rows } = await db.query<{ data: MemberData }>(
    `SELECT data FROM documents
      WHERE collection = 'members' AND centre_id = $1 AND NOT deleted
        AND coalesce(data->>'status', 'active') NOT IN ('erased', 'merged')
      ORDER BY data->>'name', id`,
    [centreId],
  );
  const scopesOf = await scopesByPerson(db, { centreId }, day);
  const people: PersonSummary[] = [];
  const notShared = { elders: 0, children: 0 };
  for (const { data } of rows) {
    if (scopesOf(data.id).has('districtSharing')) people.push(summary(data, day));
    else if (data.kind === 'child') notShared.children++;
    else notShared.elders++;
  }
  return {
    centreName: centre.rows[0].name,
    childPlaces: centre.rows[0].child_places,
    people,
    notShared,
  };
}

const contacts = (list: MemberData['guardians']) =>
  (list ?? []).map((c) => ({ name: c.name, relation: c.relation, phone: c.phone ?? null }));

/** Fields of a person's record each purpose covers, shown only while its consent stands. */
const CONSENTED_FIELDS: [ConsentScope, (keyof PersonRecordFields)[]][] = [
  ['idNumber', ['idNumber']],
  ['health', ['healthNotes', 'chronicConditions']],
];

type PersonRecordFields = Omit<PersonRecord, keyof PersonSummary>;

/**
 * One person's record for `role`, or null (unknown, erased, merged, or not shared with the district): a
 * viewer's has the sensitive fields removed and named; nobody's has a field whose consent does
 * not stand.
 */
export async function personRecord(
  db: Queryable,
  id: string,
  role: DistrictRole,
  day: string,
): Promise<PersonRecord | null> {
  const { rows } = await db.query<{ data: MemberData; centre_name: string }>(
    `SELECT d.data, c.name AS centre_name FROM documents d JOIN centres c ON c.id = d.centre_id
      WHERE d.collection = 'members' AND d.id = $1 AND NOT d.deleted
        AND coalesce(d.data->>'status', 'active') NOT IN ('erased', 'merged')`,
    [id],
  );
  const row = rows[0];
  if (!row) return null;
  const m = row.data;
  const scopes = (await scopesByPerson(db, { memberId: id }, day))(id);
  if (!scopes.has('districtSharing')) return null;
  const notConsented = CONSENTED_FIELDS.filter(([scope]) => !scopes.has(scope)).flatMap(
    ([, fields]) => fields,
  );
  const base = {
    ...summary(m, day),
    centreId: m.centreId,
    centreName: row.centre_name,
    abilityLevel: m.abilityLevel ?? null,
    diets: m.diets ?? [],
    notConsented,
  };
  if (role !== 'admin') return { ...base, withheld: [...SENSITIVE_PERSON_FIELDS] };
  const record: PersonRecord = {
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
  for (const field of notConsented) delete record[field];
  return record;
}
