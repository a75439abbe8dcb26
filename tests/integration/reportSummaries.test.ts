/*
 * The report summaries (migration 015_report_summaries.sql) are kept by triggers as documents are
 * written. This test pushes random check-ins, meal servings and activity marks of three centres
 * through the district's sync, then edits and deletes random ones of them (a day moved, a check-in
 * cancelled, a serving's category, mode or time changed, a mark turned to absent, documents
 * deleted on a desk and rows removed outright as the retention sweep does), and after every round
 * holds:
 * - the summaries the triggers kept to the same summaries worked out again from the documents
 *   alone (`report_summaries_rebuild()`);
 * - the report's attendance, meals and activities sections and the overview, as they are now
 *   read, to the same sections counted straight from the documents as they were before the
 *   summaries existed (server/testing/reportsFromDocuments.ts).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HybridClock } from '../../shared/hlc';
import { newId } from '../../shared/ids';
import { MEAL_TYPES } from '../../shared/rules/dailySettings';
import { SERVING_MODES } from '../../shared/rules/meals';
import type { ActivityDoc, AttendanceDoc, MealDoc, MemberDoc } from '../../shared/schemas';
import { PERSON_KINDS } from '../../shared/schemas/attendance';
import type { PushRow, WireDoc } from '../../shared/sync/protocol';
import { Rng } from '../fixtures/generate';
import type { Queryable } from '../../server/db/db';
import { ACTIVITIES_SQL, ATTENDANCE_SQL, MEALS_SQL } from '../../server/district/reports';
import { OVERVIEW_SQL } from '../../server/district/overview';
import { forEachBackend } from '../../server/testing/backends';
import { makeMember, wire } from '../../server/testing/docs';
import { startTestDistrict, type TestDistrict } from '../../server/testing/harness';
import {
  ACTIVITIES_FROM_DOCUMENTS,
  ATTENDANCE_FROM_DOCUMENTS,
  MEALS_FROM_DOCUMENTS,
  OVERVIEW_FROM_DOCUMENTS,
} from '../../server/testing/reportsFromDocuments';

const CENTRES = ['c-sum-a', 'c-sum-b', 'c-sum-c'];
const ROUNDS = 6;
const clock = new HybridClock('sumdesk');
const pad = (n: number) => String(n).padStart(2, '0');

/** Two priced periods in October (a rule change on the 16th), as the report passes them. */
const PERIODS = JSON.stringify([
  {
    from: '2026-10-01',
    subsidies: { neediest: { lunch: 1500, breakfast: 300 }, age70: { lunch: 500 } },
  },
  { from: '2026-10-16', subsidies: { neediest: { lunch: 1200 }, age70: { lunch: 0 } } },
]);
const MONTHS = [
  { month: '2026-10', first: '2026-10-01', last: '2026-10-31' },
  { month: '2026-11', first: '2026-11-01', last: '2026-11-30' },
];
const OVERVIEW_DAYS = ['2026-10-20', '2026-10-31', '2026-11-03'];

type Doc = AttendanceDoc | MealDoc | ActivityDoc;
interface Stored {
  collection: 'attendance' | 'meals' | 'activities';
  doc: Doc;
  deleted: boolean;
}

const base = (rng: Rng, centreId: string) => ({
  id: rng.chance(0.5) ? newId() : `${pad(rng.int(0, 99))}-${newId()}`,
  centreId,
  createdAt: '2026-10-01T00:00:00.000Z',
  updatedAt: clock.tick(),
  updatedBy: 'staff-1',
});

/** A day of late September to early November, mostly October. */
function randomDay(rng: Rng): string {
  const r = rng.int(0, 40);
  if (r < 2) return `2026-09-${pad(29 + r)}`;
  if (r < 33) return `2026-10-${pad(r - 1)}`;
  return `2026-11-${pad(r - 32)}`;
}

/** An instant on `day`, from a few minutes' choice so that some are equal. */
const instantOn = (rng: Rng, day: string) =>
  `${day}T0${rng.int(1, 4)}:${pad(rng.pick([0, 15, 30]))}:00.000Z`;

forEachBackend((backend) => {
  let d: TestDistrict;
  const rng = new Rng(20_261_207);
  const people = new Map<string, MemberDoc[]>();
  const plans = new Map<string, ActivityDoc[]>();
  const stored = new Map<string, Stored>();

  function newCheckIn(centre: string): Stored {
    const kind = rng.pick([...PERSON_KINDS, 'member', 'member']);
    const day = randomDay(rng);
    const doc: AttendanceDoc = {
      ...base(rng, centre),
      memberId: kind === 'member' ? rng.pick(people.get(centre)!).id : `${kind}-${rng.int(1, 4)}`,
      ...(kind !== 'member' || rng.chance(0.3) ? { personKind: kind } : {}),
      day,
      status: 'out',
      checkInAt: instantOn(rng, day),
      ...(rng.chance(0.1) ? { cancelled: true } : {}),
    } as AttendanceDoc;
    return { collection: 'attendance', doc, deleted: false };
  }

  function newServing(centre: string): Stored {
    const day = randomDay(rng);
    const category = rng.pick([undefined, 'neediest', 'age70']);
    const doc = {
      ...base(rng, centre),
      kind: 'serving',
      memberId: rng.pick(people.get(centre)!).id,
      day,
      mealType: rng.pick(MEAL_TYPES),
      mode: rng.pick(SERVING_MODES),
      servedAt: instantOn(rng, day),
      servedBy: 'staff-1',
      ...(category ? { subsidyCategory: category } : {}),
    } as MealDoc;
    return { collection: 'meals', doc, deleted: false };
  }

  function newMark(centre: string): Stored {
    const date = randomDay(rng);
    const doc = {
      ...base(rng, centre),
      kind: 'attendance',
      // Now and then a plan the district has not (yet) received: its category is unknown.
      planId: rng.chance(0.1) ? 'plan-not-synced' : rng.pick(plans.get(centre)!).id,
      date,
      memberId: rng.pick(people.get(centre)!).id,
      present: rng.chance(0.75),
      recordedAt: instantOn(rng, date),
      recordedBy: 'staff-1',
    } as ActivityDoc;
    return { collection: 'activities', doc, deleted: false };
  }

  /** The same document changed as a desk would change it (or deleted). */
  function edited(s: Stored): Stored {
    if (rng.chance(0.25)) return { ...s, deleted: true };
    const changes: Record<string, unknown> = { updatedAt: clock.tick() };
    if (s.collection === 'attendance') {
      if (rng.chance(0.5)) changes.day = randomDay(rng);
      else changes.cancelled = !(s.doc as AttendanceDoc).cancelled;
    } else if (s.collection === 'meals') {
      const which = rng.int(0, 3);
      if (which === 0) changes.subsidyCategory = rng.pick(['neediest', 'age70']);
      if (which === 1) changes.mode = rng.pick(SERVING_MODES);
      if (which === 2) changes.servedAt = instantOn(rng, (s.doc as MealDoc).day);
      if (which === 3) changes.day = randomDay(rng);
    } else {
      if (rng.chance(0.5)) changes.present = !(s.doc as ActivityDoc).present;
      else changes.recordedAt = instantOn(rng, (s.doc as ActivityDoc).date!);
    }
    return { ...s, doc: { ...s.doc, ...changes } as Doc };
  }

  async function push(rows: { next: Stored; before?: Stored }[]): Promise<void> {
    const groups = (['attendance', 'meals', 'activities'] as const).map((collection) => ({
      collection,
      rows: rows
        .filter((r) => r.next.collection === collection)
        .map(({ next, before }): PushRow => ({
          newDocumentState: wire(next.doc, next.deleted) as WireDoc,
          ...(before ? { assumedMasterState: wire(before.doc, before.deleted) as WireDoc } : {}),
        })),
    }));
    const result = await d.app.sync.pushMany({ kind: 'district', name: 'fixture' }, groups);
    const conflicts = Object.values(result).flat();
    expect(conflicts, 'every push applies').toEqual([]);
    for (const { next } of rows) stored.set(next.doc.id, next);
  }

  /** The summaries the triggers kept, then the same rebuilt from the documents: no difference. */
  async function expectSummariesRebuilt(): Promise<Record<string, number>> {
    return d.db.transaction(async (tx) => {
      const tables = {
        report_attendance_days: 'checkins <> 0',
        report_attendance_months: 'days <> 0',
        report_meal_days: 'served <> 0 OR claimable <> 0',
        report_meal_firsts: 'true',
        report_activity_latest: 'true',
      };
      for (const [table, kept] of Object.entries(tables)) {
        await tx.query(`CREATE TEMP TABLE kept_${table} ON COMMIT DROP AS
                        SELECT * FROM ${table} WHERE ${kept}`);
      }
      await tx.query('SELECT report_summaries_rebuild()');
      const sizes: Record<string, number> = {};
      for (const [table, kept] of Object.entries(tables)) {
        const { rows } = await tx.query<{ missing: unknown; extra: unknown; n: number }>(
          `SELECT (SELECT json_agg(x) FROM (SELECT * FROM ${table} WHERE ${kept}
                    EXCEPT ALL SELECT * FROM kept_${table}) x) AS missing,
                  (SELECT json_agg(x) FROM (SELECT * FROM kept_${table}
                    EXCEPT ALL SELECT * FROM ${table} WHERE ${kept}) x) AS extra,
                  (SELECT count(*)::int FROM kept_${table}) AS n`,
        );
        expect({ table, missing: rows[0]!.missing, extra: rows[0]!.extra }).toEqual({
          table,
          missing: null,
          extra: null,
        });
        sizes[table] = rows[0]!.n;
      }
      return sizes;
    });
  }

  const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();

  async function same(db: Queryable, now: [string, unknown[]], before: [string, unknown[]]) {
    const [a, b] = await Promise.all([db.query(...now), db.query(...before)]);
    return { now: sorted(a.rows), before: sorted(b.rows) };
  }

  /** Each section as read from the summaries equals it counted from the documents. */
  async function expectSameFigures(): Promise<number> {
    const centres = [...CENTRES];
    let rows = 0;
    for (const { month, first, last } of MONTHS) {
      const checks = {
        attendance: await same(
          d.db,
          [ATTENDANCE_SQL, [month, centres]],
          [ATTENDANCE_FROM_DOCUMENTS, [first, last, centres]],
        ),
        meals: await same(
          d.db,
          [MEALS_SQL, [first, last, centres, PERIODS]],
          [MEALS_FROM_DOCUMENTS, [first, last, centres, PERIODS]],
        ),
        activities: await same(
          d.db,
          [ACTIVITIES_SQL, [first, last, centres]],
          [ACTIVITIES_FROM_DOCUMENTS, [first, last, centres]],
        ),
        // One centre alone, as the report for one centre asks.
        oneCentre: await same(
          d.db,
          [ATTENDANCE_SQL, [month, [CENTRES[1]]]],
          [ATTENDANCE_FROM_DOCUMENTS, [first, last, [CENTRES[1]]]],
        ),
      };
      for (const [section, { now, before }] of Object.entries(checks)) {
        expect(now, `${section} of ${month}`).toEqual(before);
        rows += now.length;
      }
    }
    for (const day of OVERVIEW_DAYS) {
      const first = `${day.slice(0, 7)}-01`;
      const { now, before } = await same(
        d.db,
        [OVERVIEW_SQL, [first, day, 3]],
        [OVERVIEW_FROM_DOCUMENTS, [first, day, 3]],
      );
      expect(now, `overview of ${day}`).toEqual(before);
    }
    return rows;
  }

  beforeAll(async () => {
    d = await startTestDistrict(backend);
    const members: MemberDoc[] = [];
    for (const centre of CENTRES) {
      await d.createCentre(`中心 ${centre}`, centre);
      const list = [
        ...Array.from({ length: 4 }, (_, i) =>
          makeMember(centre, { kind: 'elder', name: `老人${i}` }),
        ),
        ...Array.from({ length: 3 }, (_, i) =>
          makeMember(centre, { kind: 'child', name: `幼儿${i}`, birthDate: '2023-05-01' }),
        ),
      ];
      people.set(centre, list);
      members.push(...list);
      plans.set(
        centre,
        (['intergenerational', 'exercise'] as const).map((category) => {
          const b = base(rng, centre);
          return {
            ...b,
            kind: 'plan',
            planId: b.id,
            title: category,
            category,
            room: '活动室',
            capacity: 20,
            start: '09:30',
            end: '10:30',
            recurrence: { kind: 'weekly', weekdays: [6], from: '2026-09-01' },
          } as ActivityDoc;
        }),
      );
    }
    await d.app.sync.pushMany({ kind: 'district', name: 'fixture' }, [
      { collection: 'members', rows: members.map((m) => ({ newDocumentState: wire(m) })) },
      {
        collection: 'activities',
        rows: [...plans.values()].flat().map((p) => ({ newDocumentState: wire(p) })),
      },
    ]);
  });
  afterAll(async () => {
    await d?.close();
  });

  it('keeps the summaries equal to a recomputation, and the report and overview to their definitions, through random pushes, edits and deletions', async () => {
    let sizes: Record<string, number> = {};
    let figures = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const fresh = CENTRES.flatMap((centre) => [
        ...Array.from({ length: rng.int(20, 50) }, () => newCheckIn(centre)),
        ...Array.from({ length: rng.int(20, 50) }, () => newServing(centre)),
        ...Array.from({ length: rng.int(10, 30) }, () => newMark(centre)),
      ]);
      // Edits and deletions of what earlier rounds pushed, some twice over rounds.
      const changes = [...stored.values()]
        .filter((s) => !s.deleted && rng.chance(0.3))
        .map((before) => ({ next: edited(before), before }));
      await push([...fresh.map((next) => ({ next })), ...changes]);

      // Now and then rows removed outright, as the retention sweep removes them.
      if (round % 2 === 1) {
        const gone = [...stored.values()].filter(() => rng.chance(0.05)).map((s) => s.doc.id);
        await d.db.query('DELETE FROM documents WHERE id = ANY($1::text[])', [gone]);
        for (const id of gone) stored.delete(id);
      }
      sizes = await expectSummariesRebuilt();
      figures += await expectSameFigures();
    }
    // Not a vacuous comparison: every summary holds rows, and the sections had figures.
    for (const [table, n] of Object.entries(sizes)) expect(n, table).toBeGreaterThan(0);
    expect(figures).toBeGreaterThan(50);
    // The traps were laid: duplicate servings, cancelled and deleted check-ins, absent marks.
    const { rows } = await d.db.query<{ duplicates: number; dropped: number; absent: number }>(
      `SELECT (SELECT count(*)::int FROM report_meal_days WHERE served > claimable) AS duplicates,
              (SELECT count(*)::int FROM documents WHERE collection = 'attendance'
                  AND (deleted OR data->>'cancelled' = 'true')) AS dropped,
              (SELECT count(*)::int FROM report_activity_latest WHERE NOT present) AS absent`,
    );
    expect(rows[0]!.duplicates).toBeGreaterThan(0);
    expect(rows[0]!.dropped).toBeGreaterThan(0);
    expect(rows[0]!.absent).toBeGreaterThan(0);
  });
});
