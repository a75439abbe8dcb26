import { describe, expect, it } from 'vitest';
import { formatHlc } from '../hlc';
import type { MemberDoc } from '../schemas';
import { forDistrict, NOT_SHARED, personOf, withLocalFields } from './districtShare';

const at = (ms: number, node = 'deska') => formatHlc({ wallMs: ms, counter: 0, node });
const base = (id: string) => ({
  id,
  centreId: 'c1',
  createdAt: '2026-03-01T08:00:00.000Z',
  updatedAt: at(1000),
  updatedBy: 'staff-1',
});

const grandma: MemberDoc = {
  ...base('m1'),
  kind: 'elder',
  name: '王秀英',
  pinyin: 'wangxiuying',
  initials: 'wxy',
  gender: 'F',
  birthDate: '1949-12-31',
  idNumber: '110101194912310021',
  phone: '13800138000',
  note: '住三楼',
  cardNo: '12345678',
  status: 'active',
  subsidyCategory: 'age70',
  diets: ['lowSalt'],
  allergies: ['花生'],
  healthNotes: '高血压',
  chronicConditions: ['高血压'],
  emergencyContacts: [{ id: 'e1', name: '王芳', relation: '女儿', phone: '13912345678' }],
  categories: ['livingAlone'],
  abilityLevel: 'mild',
  visitRisk: 'high',
};
const SECRETS = [
  '王秀英',
  'wangxiuying',
  '110101194912310021',
  '13800138000',
  '住三楼',
  '12345678',
];
const text = (doc: unknown) => JSON.stringify(doc);

describe('forDistrict', () => {
  it("keeps of a person's record what the district's figures read, and nothing that says who they are", () => {
    const copy = forDistrict('members', { ...grandma, _deleted: false });
    expect(copy).toEqual({
      ...base('m1'),
      _deleted: false,
      kind: 'elder',
      gender: 'F',
      status: 'active',
      categories: ['livingAlone'],
      subsidyCategory: 'age70',
      visitRisk: 'high',
      name: NOT_SHARED,
      pinyin: '',
      initials: '',
      birthDate: '1949-01-01',
    });
    for (const secret of [...SECRETS, '高血压', '花生', '王芳', '1949-12-31'])
      expect(text(copy)).not.toContain(secret);
  });

  it('keeps of the records about a person the day, the kind and the staff, not what they say', () => {
    const visit = forDistrict('visits', {
      ...base('v1'),
      kind: 'visit',
      memberId: 'm1',
      visitKind: 'home',
      at: '2026-03-02T09:00:00.000Z',
      visitedBy: 'staff-2',
      reached: true,
      livingConditions: '独居，屋内潮湿',
      safetyRisks: ['燃气'],
      followUp: '联系女儿',
    });
    expect(visit).toEqual({
      ...base('v1'),
      kind: 'visit',
      memberId: 'm1',
      visitKind: 'home',
      at: '2026-03-02T09:00:00.000Z',
      visitedBy: 'staff-2',
      reached: true,
    });
    const check = forDistrict('health', {
      ...base('h1'),
      kind: 'morning',
      memberId: 'k1',
      day: '2026-03-02',
      temperature: 38.2,
      symptoms: ['fever'],
      medicine: { name: '退烧药', dose: '5ml', handedInBy: '李建国' },
    });
    expect(text(check)).not.toMatch(/38\.2|fever|退烧药|李建国/);
    expect(check).toMatchObject({ kind: 'morning', memberId: 'k1', day: '2026-03-02' });
    const consent = forDistrict('consents', {
      ...base('c1'),
      memberId: 'm1',
      givenBy: '王芳',
      relation: '女儿',
      scopes: ['health'],
      givenOn: '2026-03-01',
      withdrawnOn: '2026-03-05',
    });
    expect(consent).toMatchObject({
      givenBy: NOT_SHARED,
      scopes: ['health'],
      withdrawnOn: '2026-03-05',
    });
    const visitIn = forDistrict('attendance', {
      ...base('a1'),
      memberId: 'k1',
      day: '2026-03-02',
      status: 'out',
      checkInAt: '2026-03-02T00:30:00.000Z',
      pickup: { name: '李奶奶', relation: '奶奶' },
      corrections: [{ at: 'x', by: 'staff-1', field: 'checkOutAt', reason: '李奶奶说晚接了' }],
    });
    expect(text(visitIn)).not.toContain('李奶奶');
    expect(visitIn).toMatchObject({ status: 'out', corrections: [{ field: 'checkOutAt' }] });
  });

  it("copies a lost-conflict copy in the audit log as the record it copies, and leaves others' records alone", () => {
    const entry = {
      ...base('l1'),
      action: 'sync.conflictLost',
      subjectCollection: 'members',
      subjectId: 'm1',
      data: { ...grandma, _rev: '1-abc', _meta: { lwt: 1 } },
    };
    const copy = forDistrict('auditLog', entry);
    for (const secret of SECRETS) expect(text(copy)).not.toContain(secret);
    expect(copy.data).toEqual(forDistrict('members', grandma));
    const staffShift = {
      ...base('a2'),
      memberId: 'staff-1',
      personKind: 'staff',
      day: '2026-03-02',
    };
    expect(forDistrict('attendance', staffShift)).toBe(staffShift);
    const menu = { ...base('menu'), kind: 'menu', day: '2026-03-02', dishes: [{ name: '米饭' }] };
    expect(forDistrict('meals', menu)).toBe(menu);
  });

  it('is idempotent', () => {
    const once = forDistrict('members', grandma);
    expect(forDistrict('members', once)).toEqual(once);
  });
});

describe('personOf', () => {
  it('names the person a record, or an audit entry, is about', () => {
    expect(personOf('members', grandma)).toBe('m1');
    expect(personOf('care', { memberId: 'm1' })).toBe('m1');
    expect(personOf('attendance', { memberId: 'v9', personKind: 'visitor' })).toBeNull();
    expect(personOf('auditLog', { subjectCollection: 'members', subjectId: 'm1' })).toBe('m1');
    expect(
      personOf('auditLog', {
        subjectCollection: 'visits',
        subjectId: 'v1',
        data: { memberId: 'm2' },
      }),
    ).toBe('m2');
    expect(personOf('staff', { id: 's1' })).toBeNull();
  });
});

describe('withLocalFields', () => {
  const local = { ...grandma };

  it("keeps the desk's own version when the district's copy of it comes back", () => {
    const echo = { ...forDistrict('members', local), _deleted: false };
    expect(withLocalFields('members', echo, local)).toEqual({ ...local, _deleted: false });
    const visit = { ...base('v1'), kind: 'visit', memberId: 'm1', followUp: '联系女儿' };
    const visitEcho = { ...forDistrict('visits', visit), _deleted: false };
    expect(withLocalFields('visits', visitEcho, visit)).toEqual({ ...visit, _deleted: false });
  });

  it("takes another desk's later version of the record and keeps what only the desks know", () => {
    const left = {
      ...forDistrict('members', local),
      status: 'left',
      updatedAt: at(2000, 'deskb'),
      _deleted: false,
    };
    expect(withLocalFields('members', left, local)).toEqual({
      ...local,
      status: 'left',
      updatedAt: at(2000, 'deskb'),
      _deleted: false,
    });
  });

  it('takes as they are: full versions, what the district writes itself, and records the desk does not know in full', () => {
    const renamed = { ...local, name: '王秀英二', updatedAt: at(2000, 'deskb'), _deleted: false };
    expect(withLocalFields('members', renamed, local)).toBe(renamed);
    const byDistrict = { ...forDistrict('members', local), updatedAt: at(3000, 'district') };
    expect(withLocalFields('members', byDistrict, local)).toBe(byDistrict);
    const copy = forDistrict('members', local);
    const later = { ...copy, status: 'left', updatedAt: at(2000, 'deskb') };
    expect(withLocalFields('members', later, copy)).toBe(later);
    expect(withLocalFields('members', later, null)).toBe(later);
    // A record about the person changed on another desk is the other desk's version.
    const visit = { ...base('v1'), kind: 'visit', memberId: 'm1', followUp: '联系女儿' };
    const edited = {
      ...forDistrict('visits', visit),
      updatedAt: at(2000, 'deskb'),
      reached: false,
    };
    expect(withLocalFields('visits', edited, visit)).toBe(edited);
  });
});
