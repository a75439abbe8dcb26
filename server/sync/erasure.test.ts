/**
 * Erasure at the district (server/sync/erasure.ts), on PGlite and PostgreSQL: once a desk's erasure
 * of a person reaches the district, no table of its database holds anything the erasure removed —
 * not the document, not its history, not the records about the person, not the conflict copies in
 * the audit log — while the monthly report keeps every count.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HybridClock } from '../../shared/hlc';
import { newId } from '../../shared/ids';
import { erasedMember } from '../../shared/rules/erasure';
import type {
  AbsenceDoc,
  ActivityDoc,
  AttendanceDoc,
  AuditLogDoc,
  CareDoc,
  ConsentDoc,
  HealthDoc,
  MealDoc,
  MemberDoc,
  VisitDoc,
} from '../../shared/schemas';
import { listingId } from '../../shared/schemas/visits';
import type { WireDoc } from '../../shared/sync/protocol';
import { monthlyReport } from '../district/reports';
import { forEachBackend } from '../testing/backends';
import { wire } from '../testing/docs';
import { dumpDatabase } from '../testing/dump';
import { startTestDistrict, type SyncClient, type TestDistrict } from '../testing/harness';

const C = 'c-erase';
const clock = new HybridClock('erasedesk');
const base = (id = newId()) => ({
  id,
  centreId: C,
  createdAt: '2026-10-01T00:00:00.000Z',
  updatedAt: clock.tick(),
  updatedBy: 'staff-1',
});
/** 10:00 in Shanghai on a day, as the desk stores instants. */
const at10 = (day: string) => `${day}T02:00:00.000Z`;

// ---- the child to erase, two versions of their record, and the records about them ----
const childV1: MemberDoc = {
  ...base(),
  kind: 'child',
  name: '李小满',
  pinyin: 'lixiaoman',
  initials: 'lxm',
  gender: 'M',
  birthDate: '2023-05-17',
  idNumber: '11010520230517003X',
  phone: '13800138000',
  cardNo: '87654321',
  status: 'active',
  note: '对芒果过敏，午睡需要小毯子',
  allergies: ['芒果'],
  healthNotes: '先天性心脏病术后',
  childClass: 'older',
  guardians: [{ id: 'g1', name: '李建国', relation: '父亲', phone: '13912345678' }],
  pickupAdults: [{ id: 'p1', name: '赵桂芝', relation: '外婆', phone: '13611112222' }],
  emergencyContacts: [{ id: 'e1', name: '李建华', relation: '叔叔', phone: '13322223333' }],
  vaccinationCheckedOn: '2026-09-01',
  vaccinationCheckedBy: 'staff-1',
};
const childV2: MemberDoc = { ...childV1, phone: '13800138999', updatedAt: clock.tick() };
const child = childV1.id;

const pickedUp: AttendanceDoc = {
  ...base(),
  memberId: child,
  personKind: 'member',
  day: '2026-10-12',
  status: 'out',
  checkInAt: at10('2026-10-12'),
  checkOutAt: '2026-10-12T09:30:00.000Z',
  checkInBy: 'staff-1',
  checkOutBy: 'staff-1',
  pickup: {
    name: '赵桂芝',
    relation: '外婆',
    override: { managerId: 'staff-9', reason: '外婆赵桂芝来接，已电话核实', phone: '13611112222' },
  },
  corrections: [
    {
      at: '2026-10-12T10:00:00.000Z',
      by: 'staff-1',
      field: 'checkOutAt',
      from: '2026-10-12T09:00:00.000Z',
      to: '2026-10-12T09:30:00.000Z',
      reason: '外婆晚到半小时',
    },
  ],
};
const came: AttendanceDoc = {
  ...base(),
  memberId: child,
  day: '2026-10-13',
  status: 'out',
  checkInAt: at10('2026-10-13'),
  checkOutAt: '2026-10-13T09:00:00.000Z',
};
const check: HealthDoc = {
  ...base(),
  kind: 'morningCheck',
  memberId: child,
  day: '2026-10-13',
  at: at10('2026-10-13'),
  by: 'staff-2',
  temperature: 38.2,
  symptoms: ['cough'],
  observations: ['throatRed'],
  medicine: { name: '小儿布洛芬混悬液', dose: '5ml', handedInBy: '李建国' },
  outcome: 'sentHome',
  note: '咳嗽两天，家长已知',
};
const absence: AbsenceDoc = {
  ...base(),
  memberId: child,
  day: '2026-10-14',
  reason: 'illness',
  illness: {
    onset: '2026-10-13',
    symptoms: ['fever'],
    doctorSeen: true,
    diagnosis: '疱疹性咽峡炎',
  },
  followUps: [{ at: at10('2026-10-15'), by: 'staff-1', note: '电话随访，体温已退' }],
  recordedBy: 'staff-1',
};
const consent: ConsentDoc = {
  ...base(),
  memberId: child,
  givenBy: '李建国',
  relation: '父亲',
  // Everything shared, so the district holds every value before the erasure (consent.ts).
  scopes: ['childData', 'idNumber', 'health', 'photo', 'districtSharing'],
  givenOn: '2026-09-01',
};
/** The elders share their data with the district too. */
const sharing = (memberId: string): ConsentDoc => ({
  ...base(),
  memberId,
  givenBy: '本人',
  relation: 'self',
  scopes: ['idNumber', 'health', 'photo', 'districtSharing'],
  givenOn: '2026-09-01',
});
const lunch: MealDoc = {
  ...base(),
  kind: 'serving',
  day: '2026-10-12',
  mealType: 'lunch',
  memberId: child,
  mode: 'dineIn',
  servedAt: '2026-10-12T04:00:00.000Z',
  servedBy: 'staff-3',
  confirmedWarnings: [{ kind: 'allergy', dish: '水果拼盘', about: '芒果（轻度皮疹）' }],
};
const craft: ActivityDoc = {
  ...base(),
  kind: 'attendance',
  planId: 'plan-craft',
  date: '2026-10-12',
  memberId: child,
  present: true,
  note: '手工课上很专注',
  recordedAt: at10('2026-10-12'),
  recordedBy: 'staff-1',
};

// ---- the elder to erase ----
const elderDoc: MemberDoc = {
  ...base(),
  kind: 'elder',
  name: '王秀英',
  pinyin: 'wangxiuying',
  initials: 'wxy',
  gender: 'F',
  birthDate: '1940-05-01',
  idNumber: '110105194005010027',
  phone: '13500001111',
  status: 'active',
  healthNotes: '高血压二十年',
  chronicConditions: ['糖尿病'],
  categories: ['livingAlone'],
  emergencyContacts: [{ id: 'e2', name: '王建军', relation: '儿子', phone: '13700002222' }],
};
const elder = elderDoc.id;
const fall: CareDoc = {
  ...base(),
  kind: 'incident',
  memberId: elder,
  day: '2026-10-15',
  at: at10('2026-10-15'),
  by: 'staff-2',
  incidentKind: 'fall',
  happened: '在浴室滑倒，左腕疼痛',
  actionTaken: '送镇卫生院拍片',
  followUps: [{ at: at10('2026-10-16'), by: 'staff-2', note: '骨裂，石膏固定四周' }],
};
const pressure: CareDoc = {
  ...base(),
  kind: 'bloodPressure',
  memberId: elder,
  day: '2026-10-15',
  at: at10('2026-10-15'),
  by: 'staff-2',
  systolic: 187,
  diastolic: 113,
  pulse: 97,
  note: '晨起头晕眼花',
};
// Off the visit list before the month: the report's completion rate leaves an erased elder out
// (as the desk does), and this elder counts nowhere there either way.
const listing: VisitDoc = {
  ...base(listingId(elder)),
  kind: 'listing',
  memberId: elder,
  risk: 'high',
  listedOn: '2026-01-05',
  offListOn: '2026-09-01',
  riskHistory: [{ risk: 'high', from: '2026-01-05', by: 'staff-1' }],
};
const homeVisit: VisitDoc = {
  ...base(),
  kind: 'visit',
  memberId: elder,
  visitKind: 'home',
  at: at10('2026-10-16'),
  visitedBy: 'staff-1',
  reached: true,
  livingConditions: '独居，屋内潮湿',
  safetyRisks: '燃气灶无熄火保护',
  familySupport: '儿子在外地打工',
  nextDueOn: '2026-10-23',
};
const elderCame: AttendanceDoc = {
  ...base(),
  memberId: elder,
  day: '2026-10-15',
  status: 'out',
  checkInAt: at10('2026-10-15'),
  checkOutAt: '2026-10-15T08:00:00.000Z',
};

// ---- someone who stays: their data must stay too ----
const keeper: MemberDoc = {
  ...base(),
  kind: 'elder',
  name: '张德厚',
  pinyin: 'zhangdehou',
  initials: 'zdh',
  gender: 'M',
  birthDate: '1938-02-02',
  idNumber: '110105193802020011',
  status: 'active',
  healthNotes: '听力较差',
};
const keeperCare: CareDoc = {
  ...base(),
  kind: 'incident',
  memberId: keeper.id,
  day: '2026-10-15',
  at: at10('2026-10-15'),
  by: 'staff-2',
  incidentKind: 'other',
  happened: '午饭后散步时头晕，休息后好转',
};
const keeperCame: AttendanceDoc = {
  ...base(),
  memberId: keeper.id,
  day: '2026-10-15',
  status: 'out',
  checkInAt: at10('2026-10-15'),
  checkOutAt: '2026-10-15T08:00:00.000Z',
};

// ---- the audit log: conflict copies and entries about them ----
const audit = (entry: Omit<AuditLogDoc, keyof ReturnType<typeof base>>): AuditLogDoc => ({
  ...base(),
  at: '2026-10-20T02:00:00.000Z',
  ...entry,
});
const auditEntries: AuditLogDoc[] = [
  audit({
    action: 'sync.conflictLost',
    subjectCollection: 'members',
    subjectId: child,
    data: { ...childV1, note: '冲突中丢失的备注：奶奶周末来接' },
    winnerUpdatedAt: childV2.updatedAt,
  }),
  audit({
    action: 'sync.conflictLost',
    subjectCollection: 'care',
    subjectId: fall.id,
    data: { ...fall, happened: '浴室摔倒（初稿）' },
    winnerUpdatedAt: fall.updatedAt,
  }),
  audit({
    action: 'override.pickup',
    subjectCollection: 'attendance',
    subjectId: pickedUp.id,
    reason: '外婆赵桂芝来接，已电话核实',
    staffId: 'staff-9',
  }),
  audit({
    action: 'sensitive.view',
    subjectCollection: 'members',
    subjectId: child,
    fields: ['guardians'],
    staffId: 'staff-9',
  }),
  audit({
    action: 'sync.conflictLost',
    subjectCollection: 'members',
    subjectId: keeper.id,
    data: { ...keeper, note: '张德厚的旧备注' },
    winnerUpdatedAt: keeper.updatedAt,
  }),
];

/** Every value the erasure must remove, wherever it was written. */
const ERASED = [
  // the child, their family and their records
  '李小满',
  'lixiaoman',
  '11010520230517003X',
  '13800138000',
  '13800138999',
  '87654321',
  '对芒果过敏',
  '先天性心脏病',
  '李建国',
  '13912345678',
  '赵桂芝',
  '13611112222',
  '李建华',
  '13322223333',
  '外婆晚到',
  '布洛芬',
  '咳嗽两天',
  '疱疹性咽峡炎',
  '体温已退',
  '轻度皮疹',
  '手工课',
  '奶奶周末来接',
  // the elder, their family and their records
  '王秀英',
  'wangxiuying',
  '110105194005010027',
  '13500001111',
  '高血压二十年',
  '糖尿病',
  '王建军',
  '13700002222',
  '浴室',
  '送镇卫生院',
  '石膏固定',
  '晨起头晕',
  '屋内潮湿',
  '燃气灶',
  '外地打工',
];
/** What the erasure must not touch: the person who stays. */
const KEPT = ['张德厚', '110105193802020011', '听力较差', '休息后好转', '张德厚的旧备注'];

const found = (text: string, values: string[]) => values.filter((v) => text.includes(v));

forEachBackend((backend) => {
  let d: TestDistrict;
  let desk: SyncClient;
  let deviceId: string;

  beforeAll(async () => {
    d = await startTestDistrict(backend);
    await d.createCentre('东城老幼共托中心', C);
    const device = await d.enrolDevice(C, '前台');
    desk = d.client(device.token);
    deviceId = device.deviceId;
    const fresh = (docs: { id: string }[]) =>
      docs.map((doc) => ({ assumedMasterState: null, newDocumentState: wire(doc) }));
    await desk.batch({
      pushes: {
        members: fresh([childV1, elderDoc, keeper]),
        attendance: fresh([pickedUp, came, elderCame, keeperCame]),
        health: fresh([check]),
        absences: fresh([absence]),
        consents: fresh([consent, sharing(elderDoc.id), sharing(keeper.id)]),
        meals: fresh([lunch]),
        activities: fresh([craft]),
        care: fresh([fall, pressure, keeperCare]),
        visits: fresh([listing, homeVisit]),
        auditLog: fresh(auditEntries),
      },
      pulls: {},
    });
    await desk.push('members', [
      { assumedMasterState: wire(childV1), newDocumentState: wire(childV2) },
    ]);
  });
  afterAll(async () => {
    await d?.close();
  });

  const report = () => monthlyReport(d.db, { month: '2026-10', today: '2026-11-20' });

  it('erases a person from every table — versions, related records, conflict copies — keeping the report', async () => {
    const before = await dumpDatabase(d.db);
    // The dump sees every value while the people are there (so its silence below means something).
    expect(found(before.text, ERASED)).toEqual(ERASED);
    expect(found(before.text, KEPT)).toEqual(KEPT);
    const reportBefore = await report();
    expect(reportBefore.district.attendance).toMatchObject({ elders: 2, children: 1 });

    const erase = (doc: MemberDoc): WireDoc =>
      wire({ ...erasedMember(doc), updatedAt: clock.tick(), updatedBy: 'staff-9' });
    expect(
      await desk.push('members', [
        { assumedMasterState: wire(childV2), newDocumentState: erase(childV2) },
        { assumedMasterState: wire(elderDoc), newDocumentState: erase(elderDoc) },
      ]),
    ).toEqual([]);

    const after = await dumpDatabase(d.db);
    expect(after.tables).toEqual(
      expect.arrayContaining(['documents', 'document_versions', 'district_action_log']),
    );
    expect(found(after.text, ERASED)).toEqual([]);
    expect(found(after.text, KEPT)).toEqual(KEPT);

    // Every count of the month is as it was.
    expect(await report()).toEqual(reportBefore);

    // The records stay, about the shell, with what is counted; the desks get them by sync.
    const { documents } = await desk.pull('attendance', { checkpoint: null, batchSize: 100 });
    expect(documents.find((doc) => doc.id === pickedUp.id)).toMatchObject({
      memberId: child,
      day: '2026-10-12',
      status: 'out',
      corrections: [expect.objectContaining({ field: 'checkOutAt', reason: '（已删除）' })],
    });
    expect(documents.find((doc) => doc.id === pickedUp.id)).not.toHaveProperty('pickup');
    const members = await desk.pull('members', { checkpoint: null, batchSize: 100 });
    expect(members.documents.find((m) => m.id === child)).toEqual({
      id: child,
      centreId: C,
      createdAt: childV1.createdAt,
      updatedAt: expect.any(String),
      updatedBy: 'staff-9',
      kind: 'child',
      gender: 'M',
      birthDate: '2023-01-01',
      name: '（已删除）',
      pinyin: '',
      initials: '',
      status: 'erased',
      _deleted: false,
    });
    // The history is there (a version per write), scrubbed.
    const history = await d.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM document_versions WHERE collection = 'members' AND id = $1`,
      [child],
    );
    expect(history.rows[0]!.n).toBe(3);

    // The erasure is logged, by whom and how much, without what was erased.
    const log = await d.db.query<{ actor: string; target: string; details: object }>(
      `SELECT actor, target, details FROM district_action_log WHERE action = 'person.erase' ORDER BY target`,
    );
    expect(log.rows).toEqual(
      [child, elder].sort().map((target) => ({
        actor: `device:${deviceId}`,
        target,
        details: expect.objectContaining({ centreId: C, records: expect.any(Number) }),
      })),
    );
  });

  it('scrubs what arrives about an erased person later, and refuses to bring them back', async () => {
    // A desk that was offline: a health check, a conflict copy and an edit of the record.
    const lateCheck: HealthDoc = { ...check, ...base(), note: '又发烧了，李建国接走' };
    const lateCopy = audit({
      action: 'sync.conflictLost',
      subjectCollection: 'members',
      subjectId: child,
      data: { ...childV2 },
      winnerUpdatedAt: childV2.updatedAt,
    });
    const lateEdit: MemberDoc = { ...childV2, note: '离线时写的备注', updatedAt: clock.tick() };
    const answer = await desk.batch({
      pushes: {
        health: [{ assumedMasterState: null, newDocumentState: wire(lateCheck) }],
        auditLog: [{ assumedMasterState: null, newDocumentState: wire(lateCopy) }],
        members: [{ assumedMasterState: wire(childV2), newDocumentState: wire(lateEdit) }],
      },
      pulls: {},
    });
    // The edit is answered with the erased record, which the desk then keeps.
    expect(answer.pushes.members).toEqual([
      expect.objectContaining({ id: child, status: 'erased', name: '（已删除）' }),
    ]);

    const dump = await dumpDatabase(d.db);
    expect(found(dump.text, [...ERASED, '又发烧了', '离线时写的备注'])).toEqual([]);
    expect(found(dump.text, KEPT)).toEqual(KEPT);
    const { rows } = await d.db.query<{ data: HealthDoc }>(
      `SELECT data FROM documents WHERE collection = 'health' AND id = $1`,
      [lateCheck.id],
    );
    expect(rows[0]!.data).toMatchObject({
      memberId: child,
      day: '2026-10-13',
      kind: 'morningCheck',
    });
    expect(rows[0]!.data).not.toHaveProperty('note');
    // Nothing was logged twice: the person was erased once.
    const log = await d.db.query(
      `SELECT 1 FROM district_action_log WHERE action = 'person.erase' AND target = $1`,
      [child],
    );
    expect(log.rows).toHaveLength(1);
  });
});
