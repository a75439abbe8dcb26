import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachBackend } from '../testing/backends';
import { makeConsent, makeMember, wire } from '../testing/docs';
import { startTestDistrict, type TestDistrict } from '../testing/harness';
import { listActions } from './actionLog';
import { ageOn, SENSITIVE_PERSON_FIELDS } from './people';
import { adminAndViewer, staffClient, TEST_SCRYPT_PARAMS, type StaffClient } from './testing';
import type { CentrePeopleResponse, DistrictApiError, PersonRecord } from './types';

const ID_NUMBER = '110101195003041234';
const HEALTH = '高血压，每日服药';
const GUARDIAN_PHONE = '13912345678';

describe('ageOn', () => {
  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('1950-03-04', '2026-03-03')).toBe(75);
    expect(ageOn('1950-03-04', '2026-03-04')).toBe(76);
    expect(ageOn(undefined, '2026-03-04')).toBeNull();
  });
});

forEachBackend((backend) => {
  let d: TestDistrict;
  let centre: string;
  let admin: StaffClient;
  let viewer: StaffClient;
  const elder = makeMember('sunrise', {
    name: '王秀英',
    kind: 'elder',
    birthDate: '1949-12-31',
    idNumber: ID_NUMBER,
    phone: '13800138000',
    healthNotes: HEALTH,
    chronicConditions: ['高血压'],
    categories: ['livingAlone', 'dibao'],
    subsidyCategory: 'age70',
  });
  const child = makeMember('sunrise', {
    name: '李小明',
    kind: 'child',
    birthDate: '2024-05-01',
    childClass: 'toddler',
    guardians: [{ id: 'g1', name: '李妈妈', relation: 'mother', phone: GUARDIAN_PHONE }],
  });
  const erased = makeMember('sunrise', { name: '已删除', status: 'erased' });
  // A duplicate of 王秀英 two desks registered offline, merged into her record by the manager.
  const merged = makeMember('sunrise', {
    name: '王秀英',
    kind: 'elder',
    birthDate: '1949-12-31',
    idNumber: ID_NUMBER,
    status: 'merged',
    mergedInto: elder.id,
  });
  // Registered before consents were asked for: the district counts her, and no more.
  const unasked = makeMember('sunrise', {
    name: '赵桂芝',
    kind: 'elder',
    idNumber: '110101194001010028',
    phone: '13700137000',
  });
  // Shares with the district, but never consented to her ID number or health data being used.
  const sharesOnly = makeMember('sunrise', {
    name: '钱玉兰',
    kind: 'elder',
    idNumber: '110101194502020046',
    healthNotes: '糖尿病',
    chronicConditions: ['糖尿病'],
    phone: '13600136000',
  });
  const consents = [
    ...(['districtSharing', 'idNumber', 'health'] as const).map((scope) =>
      makeConsent('sunrise', elder.id, scope),
    ),
    ...(['childData', 'districtSharing'] as const).map((scope) =>
      makeConsent('sunrise', child.id, scope, { givenBy: '李妈妈', relation: 'mother' }),
    ),
    makeConsent('sunrise', sharesOnly.id, 'districtSharing'),
    makeConsent('sunrise', merged.id, 'districtSharing'),
    makeConsent('sunrise', sharesOnly.id, 'idNumber', { withdrawnOn: '2026-02-01' }),
  ];

  beforeAll(async () => {
    d = await startTestDistrict({ ...backend, dashboard: { scryptParams: TEST_SCRYPT_PARAMS } });
    centre = await d.createCentre('阳光中心', 'sunrise');
    const desk = await d.enrolDevice(centre);
    await d.client(desk.token).batch({
      pushes: {
        consents: consents.map((c) => ({ newDocumentState: wire(c) })),
        members: [elder, child, erased, merged, unasked, sharesOnly].map((m) => ({
          newDocumentState: wire(m),
        })),
      },
    });
    ({ admin, viewer } = await adminAndViewer(d.db, d.url));
  });
  afterAll(async () => {
    await d?.close();
  });

  it("lists a centre's people with name, kind, categories and age, and nothing sensitive, for either role", async () => {
    for (const client of [admin, viewer]) {
      const res = await client.request<CentrePeopleResponse>('GET', `/centres/${centre}/people`);
      expect(res.status).toBe(200);
      expect(res.body.centreName).toBe('阳光中心');
      expect(res.body.people.map((p) => [p.name, p.kind])).toEqual([
        ['李小明', 'child'],
        ['王秀英', 'elder'],
        ['钱玉兰', 'elder'],
      ]);
      const wang = res.body.people.find((p) => p.name === '王秀英')!;
      expect(wang.categories).toEqual(['livingAlone', 'dibao']);
      expect(wang.age).toBeGreaterThanOrEqual(76);
      const text = JSON.stringify(res.body);
      for (const secret of [ID_NUMBER, HEALTH, GUARDIAN_PHONE, '1949-12-31', '13800138000'])
        expect(text).not.toContain(secret);
    }
    const unknown = await viewer.request<DistrictApiError>('GET', '/centres/nowhere/people');
    expect(unknown.status).toBe(404);
  });

  it('neither lists nor opens a record merged into another: one person is counted once', async () => {
    const res = await admin.request<CentrePeopleResponse>('GET', `/centres/${centre}/people`);
    expect(res.body.people.filter((p) => p.name === '王秀英').map((p) => p.id)).toEqual([elder.id]);
    expect((await admin.request('GET', `/people/${merged.id}`)).status).toBe(404);
  });

  it('gives an admin the whole record, a viewer the record without its sensitive fields (named), and logs each view', async () => {
    const full = await admin.request<PersonRecord>('GET', `/people/${elder.id}`);
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({
      name: '王秀英',
      centreName: '阳光中心',
      idNumber: ID_NUMBER,
      healthNotes: HEALTH,
      chronicConditions: ['高血压'],
      withheld: [],
    });
    const guardians = await admin.request<PersonRecord>('GET', `/people/${child.id}`);
    expect(guardians.body.guardians).toEqual([
      { name: '李妈妈', relation: 'mother', phone: GUARDIAN_PHONE },
    ]);

    for (const person of [elder, child]) {
      const seen = await viewer.request<PersonRecord>('GET', `/people/${person.id}`);
      expect(seen.status).toBe(200);
      expect(seen.body.name).toBe(person.name);
      expect(seen.body.withheld).toEqual([...SENSITIVE_PERSON_FIELDS]);
      for (const field of SENSITIVE_PERSON_FIELDS) expect(seen.body).not.toHaveProperty(field);
      const text = JSON.stringify(seen.body);
      for (const secret of [ID_NUMBER, HEALTH, GUARDIAN_PHONE, '李妈妈']) {
        expect(text).not.toContain(secret);
      }
    }

    const views = (await listActions(d.db, 10)).filter((a) => a.action === 'person.view');
    expect(views.map((a) => [a.actor, a.target, a.details?.centreId])).toEqual([
      ['li', child.id, centre],
      ['li', elder.id, centre],
      ['wang', child.id, centre],
      ['wang', elder.id, centre],
    ]);
  });

  it('lists only the people who consented to sharing with the district, and counts the others', async () => {
    for (const client of [admin, viewer]) {
      const res = await client.request<CentrePeopleResponse>('GET', `/centres/${centre}/people`);
      expect(res.body.people.map((p) => p.name)).not.toContain('赵桂芝');
      expect(res.body.notShared).toEqual({ elders: 1, children: 0 });
      expect(JSON.stringify(res.body)).not.toMatch(/赵桂芝|110101194001010028|13700137000/);
      expect((await client.request('GET', `/people/${unasked.id}`)).status).toBe(404);
    }
  });

  it('shows no one a field whose consent does not stand, and says which', async () => {
    const seen = await admin.request<PersonRecord>('GET', `/people/${sharesOnly.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ name: '钱玉兰', phone: '13600136000' });
    expect(seen.body.notConsented).toEqual(['idNumber', 'healthNotes', 'chronicConditions']);
    for (const field of seen.body.notConsented) expect(seen.body).not.toHaveProperty(field);
    expect(JSON.stringify(seen.body)).not.toMatch(/110101194502020046|糖尿病/);
  });

  it('answers 404 for an erased or unknown person, and 401 without a session', async () => {
    expect((await admin.request('GET', `/people/${erased.id}`)).status).toBe(404);
    expect((await admin.request('GET', '/people/nobody')).status).toBe(404);
    const stranger = staffClient(d.url);
    expect((await stranger.request('GET', `/people/${elder.id}`)).status).toBe(401);
    expect((await stranger.request('GET', `/centres/${centre}/people`)).status).toBe(401);
  });
});
