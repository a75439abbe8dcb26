import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HybridClock } from '../../shared/hlc';
import { newId } from '../../shared/ids';
import { mealClaim, type MealServing } from '../../shared/rules/meals';
import type {
  ActivityDoc,
  CareDoc,
  DistrictDoc,
  MealDoc,
  MemberDoc,
  VisitDoc,
} from '../../shared/schemas';
import { DISTRICT_CENTRE_ID, DISTRICT_RULES_ID } from '../../shared/schemas';
import { listingId } from '../../shared/schemas/visits';
import type { PushGroup } from '../sync/service';
import { forEachBackend } from '../testing/backends';
import { makeAttendance, makeMember, wire } from '../testing/docs';
import { seedDistrictScale } from '../testing/districtScale';
import { startTestDistrict, type TestDistrict } from '../testing/harness';
import { CHILD_PLACES_MISSING, childPlacesPartial, isReportMonth, monthlyReport } from './reports';
import { noPaper } from './paperReport';
import { REPORT_COLUMNS } from './reportSheet';
import { addStaff, staffClient, TEST_SCRYPT_PARAMS, type StaffClient } from './testing';
import type {
  CentreInfo,
  CentrePeopleResponse,
  DistrictApiError,
  MonthlyReportResponse,
  OverviewResponse,
  ReportFigures,
} from './types';

/*
 * A hand-worked month (October 2026) at two centres, 东城 (A) and 西城 (B), and an empty third
 * (南城, C). Every expected figure below is worked out by hand from these documents, with the
 * arithmetic in a comment; the traps (a deleted check-in, a cancelled one, a second lunch, a
 * document of the next month and of another centre, an overdue visit, instants that fall on
 * another day in Shanghai than in UTC) are named where they are laid.
 */
const MONTH = '2026-10';
const TODAY = '2026-11-20';
const A = 'c-a';
const B = 'c-b';
const C = 'c-c';
const clock = new HybridClock('reportdesk');

/** The fields every document has. */
const base = (centreId: string, id = newId()) => ({
  id,
  centreId,
  createdAt: '2026-10-01T00:00:00.000Z',
  updatedAt: clock.tick(),
  updatedBy: 'staff-1',
});

/** 10:00 in Shanghai on a day, as the desk stores instants (UTC). */
const at10 = (day: string) => `${day}T02:00:00.000Z`;

// ---- people ----
const e1 = makeMember(A, { kind: 'elder', name: '王一' });
const e2 = makeMember(A, { kind: 'elder', name: '王二' });
const e3 = makeMember(A, { kind: 'elder', name: '王三' });
const k1 = makeMember(A, { kind: 'child', name: '小明', birthDate: '2023-05-01' });
const f1 = makeMember(B, { kind: 'elder', name: '李一' });
const m1 = makeMember(B, { kind: 'child', name: '小红', birthDate: '2023-06-01' });
const m2 = makeMember(B, { kind: 'child', name: '小刚', birthDate: '2024-01-01' });

// ---- attendance ----
const visit = (centre: string, memberId: string, day: string, extra = {}) =>
  makeAttendance(centre, memberId, { day, checkInAt: at10(day), ...extra });
const attendance = [
  // A: e1, e2, e3 on the 5th and 6th; e1 checks in twice on the 5th (one person-day).
  ...[e1, e2, e3].flatMap((m) => [visit(A, m.id, '2026-10-05'), visit(A, m.id, '2026-10-06')]),
  visit(A, e1.id, '2026-10-05', { status: 'out' }),
  // A: the child k1 on the 5th and 6th; a cancelled check-in on the 8th does not count.
  visit(A, k1.id, '2026-10-05'),
  visit(A, k1.id, '2026-10-06'),
  visit(A, k1.id, '2026-10-08', { cancelled: true }),
  // A: only a staff member on the 8th: the centre was open, nobody was served.
  visit(A, 'staff-7', '2026-10-08', { personKind: 'staff' }),
  // A: of last month and of next month: not October.
  visit(A, e2.id, '2026-09-30'),
  visit(A, e1.id, '2026-11-02'),
  // B: f1 on the 5th; m1 on the 5th and 6th; m2 on the 6th; a visitor on the 6th.
  visit(B, f1.id, '2026-10-05'),
  visit(B, m1.id, '2026-10-05'),
  visit(B, m1.id, '2026-10-06'),
  visit(B, m2.id, '2026-10-06'),
  visit(B, 'visitor-1', '2026-10-06', { personKind: 'visitor', visitor: { name: '访客' } }),
  // Filed under a centre the district does not have (any more): in no report.
  visit('c-gone', f1.id, '2026-10-05'),
];
// A: e3 on the 7th, deleted (a check-in made by mistake): neither a person-day nor an open day.
const deletedAttendance = visit(A, e3.id, '2026-10-07');

// ---- meals: the district pays neediest breakfast ¥3 and lunch ¥15, age70 lunch ¥5 ----
const DISTRICT_SUBSIDIES = { neediest: { breakfast: 300, lunch: 1500 }, age70: { lunch: 500 } };
const serving = (
  centre: string,
  member: MemberDoc,
  day: string,
  mealType: MealDoc['mealType'],
  extra: Partial<MealDoc> = {},
): MealDoc => ({
  ...base(centre),
  kind: 'serving',
  memberId: member.id,
  day,
  mealType,
  mode: 'dineIn',
  servedAt: `${day}T04:00:00.000Z`,
  servedBy: 'staff-1',
  ...extra,
});
const servings: MealDoc[] = [
  serving(A, e1, '2026-10-05', 'breakfast', { subsidyCategory: 'neediest' }),
  serving(A, e1, '2026-10-05', 'lunch', { subsidyCategory: 'neediest' }),
  // The trap: a second lunch for e1 the same day, an hour later: served, not claimable.
  serving(A, e1, '2026-10-05', 'lunch', {
    subsidyCategory: 'neediest',
    mode: 'collected',
    servedAt: '2026-10-05T05:00:00.000Z',
  }),
  serving(A, e1, '2026-10-06', 'lunch', {
    subsidyCategory: 'neediest',
    mode: 'delivered',
    deliveredBy: '志愿者',
    deliveredAt: '2026-10-06T04:30:00.000Z',
  }),
  serving(A, e2, '2026-10-05', 'lunch', { subsidyCategory: 'age70' }),
  // age70 has no dinner rate: claimable, not subsidised.
  serving(A, e2, '2026-10-05', 'dinner', { subsidyCategory: 'age70' }),
  // age65 is not among the district's categories: claimable, not subsidised.
  serving(A, e3, '2026-10-06', 'lunch', { subsidyCategory: 'age65', mode: 'collected' }),
  // A child, no category: claimable, not subsidised.
  serving(A, k1, '2026-10-05', 'lunch'),
  // Next month: not October.
  serving(A, e1, '2026-11-01', 'lunch', { subsidyCategory: 'neediest' }),
  serving(B, f1, '2026-10-05', 'lunch', { subsidyCategory: 'neediest' }),
];
const deletedServing = serving(A, e2, '2026-10-06', 'lunch', { subsidyCategory: 'age70' });

const districtRules: DistrictDoc = {
  ...base(DISTRICT_CENTRE_ID, DISTRICT_RULES_ID),
  kind: 'rules',
  title: '2026年助餐补贴标准',
  publishedAt: '2026-09-25T00:00:00.000Z',
  settings: { daily: { mealSubsidies: DISTRICT_SUBSIDIES } },
};

// ---- the visit list: high weekly, key monthly, normal every 3 months (the defaults) ----
const listing = (centre: string, member: MemberDoc, risk: VisitDoc['risk'], listedOn: string) =>
  ({
    ...base(centre, listingId(member.id)),
    kind: 'listing',
    memberId: member.id,
    risk,
    listedOn,
  }) as VisitDoc;
const contact = (
  centre: string,
  member: MemberDoc,
  at: string,
  visitKind: VisitDoc['visitKind'] = 'home',
  extra: Partial<VisitDoc> = {},
): VisitDoc => ({
  ...base(centre),
  kind: 'visit',
  memberId: member.id,
  visitKind,
  at,
  visitedBy: 'staff-1',
  reached: true,
  ...extra,
});
const visits: VisitDoc[] = [
  // e1 (high, weekly): last visited 28 Sep, so due 5 Oct; visited 5, 12, 19, 26 Oct, each on the
  // day due; the next is due 2 Nov. Completed.
  listing(A, e1, 'high', '2026-09-01'),
  contact(A, e1, at10('2026-09-28')),
  contact(A, e1, at10('2026-10-05'), 'phone'),
  contact(A, e1, at10('2026-10-12')),
  contact(A, e1, at10('2026-10-19'), 'video'),
  contact(A, e1, at10('2026-10-26')),
  // e2 (key, monthly): last visited 10 Sep, so due 10 Oct; visited only on the 15th. Missed (the
  // overdue visit).
  listing(A, e2, 'key', '2026-08-15'),
  contact(A, e2, at10('2026-09-10')),
  contact(A, e2, at10('2026-10-15')),
  // e3 (normal, every 3 months): visited 20 Sep, due 20 Dec: owes nothing in October. An
  // unanswered call and a doctor's round are recorded but do not count.
  listing(A, e3, 'normal', '2026-09-01'),
  contact(A, e3, at10('2026-09-20')),
  contact(A, e3, at10('2026-10-09'), 'phone', { reached: false }),
  contact(A, e3, at10('2026-10-16'), 'doctorRound'),
  // f1 (high), listed 1 Oct, so first due that day: called at 01:30 on 1 Oct in Shanghai (still
  // 30 Sep in UTC), then 8 and 15 Oct; a fall on 20 Oct at 14:00 wants a visit within 24 hours:
  // visited 21 Oct at 10:00 (also before the weekly due date, the 22nd), then 28 Oct; next due
  // 4 Nov. Completed. A call at 00:30 on 1 Nov in Shanghai (31 Oct in UTC) is November's.
  listing(B, f1, 'high', '2026-10-01'),
  contact(B, f1, '2026-09-30T17:30:00.000Z', 'phone'),
  contact(B, f1, at10('2026-10-08')),
  contact(B, f1, at10('2026-10-15')),
  contact(B, f1, at10('2026-10-21')),
  contact(B, f1, at10('2026-10-28')),
  contact(B, f1, '2026-10-31T16:30:00.000Z', 'phone'),
];

// ---- incidents ----
const incident = (
  centre: string,
  member: MemberDoc,
  day: string,
  at: string,
  extra: Partial<CareDoc> = {},
): CareDoc => ({
  ...base(centre),
  kind: 'incident',
  memberId: member.id,
  day,
  at,
  by: 'staff-1',
  happened: '在走廊滑倒',
  ...extra,
});
const incidents: CareDoc[] = [
  // A: a fall on 3 Oct, closed the next day; a scald on 6 Oct still open.
  incident(A, e2, '2026-10-03', at10('2026-10-03'), {
    incidentKind: 'fall',
    closedAt: at10('2026-10-04'),
  }),
  incident(A, k1, '2026-10-06', at10('2026-10-06'), { incidentKind: 'scald' }),
  // A: a September wandering closed only on 2 Nov: open at October's end, not an October incident.
  incident(A, e3, '2026-09-20', at10('2026-09-20'), {
    incidentKind: 'wandering',
    closedAt: at10('2026-11-02'),
  }),
  // A: next month's.
  incident(A, e1, '2026-11-01', at10('2026-11-01'), { incidentKind: 'fall' }),
  // B: f1's fall on 20 Oct at 14:00, closed at 01:00 on 1 Nov in Shanghai (31 Oct in UTC): open
  // at October's end.
  incident(B, f1, '2026-10-20', '2026-10-20T06:00:00.000Z', {
    incidentKind: 'fall',
    closedAt: '2026-10-31T17:00:00.000Z',
  }),
  // B: an incident recorded without a kind, closed the same day.
  incident(B, m1, '2026-10-10', at10('2026-10-10'), { closedAt: '2026-10-10T08:00:00.000Z' }),
];
const deletedIncident = incident(A, e1, '2026-10-07', at10('2026-10-07'), {
  incidentKind: 'fall',
});

// ---- activities ----
const plan = (centre: string, title: string, category: ActivityDoc['category']): ActivityDoc => {
  const b = base(centre);
  return {
    ...b,
    kind: 'plan',
    planId: b.id,
    title,
    category,
    room: '活动室',
    capacity: 20,
    start: '09:30',
    end: '10:30',
    recurrence: { kind: 'weekly', weekdays: [6], from: '2026-09-01' },
  };
};
const p1 = plan(A, '手工（老少同乐）', 'intergenerational');
const p2 = plan(A, '八段锦', 'exercise');
const q1 = plan(B, '讲故事', 'intergenerational');
let minute = 0;
const mark = (
  p: { centreId: string; id: string },
  date: string,
  member: MemberDoc,
  present = true,
) =>
  ({
    ...base(p.centreId),
    kind: 'attendance',
    planId: p.id,
    date,
    memberId: member.id,
    present,
    recordedAt: `${date}T02:${String(minute++).padStart(2, '0')}:00.000Z`,
    recordedBy: 'staff-1',
  }) as ActivityDoc;
const activities: ActivityDoc[] = [
  p1,
  p2,
  q1,
  // P1 (intergenerational) on 10 Oct: e1 and k1 present; e2 marked present, then absent (the
  // latest mark counts). One session, 2 participations.
  mark(p1, '2026-10-10', e1),
  mark(p1, '2026-10-10', k1),
  mark(p1, '2026-10-10', e2),
  mark(p1, '2026-10-10', e2, false),
  // P1 on 17 Oct: only an absence: not held.
  mark(p1, '2026-10-17', e1, false),
  // P2 (exercise) on 11 Oct: e1 and e2 present (e3's mark is deleted); on 18 Oct: e2. Two
  // sessions, 3 participations. A note about the session without a member counts nothing.
  mark(p2, '2026-10-11', e1),
  mark(p2, '2026-10-11', e2),
  mark(p2, '2026-10-18', e2),
  { ...base(A), kind: 'attendance', planId: p2.id, date: '2026-10-25', note: '下雨，改在室内' },
  // Next month's.
  mark(p2, '2026-11-01', e1),
  // Q1 (intergenerational) on 12 Oct: f1, m1 and m2. One session, 3 participations.
  mark(q1, '2026-10-12', f1),
  mark(q1, '2026-10-12', m1),
  mark(q1, '2026-10-12', m2),
  // A session of a plan that has not reached the district: category unknown.
  mark({ centreId: B, id: 'plan-not-synced' }, '2026-10-13', m1),
];
const deletedMark = mark(p2, '2026-10-11', e3);

const groups: PushGroup[] = [
  {
    collection: 'members',
    rows: [e1, e2, e3, k1, f1, m1, m2].map((m) => ({ newDocumentState: wire(m) })),
  },
  {
    collection: 'attendance',
    rows: [
      ...attendance.map((a) => ({ newDocumentState: wire(a) })),
      { newDocumentState: wire(deletedAttendance, true) },
    ],
  },
  {
    collection: 'meals',
    rows: [
      ...servings.map((s) => ({ newDocumentState: wire(s) })),
      { newDocumentState: wire(deletedServing, true) },
    ],
  },
  { collection: 'visits', rows: visits.map((v) => ({ newDocumentState: wire(v) })) },
  {
    collection: 'care',
    rows: [
      ...incidents.map((i) => ({ newDocumentState: wire(i) })),
      { newDocumentState: wire(deletedIncident, true) },
    ],
  },
  {
    collection: 'activities',
    rows: [
      ...activities.map((a) => ({ newDocumentState: wire(a) })),
      { newDocumentState: wire(deletedMark, true) },
    ],
  },
  { collection: 'district', rows: [{ newDocumentState: wire(districtRules) }] },
];

const zeroMeals = { served: 0, claimable: 0, subsidised: 0, amountFen: 0 };
const noVisits = { listed: 0, due: 0, completed: 0, pending: 0, missed: 0 };
const noSessions = { sessions: 0, participations: 0 };
const noIncidents = {
  fall: 0,
  choking: 0,
  scald: 0,
  wandering: 0,
  injury: 0,
  medication: 0,
  other: 0,
  unrecorded: 0,
};

const EXPECTED_A: ReportFigures = {
  attendance: {
    personDays: 8, // 3 elders × 2 days + 1 child × 2 days = 8
    elderDays: 6,
    childDays: 2,
    people: 4, // e1, e2, e3, k1
    elders: 3,
    children: 1,
    openDays: 3, // 5th, 6th, and the 8th (staff only); not the 7th (deleted)
    averagePerOpenDay: 2.7, // 8 ÷ 3 = 2.67
  },
  meals: {
    served: 8, // e1 4 (breakfast, 2 lunches on the 5th, lunch on the 6th) + e2 2 + e3 1 + k1 1
    claimable: 7, // 8 − e1's second lunch on the 5th
    duplicates: 1,
    subsidised: 4, // e1 breakfast + e1 2 lunches + e2 lunch
    amountFen: 3800, // 300 + 1500 + 1500 + 500
    byMode: { dineIn: 5, collected: 1, delivered: 1 }, // the duplicate's "collected" not counted
    byMealType: {
      breakfast: { served: 1, claimable: 1, subsidised: 1, amountFen: 300 },
      lunch: { served: 6, claimable: 5, subsidised: 3, amountFen: 3500 }, // 1500 + 1500 + 500
      dinner: { served: 1, claimable: 1, subsidised: 0, amountFen: 0 }, // age70 has no dinner rate
    },
    rows: [
      { mealType: 'breakfast', subsidyCategory: 'neediest', ...sub(1, 1, 1, 300) },
      { mealType: 'lunch', subsidyCategory: null, ...sub(1, 1, 0, 0) },
      { mealType: 'lunch', subsidyCategory: 'age65', ...sub(1, 1, 0, 0) },
      { mealType: 'lunch', subsidyCategory: 'age70', ...sub(1, 1, 1, 500) },
      { mealType: 'lunch', subsidyCategory: 'neediest', ...sub(3, 2, 2, 3000) },
      { mealType: 'dinner', subsidyCategory: 'age70', ...sub(1, 1, 0, 0) },
    ],
  },
  visits: {
    listed: 3,
    due: 2, // e1 and e2; e3 owes nothing until December
    completed: 1, // e1
    pending: 0,
    missed: 1, // e2: due 10 Oct, visited 15 Oct
    rate: 0.5, // 1 ÷ 2
    target: 1,
    recorded: 7, // e1 4 + e2 1 + e3 2 (unanswered call, doctor's round)
    counted: 5, // 7 − 2
    byRisk: {
      high: { listed: 1, due: 1, completed: 1, pending: 0, missed: 0 },
      key: { listed: 1, due: 1, completed: 0, pending: 0, missed: 1 },
      normal: { listed: 1, due: 0, completed: 0, pending: 0, missed: 0 },
    },
  },
  activities: {
    sessions: 3, // P1 10 Oct, P2 11 Oct, P2 18 Oct
    participations: 5, // 2 + 2 + 1
    intergenerational: { sessions: 1, participations: 2 },
    byCategory: {
      elder: noSessions,
      child: noSessions,
      intergenerational: { sessions: 1, participations: 2 },
      healthLecture: noSessions,
      exercise: { sessions: 2, participations: 3 },
      unknown: noSessions,
    },
  },
  childPlaces: {
    places: null,
    usageRate: null,
    childDays: 2,
    openDays: 3,
    peakChildren: 1,
    averageChildren: 0.7, // 2 ÷ 3 = 0.67
    missing: CHILD_PLACES_MISSING,
  },
  incidents: {
    count: 2, // the fall of the 3rd, the scald of the 6th
    byKind: { ...noIncidents, fall: 1, scald: 1 },
    openAtMonthEnd: 2, // the scald, and September's wandering closed on 2 Nov
  },
  paper: noPaper(), // 补录 (issue 19 part 2): none in this month
};

function sub(served: number, claimable: number, subsidised: number, amountFen: number) {
  return { served, claimable, subsidised, amountFen };
}

const EXPECTED_B: ReportFigures = {
  attendance: {
    personDays: 4, // 1 elder × 1 day + m1 × 2 days + m2 × 1 day = 4
    elderDays: 1,
    childDays: 3,
    people: 3,
    elders: 1,
    children: 2,
    openDays: 2,
    averagePerOpenDay: 2, // 4 ÷ 2
  },
  meals: {
    served: 1,
    claimable: 1,
    duplicates: 0,
    subsidised: 1,
    amountFen: 1500,
    byMode: { dineIn: 1, collected: 0, delivered: 0 },
    byMealType: {
      breakfast: zeroMeals,
      lunch: { served: 1, claimable: 1, subsidised: 1, amountFen: 1500 },
      dinner: zeroMeals,
    },
    rows: [{ mealType: 'lunch', subsidyCategory: 'neediest', ...sub(1, 1, 1, 1500) }],
  },
  visits: {
    listed: 1,
    due: 1,
    completed: 1,
    pending: 0,
    missed: 0,
    rate: 1,
    target: 1,
    recorded: 5, // 1 (Shanghai's 1 Oct), 8, 15, 21, 28 Oct; not Shanghai's 1 Nov
    counted: 5,
    byRisk: {
      high: { listed: 1, due: 1, completed: 1, pending: 0, missed: 0 },
      key: noVisits,
      normal: noVisits,
    },
  },
  activities: {
    sessions: 2, // Q1 on 12 Oct, the unsynced plan's on 13 Oct
    participations: 4, // 3 + 1
    intergenerational: { sessions: 1, participations: 3 },
    byCategory: {
      elder: noSessions,
      child: noSessions,
      intergenerational: { sessions: 1, participations: 3 },
      healthLecture: noSessions,
      exercise: noSessions,
      unknown: { sessions: 1, participations: 1 },
    },
  },
  childPlaces: {
    places: null,
    usageRate: null,
    childDays: 3,
    openDays: 2,
    peakChildren: 2, // m1 and m2 on the 6th
    averageChildren: 1.5, // 3 ÷ 2
    missing: CHILD_PLACES_MISSING,
  },
  incidents: {
    count: 2,
    byKind: { ...noIncidents, fall: 1, unrecorded: 1 },
    openAtMonthEnd: 1, // f1's fall, closed on Shanghai's 1 Nov
  },
  paper: noPaper(), // 补录 (issue 19 part 2): none in this month
};

const EXPECTED_DISTRICT: ReportFigures = {
  attendance: {
    personDays: 12, // 8 + 4
    elderDays: 7,
    childDays: 5,
    people: 7,
    elders: 4,
    children: 3,
    openDays: 5, // centre-days: 3 + 2
    averagePerOpenDay: 2.4, // 12 ÷ 5
  },
  meals: {
    served: 9,
    claimable: 8,
    duplicates: 1,
    subsidised: 5,
    amountFen: 5300, // 3800 + 1500
    byMode: { dineIn: 6, collected: 1, delivered: 1 },
    byMealType: {
      breakfast: { served: 1, claimable: 1, subsidised: 1, amountFen: 300 },
      lunch: { served: 7, claimable: 6, subsidised: 4, amountFen: 5000 },
      dinner: { served: 1, claimable: 1, subsidised: 0, amountFen: 0 },
    },
    rows: [
      { mealType: 'breakfast', subsidyCategory: 'neediest', ...sub(1, 1, 1, 300) },
      { mealType: 'lunch', subsidyCategory: null, ...sub(1, 1, 0, 0) },
      { mealType: 'lunch', subsidyCategory: 'age65', ...sub(1, 1, 0, 0) },
      { mealType: 'lunch', subsidyCategory: 'age70', ...sub(1, 1, 1, 500) },
      { mealType: 'lunch', subsidyCategory: 'neediest', ...sub(4, 3, 3, 4500) },
      { mealType: 'dinner', subsidyCategory: 'age70', ...sub(1, 1, 0, 0) },
    ],
  },
  visits: {
    listed: 4,
    due: 3,
    completed: 2,
    pending: 0,
    missed: 1,
    rate: 2 / 3, // (1 + 1) ÷ (2 + 1), not the mean of 50 % and 100 %
    target: 1,
    recorded: 12,
    counted: 10,
    byRisk: {
      high: { listed: 2, due: 2, completed: 2, pending: 0, missed: 0 },
      key: { listed: 1, due: 1, completed: 0, pending: 0, missed: 1 },
      normal: { listed: 1, due: 0, completed: 0, pending: 0, missed: 0 },
    },
  },
  activities: {
    sessions: 5,
    participations: 9,
    intergenerational: { sessions: 2, participations: 5 },
    byCategory: {
      elder: noSessions,
      child: noSessions,
      intergenerational: { sessions: 2, participations: 5 },
      healthLecture: noSessions,
      exercise: { sessions: 2, participations: 3 },
      unknown: { sessions: 1, participations: 1 },
    },
  },
  childPlaces: {
    places: null,
    usageRate: null,
    childDays: 5,
    openDays: 5,
    peakChildren: 3, // the 6th: k1 at A + m1 and m2 at B (no centre alone had 3)
    averageChildren: 1, // 5 ÷ 5
    missing: CHILD_PLACES_MISSING,
  },
  incidents: {
    count: 4,
    byKind: { ...noIncidents, fall: 2, scald: 1, unrecorded: 1 },
    openAtMonthEnd: 3,
  },
  paper: noPaper(), // 补录 (issue 19 part 2): none in this month
};

function emptyFigures(): ReportFigures {
  return {
    attendance: {
      personDays: 0,
      elderDays: 0,
      childDays: 0,
      people: 0,
      elders: 0,
      children: 0,
      openDays: 0,
      averagePerOpenDay: null,
    },
    meals: {
      ...zeroMeals,
      duplicates: 0,
      byMode: { dineIn: 0, collected: 0, delivered: 0 },
      byMealType: { breakfast: zeroMeals, lunch: zeroMeals, dinner: zeroMeals },
      rows: [],
    },
    visits: {
      ...noVisits,
      rate: null,
      target: 1,
      recorded: 0,
      counted: 0,
      byRisk: { high: noVisits, key: noVisits, normal: noVisits },
    },
    activities: {
      ...noSessions,
      intergenerational: noSessions,
      byCategory: {
        elder: noSessions,
        child: noSessions,
        intergenerational: noSessions,
        healthLecture: noSessions,
        exercise: noSessions,
        unknown: noSessions,
      },
    },
    childPlaces: {
      places: null,
      usageRate: null,
      childDays: 0,
      openDays: 0,
      peakChildren: 0,
      averageChildren: null,
      missing: CHILD_PLACES_MISSING,
    },
    incidents: { count: 0, byKind: noIncidents, openAtMonthEnd: 0 },
    paper: noPaper(),
  };
}

forEachBackend((backend) => {
  let d: TestDistrict;
  let viewer: StaffClient;

  beforeAll(async () => {
    d = await startTestDistrict({
      ...backend,
      dashboard: { scryptParams: TEST_SCRYPT_PARAMS },
    });
    await d.db.query(
      `INSERT INTO centres (id, name) VALUES ($1, '东城中心'), ($2, '西城中心'), ($3, '南城中心')`,
      [A, B, C],
    );
    await d.app.sync.pushMany({ kind: 'district', name: 'fixture' }, groups);
    await addStaff(d.db, 'li', 'viewer');
    viewer = staffClient(d.url);
    expect((await viewer.login('li')).status).toBe(200);
  });
  afterAll(async () => {
    await d?.close();
  });

  it('works out every figure of the hand-worked month', async () => {
    const report = await monthlyReport(d.db, { month: MONTH, today: TODAY });
    expect(report).toMatchObject({
      month: MONTH,
      firstDay: '2026-10-01',
      lastDay: '2026-10-31',
      today: TODAY,
      timeZone: 'Asia/Shanghai',
      centreId: null,
      rules: { source: 'district', problems: [], mealSubsidies: DISTRICT_SUBSIDIES },
    });
    expect(report.centres.map((c) => [c.id, c.name])).toEqual([
      [A, '东城中心'],
      [C, '南城中心'],
      [B, '西城中心'],
    ]);
    const byId = new Map(report.centres.map((c) => [c.id, c.figures]));
    expect(byId.get(A)).toEqual(EXPECTED_A);
    expect(byId.get(B)).toEqual(EXPECTED_B);
    expect(byId.get(C)).toEqual(emptyFigures());
    expect(report.district).toEqual(EXPECTED_DISTRICT);
  });

  it("claims the same meals and amount as the desk's own claim rule", async () => {
    const report = await monthlyReport(d.db, { month: MONTH, today: TODAY });
    const ofA = servings.filter((s) => s.centreId === A) as unknown as MealServing[];
    const claim = mealClaim(ofA, DISTRICT_SUBSIDIES, MONTH);
    const a = report.centres.find((c) => c.id === A)!.figures.meals;
    expect([a.subsidised, a.amountFen]).toEqual([claim.count, claim.amountFen]);
  });

  it('reports one centre alone, its figures as the total', async () => {
    const report = await monthlyReport(d.db, { month: MONTH, centreId: B, today: TODAY });
    expect(report.centreId).toBe(B);
    expect(report.centres.map((c) => c.id)).toEqual([B]);
    expect(report.centres[0]!.figures).toEqual(EXPECTED_B);
    expect(report.district).toEqual(EXPECTED_B);
  });

  it('counts a visit not yet overdue in the month under way as pending', async () => {
    // Seen on 8 Oct: e1's 5 Oct visit was on time, the next (the 12th) is not yet due; e2's (the
    // 10th) neither; f1 visited on the 1st and 8th, due the 15th.
    const report = await monthlyReport(d.db, { month: MONTH, today: '2026-10-08' });
    expect(report.district.visits).toMatchObject({ due: 3, completed: 0, pending: 3, missed: 0 });
    expect(report.district.visits.rate).toBe(0);
  });

  it('falls back to the default subsidies when the district pushed none', async () => {
    await d.db.query(`UPDATE documents SET deleted = true WHERE collection = 'district'`);
    try {
      const fallback = await monthlyReport(d.db, { month: MONTH, centreId: A, today: TODAY });
      expect(fallback.rules.source).toBe('default');
      // Defaults: neediest ¥15 a meal, age70 ¥5, age65 ¥1: e1 breakfast 1500 + 2 lunches 3000,
      // e2 lunch 500 and dinner 500, e3 lunch 100 = 5600 fen over 6 meals (k1 has no category).
      expect(fallback.district.meals).toMatchObject({ subsidised: 6, amountFen: 5600 });
    } finally {
      await d.db.query(`UPDATE documents SET deleted = false WHERE collection = 'district'`);
    }
  });

  describe('GET /api/district/reports/monthly', () => {
    it('answers a logged-in viewer with the report', async () => {
      const res = await viewer.request<MonthlyReportResponse>(
        'GET',
        `/reports/monthly?month=${MONTH}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.district).toEqual(EXPECTED_DISTRICT);
      const one = await viewer.request<MonthlyReportResponse>(
        'GET',
        `/reports/monthly?month=${MONTH}&centre=${A}`,
      );
      expect(one.body.centres.map((c) => c.figures)).toEqual([EXPECTED_A]);
    });

    it('defaults to the current month', async () => {
      const res = await viewer.request<MonthlyReportResponse>('GET', '/reports/monthly');
      expect(res.status).toBe(200);
      expect(isReportMonth(res.body.month)).toBe(true);
      expect(res.body.today.slice(0, 7)).toBe(res.body.month);
    });

    it('refuses without a session, a bad month and an unknown centre', async () => {
      const anonymous = staffClient(d.url);
      for (const path of ['/reports/monthly', '/reports/monthly.xlsx']) {
        const res = await anonymous.request<DistrictApiError>('GET', `${path}?month=${MONTH}`);
        expect(res.status, path).toBe(401);
      }
      for (const bad of ['2026-13', '2026-1', '202610', 'october', '2026-10-01']) {
        const res = await viewer.request<DistrictApiError>('GET', `/reports/monthly?month=${bad}`);
        expect(res.status, bad).toBe(400);
        expect(res.body.error.message, bad).toMatch(/^month must be .*YYYY-MM/);
      }
      const twice = await viewer.request<DistrictApiError>(
        'GET',
        `/reports/monthly?month=${MONTH}&month=2026-09`,
      );
      expect(twice.status).toBe(400);
      const unknown = await viewer.request<DistrictApiError>(
        'GET',
        `/reports/monthly?month=${MONTH}&centre=nowhere`,
      );
      expect(unknown.status).toBe(404);
      expect(unknown.body.error).toMatchObject({ code: 'not_found' });
      expect(unknown.body.error.message).toContain('centre');
      const xlsx = await viewer.request<DistrictApiError>(
        'GET',
        `/reports/monthly.xlsx?month=${MONTH}&centre=nowhere`,
      );
      expect(xlsx.status).toBe(404);
    });

    it('exports the same figures to Excel, headers in Chinese', async () => {
      const res = await fetch(`${d.url}/api/district/reports/monthly.xlsx?month=${MONTH}`, {
        headers: { cookie: `cocare_district_session=${viewer.cookie}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      const disposition = res.headers.get('content-disposition')!;
      expect(disposition).toMatch(/^attachment; filename="cocare-report-2026-10\.xlsx"/);
      expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(
        '社区服务月报-2026-10.xlsx',
      );

      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await res.arrayBuffer());
      const sheet = book.getWorksheet('月报')!;
      expect(sheet.getCell('A1').value).toBe('社区综合服务中心月报 2026-10');
      const header = (sheet.getRow(3).values as unknown[]).slice(1);
      expect(header.slice(0, 5)).toEqual(['中心', '出勤人次', '长者人次', '儿童人次', '出勤人数']);
      expect(header).toContain('午餐');
      expect(header).toContain('探访完成率（目标100%）');
      expect(header).toContain('代际活动场次');
      const rowOf = (name: string) => {
        for (let r = 4; r <= sheet.rowCount; r++) {
          const row = sheet.getRow(r);
          if (row.getCell(1).value === name) return row;
        }
        throw new Error(`no row for ${name}`);
      };
      const cell = (name: string, heading: string) =>
        rowOf(name).getCell(header.indexOf(heading) + 1).value;
      expect(sheet.rowCount).toBe(3 + 1 + 3); // title, note, header; the district; 3 centres
      expect(cell('全区合计', '出勤人次')).toBe(12);
      expect(cell('全区合计', '午餐')).toBe(6);
      expect(cell('全区合计', '补贴金额（元）')).toBe(53);
      expect(cell('全区合计', '探访完成率（目标100%）')).toBeCloseTo(2 / 3, 10);
      expect(cell('全区合计', '代际活动人次')).toBe(5);
      expect(cell('全区合计', '托位使用率')).toBe('—');
      expect(cell('东城中心', '出勤人次')).toBe(8);
      expect(cell('东城中心', '重复供餐')).toBe(1);
      expect(cell('东城中心', '探访完成率（目标100%）')).toBe(0.5);
      expect(cell('东城中心', '月末未结')).toBe(2);
      expect(cell('西城中心', '儿童单日最多')).toBe(2);
      expect(cell('南城中心', '探访完成率（目标100%）')).toBe('—');
      // Every figure of every row is the JSON report's.
      const json = (
        await viewer.request<MonthlyReportResponse>('GET', `/reports/monthly?month=${MONTH}`)
      ).body;
      for (const c of [{ name: '全区合计', figures: json.district }, ...json.centres]) {
        const values = (rowOf(c.name).values as unknown[]).slice(2);
        expect(values, c.name).toEqual(REPORT_COLUMNS.map((col) => col.value(c.figures)));
      }

      const meals = book.getWorksheet('助餐明细')!;
      expect((meals.getRow(1).values as unknown[]).slice(1)).toEqual([
        '中心',
        '餐别',
        '补贴类别',
        '供餐数',
        '可申报',
        '补贴餐数',
        '补贴金额（元）',
      ]);
      expect((meals.getRow(6).values as unknown[]).slice(1)).toEqual([
        '全区合计',
        '午餐',
        '特困/低保/低保边缘',
        4,
        3,
        3,
        45,
      ]);
    });

    it('exports English headers when asked', async () => {
      const res = await fetch(
        `${d.url}/api/district/reports/monthly.xlsx?month=${MONTH}&lang=en&centre=${B}`,
        { headers: { cookie: `cocare_district_session=${viewer.cookie}` } },
      );
      expect(res.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await res.arrayBuffer());
      const sheet = book.getWorksheet('Monthly')!;
      expect(sheet.getCell('A3').value).toBe('Centre');
      expect(sheet.getCell('B3').value).toBe('Attendance (person-days)');
      expect(sheet.getCell('A5').value).toBe('西城中心');
      expect(sheet.getCell('B5').value).toBe(4);
      const bad = await viewer.request<DistrictApiError>(
        'GET',
        `/reports/monthly.xlsx?month=${MONTH}&lang=fr`,
      );
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('lang');
    });
  });

  describe('child places (PATCH /api/district/centres/:id)', () => {
    let admin: StaffClient;
    beforeAll(async () => {
      await addStaff(d.db, 'wang', 'admin');
      admin = staffClient(d.url);
      expect((await admin.login('wang')).status).toBe(200);
    });
    afterAll(async () => {
      // The other tests of this file expect no centre to have places.
      await d.db.query('UPDATE centres SET child_places = NULL');
    });

    it('lets an admin set them, logged with the old and new value; refuses anything else', async () => {
      const set = await admin.request<CentreInfo>('PATCH', `/centres/${A}`, { childPlaces: 2 });
      expect(set.status).toBe(200);
      expect(set.body).toEqual({ id: A, name: '东城中心', childPlaces: 2, township: null });
      expect((await admin.request('PATCH', `/centres/${A}`, { childPlaces: 3 })).status).toBe(200);
      const log = await d.db.query<{ actor: string; target: string; details: unknown }>(
        `SELECT actor, target, details FROM district_action_log
          WHERE action = 'centre.update' ORDER BY id`,
      );
      expect(log.rows.map((r) => [r.actor, r.target, r.details])).toEqual([
        ['wang', A, { field: 'childPlaces', from: null, to: 2 }],
        ['wang', A, { field: 'childPlaces', from: 2, to: 3 }],
      ]);
      const people = await viewer.request<CentrePeopleResponse>('GET', `/centres/${A}/people`);
      expect(people.body.childPlaces).toBe(3);
      const overview = await viewer.request<OverviewResponse>('GET', '/overview');
      expect(overview.body.centres.find((c) => c.id === A)?.childPlaces).toBe(3);

      for (const bad of [-1, 1001, 2.5, '12', null, undefined]) {
        const res = await admin.request<DistrictApiError>('PATCH', `/centres/${A}`, {
          childPlaces: bad,
        });
        expect(res.status, String(bad)).toBe(400);
        expect(res.body.error.message).toBe(
          'childPlaces must be a whole number from 0 to 1000: send {childPlaces}',
        );
      }
      const unknown = await admin.request<DistrictApiError>('PATCH', '/centres/nowhere', {
        childPlaces: 5,
      });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toContain("unknown centre 'nowhere'");
      const byViewer = await viewer.request('PATCH', `/centres/${A}`, { childPlaces: 9 });
      expect(byViewer.status).toBe(403);
      await expect(
        d.db.query(`UPDATE centres SET child_places = 5000 WHERE id = $1`, [A]),
      ).rejects.toThrow(/centres_child_places_range/);
      expect(
        (
          await d.db.query<{ n: number }>('SELECT child_places AS n FROM centres WHERE id = $1', [
            A,
          ])
        ).rows[0]!.n,
      ).toBe(3);
    });

    it('works out the use rate of each centre and of the district over the centres with places', async () => {
      // A: 2 child days (k1 on the 5th and 6th), open 3 days (5th, 6th, 8th); B: 3 child days
      // (m1 5th and 6th, m2 6th), open 2 days; C: nothing.
      await admin.request('PATCH', `/centres/${A}`, { childPlaces: 2 });
      const onlyA = await viewer.request<MonthlyReportResponse>(
        'GET',
        `/reports/monthly?month=${MONTH}`,
      );
      const of = (r: MonthlyReportResponse, id: string) =>
        r.centres.find((c) => c.id === id)!.figures.childPlaces;
      // A: 2 ÷ (2 places × 3 days) = 1/3; B has none: its rate stays unknown.
      expect(of(onlyA.body, A)).toMatchObject({ places: 2, missing: null });
      expect(of(onlyA.body, A).usageRate).toBeCloseTo(1 / 3, 10);
      expect(of(onlyA.body, B)).toMatchObject({
        places: null,
        usageRate: null,
        missing: CHILD_PLACES_MISSING,
      });
      // The district over A alone: the same 1/3; two of three centres lack places.
      expect(onlyA.body.district.childPlaces).toMatchObject({
        places: 2,
        missing: childPlacesPartial(2, 3),
      });
      expect(onlyA.body.district.childPlaces.usageRate).toBeCloseTo(1 / 3, 10);

      await admin.request('PATCH', `/centres/${B}`, { childPlaces: 4 });
      await admin.request('PATCH', `/centres/${C}`, { childPlaces: 10 });
      const all = (
        await viewer.request<MonthlyReportResponse>('GET', `/reports/monthly?month=${MONTH}`)
      ).body;
      // B: 3 ÷ (4 × 2) = 0.375. C: never open, so no rate, but its places are known.
      expect(of(all, B).usageRate).toBe(0.375);
      expect(of(all, C)).toMatchObject({ places: 10, usageRate: null, missing: null });
      // District: (2 + 3 + 0) child days ÷ (2×3 + 4×2 + 10×0) place-days = 5/14, not the mean of
      // the centres' rates ((1/3 + 0.375) ÷ 2 = 0.354).
      expect(all.district.childPlaces).toMatchObject({ places: 16, missing: null });
      expect(all.district.childPlaces.usageRate).toBeCloseTo(5 / 14, 10);

      // The Excel sheet carries the places and the rate.
      const res = await fetch(`${d.url}/api/district/reports/monthly.xlsx?month=${MONTH}`, {
        headers: { cookie: `cocare_district_session=${viewer.cookie}` },
      });
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await res.arrayBuffer());
      const sheet = book.getWorksheet('月报')!;
      const header = (sheet.getRow(3).values as unknown[]).slice(1);
      const total = sheet.getRow(4);
      expect(total.getCell(1).value).toBe('全区合计');
      expect(total.getCell(header.indexOf('托位数') + 1).value).toBe(16);
      expect(total.getCell(header.indexOf('托位使用率') + 1).value).toBeCloseTo(5 / 14, 10);
    });
  });
});

/* A district of 300 centres and two months of documents (server/testing/districtScale.ts). */
const SCALE_CENTRES = 300;

forEachBackend((backend) => {
  let d: TestDistrict;

  beforeAll(async () => {
    d = await startTestDistrict(backend);
    await seedDistrictScale(d.db, { centres: SCALE_CENTRES, months: ['2026-09', '2026-10'] });
  });
  afterAll(async () => {
    await d?.close();
  });

  it(`reports a month of ${SCALE_CENTRES} centres, every figure summed right`, async () => {
    const { rows } = await d.db.query<{ n: number }>('SELECT count(*)::int AS n FROM documents');
    await monthlyReport(d.db, { month: MONTH, today: TODAY }); // warm the plans and caches
    const started = performance.now();
    const report = await monthlyReport(d.db, { month: MONTH, today: TODAY });
    const ms = Math.round(performance.now() - started);
    console.info(
      `monthly report of ${SCALE_CENTRES} centres (${rows[0]!.n} documents) on ${backend.kind}: ${ms} ms`,
    );
    expect(report.centres).toHaveLength(SCALE_CENTRES);
    const n = SCALE_CENTRES;
    expect(report.district.attendance).toMatchObject({
      personDays: n * 13 * 20, // 13 people × 20 days at every centre
      people: n * 13,
      openDays: n * 20,
      averagePerOpenDay: 13,
    });
    // 10 elders × 20 lunches at ¥5 (the default age70 rate).
    expect(report.district.meals).toMatchObject({ claimable: n * 200, amountFen: n * 200 * 500 });
    // Last visited 28 Sep, so due 5 Oct; visited 1, 8, 15, 22 and 28 Oct, each before its due date.
    expect(report.district.visits).toMatchObject({ listed: n * 5, due: n * 5, completed: n * 5 });
    expect(report.district.activities.intergenerational).toEqual({
      sessions: n * 4,
      participations: n * 4 * 13,
    });
    // September's open incident and October's: 2 a centre; October's 2 falls.
    expect(report.district.incidents).toMatchObject({ count: n * 2, openAtMonthEnd: n * 2 });
    // The time is printed, not asserted: speed belongs to the benchmark suite (docs/PERFORMANCE.md
    // "The district's report at a year of history" has the figures).
  });

  it('finds the month of meals and of activity attendance by their day indexes', async () => {
    await d.db.transaction(async (tx) => {
      // A test-sized table may be read in full; with the planner told to avoid that, the indexes
      // are there to use.
      await tx.query('SET LOCAL enable_seqscan = off');
      for (const [collection, field, index] of [
        ['meals', 'day', 'documents_meals_day_idx'],
        ['activities', 'date', 'documents_activities_date_idx'],
      ] as const) {
        const plan = await tx.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN SELECT count(*) FROM documents WHERE collection = '${collection}'
              AND data->>'${field}' >= '2026-10-01' AND data->>'${field}' <= '2026-10-31'`,
        );
        expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain(index);
      }
    });
  });
});
