import { describe, expect, it } from 'vitest';
import { formatHlc } from '../hlc';
import type { MemberDoc } from '../schemas';
import type { ConsentScope } from '../schemas/consents';
import { countsOnly, forDistrict, NOT_SHARED, personOf, withLocalFields } from './districtShare';

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

const NONE = new Set<ConsentScope>();
const scopes = (...list: ConsentScope[]) => new Set<ConsentScope>(list);

describe('forDistrict without consent to sharing: counts only', () => {
  it("keeps of a person's record what the district's figures read, and nothing that says who they are", () => {
    const copy = forDistrict('members', { ...grandma, _deleted: false }, NONE);
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
    const visit = forDistrict(
      'visits',
      {
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
      },
      NONE,
    );
    expect(visit).toEqual({
      ...base('v1'),
      kind: 'visit',
      memberId: 'm1',
      visitKind: 'home',
      at: '2026-03-02T09:00:00.000Z',
      visitedBy: 'staff-2',
      reached: true,
    });
    const check = forDistrict(
      'health',
      {
        ...base('h1'),
        kind: 'morning',
        memberId: 'k1',
        day: '2026-03-02',
        temperature: 38.2,
        symptoms: ['fever'],
        medicine: { name: '退烧药', dose: '5ml', handedInBy: '李建国' },
      },
      NONE,
    );
    expect(text(check)).not.toMatch(/38\.2|退烧药|李建国/);
    // The symptom group stays: the district counts outbreaks across centres (its legal duty).
    expect(check).toMatchObject({
      kind: 'morning',
      memberId: 'k1',
      day: '2026-03-02',
      symptoms: ['fever'],
    });
    const absence = forDistrict(
      'absences',
      {
        ...base('ab1'),
        memberId: 'k1',
        day: '2026-03-02',
        reason: 'illness',
        illness: {
          onset: '2026-03-01',
          symptoms: ['rash', 'fever'],
          doctorSeen: true,
          diagnosis: '手足口病',
        },
        followUps: [{ at: '2026-03-02T08:00:00.000Z', by: 's1', note: '奶奶说已退烧' }],
      },
      NONE,
    );
    expect(text(absence)).not.toMatch(/手足口病|奶奶/);
    expect(absence).toMatchObject({
      reason: 'illness',
      illness: { onset: '2026-03-01', symptoms: ['rash', 'fever'], doctorSeen: true },
    });
    const consent = forDistrict(
      'consents',
      {
        ...base('c1'),
        memberId: 'm1',
        givenBy: '王芳',
        relation: '女儿',
        scopes: ['health'],
        givenOn: '2026-03-01',
        withdrawnOn: '2026-03-05',
      },
      NONE,
    );
    expect(consent).toMatchObject({
      givenBy: NOT_SHARED,
      scopes: ['health'],
      withdrawnOn: '2026-03-05',
    });
    const visitIn = forDistrict(
      'attendance',
      {
        ...base('a1'),
        memberId: 'k1',
        day: '2026-03-02',
        status: 'out',
        checkInAt: '2026-03-02T00:30:00.000Z',
        pickup: { name: '李奶奶', relation: '奶奶' },
        corrections: [{ at: 'x', by: 'staff-1', field: 'checkOutAt', reason: '李奶奶说晚接了' }],
      },
      NONE,
    );
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
    const copy = forDistrict('auditLog', { ...entry, reason: '王芳代为撤回' }, NONE);
    for (const secret of [...SECRETS, '王芳']) expect(text(copy)).not.toContain(secret);
    expect(copy.data).toEqual(countsOnly('members', grandma));
    expect(copy).toMatchObject({ action: 'sync.conflictLost', subjectId: 'm1' });
    const staffShift = {
      ...base('a2'),
      memberId: 'staff-1',
      personKind: 'staff',
      day: '2026-03-02',
    };
    expect(forDistrict('attendance', staffShift, NONE)).toBe(staffShift);
    const menu = { ...base('menu'), kind: 'menu', day: '2026-03-02', dishes: [{ name: '米饭' }] };
    expect(forDistrict('meals', menu, NONE)).toBe(menu);
  });

  it('is idempotent', () => {
    const once = forDistrict('members', grandma, NONE);
    expect(forDistrict('members', once, NONE)).toEqual(once);
  });
});

describe('forDistrict with consent to sharing', () => {
  const photo = 'data:image/jpeg;base64,AAAA';
  const child: MemberDoc = {
    ...grandma,
    kind: 'child',
    birthDate: '2024-03-01',
    pickupAdults: [{ id: 'p1', name: '李建国', relation: '父亲', photo }],
  };

  it('holds the whole record, less what another purpose covers and was not consented to', () => {
    const all = scopes('districtSharing', 'idNumber', 'health', 'photo');
    expect(forDistrict('members', child, all)).toEqual(child);
    const shared = forDistrict('members', child, scopes('districtSharing'));
    expect(shared).toMatchObject({ name: '王秀英', phone: '13800138000', cardNo: '12345678' });
    expect(shared.idNumber).toBeUndefined();
    expect(shared.healthNotes).toBeUndefined();
    expect(shared.chronicConditions).toBeUndefined();
    expect(shared.pickupAdults).toEqual([{ id: 'p1', name: '李建国', relation: '父亲' }]);
  });

  it('counts the health records only without the health consent', () => {
    const bp = {
      ...base('b1'),
      kind: 'bloodPressure',
      memberId: 'm1',
      day: '2026-03-02',
      systolic: 150,
    };
    expect(forDistrict('care', bp, scopes('districtSharing', 'health'))).toEqual(bp);
    expect(forDistrict('care', bp, scopes('districtSharing'))).toEqual(countsOnly('care', bp));
    const meal = {
      ...base('s1'),
      kind: 'serving',
      memberId: 'm1',
      day: '2026-03-02',
      mealType: 'lunch',
    };
    expect(forDistrict('meals', meal, scopes('districtSharing'))).toEqual(meal);
  });
});

describe('a correction in the audit log (person.correct), for the district', () => {
  const correction = {
    ...base('a1'),
    action: 'person.correct',
    subjectCollection: 'members',
    subjectId: 'm1',
    fields: ['name', 'idNumber', 'healthNotes'],
    reason: '本人告知',
    data: {
      changes: [
        { field: 'name', before: '王秀英', after: '王秀云' },
        { field: 'idNumber', before: null, after: '110101194912310021' },
        { field: 'healthNotes', before: '高血压', after: '高血压，糖尿病' },
      ],
    },
  };

  it('holds each before and after only where the consents cover that field', () => {
    const shared = forDistrict('auditLog', correction, scopes('districtSharing'));
    expect(shared.data).toEqual({
      changes: [{ field: 'name', before: '王秀英', after: '王秀云' }],
    });
    expect(
      forDistrict('auditLog', correction, scopes('districtSharing', 'idNumber', 'health')),
    ).toEqual(correction);
  });

  it('holds no value and no reason without consent to sharing', () => {
    const counted = forDistrict('auditLog', correction, NONE);
    for (const secret of ['王秀英', '王秀云', '110101194912310021', '高血压', '本人告知'])
      expect(text(counted)).not.toContain(secret);
    expect(countsOnly('auditLog', counted)).toEqual(counted);
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
  it('keeps what the desk knew of a record another desk changed, of which the district counts only', () => {
    const visit = {
      ...base('v1'),
      kind: 'visit',
      memberId: 'm1',
      reached: true,
      followUp: '联系女儿',
    };
    const edited = { ...countsOnly('visits', visit), updatedAt: at(2000, 'deskb'), reached: false };
    expect(withLocalFields('visits', edited, visit)).toEqual({ ...edited, followUp: '联系女儿' });
  });

  const local = { ...grandma };

  it("keeps the desk's own version when the district's copy of it comes back", () => {
    const echo = { ...countsOnly('members', local), _deleted: false };
    expect(withLocalFields('members', echo, local)).toEqual({ ...local, _deleted: false });
    const visit = { ...base('v1'), kind: 'visit', memberId: 'm1', followUp: '联系女儿' };
    const visitEcho = { ...countsOnly('visits', visit), _deleted: false };
    expect(withLocalFields('visits', visitEcho, visit)).toEqual({ ...visit, _deleted: false });
  });

  it("takes another desk's later version of the record and keeps what only the desks know", () => {
    const left = {
      ...countsOnly('members', local),
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
    const byDistrict = { ...countsOnly('members', local), updatedAt: at(3000, 'district') };
    expect(withLocalFields('members', byDistrict, local)).toBe(byDistrict);
    const copy = countsOnly('members', local);
    const later = { ...copy, status: 'left', updatedAt: at(2000, 'deskb') };
    expect(withLocalFields('members', later, copy)).toBe(later);
    expect(withLocalFields('members', later, null)).toBe(later);
    // A withdrawal on another desk cleared the ID number: the person's record says so here too.
    const cleared: Partial<MemberDoc> = { ...local, updatedAt: at(2000, 'deskb') };
    delete cleared.idNumber;
    expect(withLocalFields('members', cleared, local)).toBe(cleared);
  });
});
