/*
 * The monthly report's visit-list figures read only the month and each elder's last visit before
 * it (reports.ts VISITS_SQL), found through indexes on `at` as the desk wrote it. This test holds
 * them to the desk's own rule run over every visit ever recorded: two years of random visits of a
 * dozen listed elders, with instants written in offsets from −08:00 to +14:00 (so that the day as
 * written is often not the day in Shanghai), some of them long before the month reported, some
 * not counted (a doctor's round, a call that did not get through), some deleted.
 */
import { endOfMonth, format, parseISO, subDays } from 'date-fns';
import { beforeAll, afterAll, expect, it } from 'vitest';
import { HybridClock } from '../../shared/hlc';
import { newId } from '../../shared/ids';
import { DEFAULT_DAILY_RULES, VISIT_KINDS } from '../../shared/rules/dailySettings';
import {
  monthlyCompletion,
  type VisitListEntry,
  type VisitRecord,
} from '../../shared/rules/visits';
import type { MemberDoc, VisitDoc } from '../../shared/schemas';
import { RISK_LEVELS } from '../../shared/schemas/members';
import { listingId } from '../../shared/schemas/visits';
import { Rng } from '../fixtures/generate';
import { forEachBackend } from '../../server/testing/backends';
import { makeMember, wire } from '../../server/testing/docs';
import { startTestDistrict, type TestDistrict } from '../../server/testing/harness';
import { monthlyReport } from '../../server/district/reports';

const CENTRE = 'c-visits';
const TODAY = '2026-12-01';
const MONTHS = ['2025-06', '2026-01', '2026-03', '2026-10', '2026-11'];
const OFFSETS = ['-08:00', '-03:30', 'Z', '+05:45', '+08:00', '+09:00', '+14:00'];
const clock = new HybridClock('visitsdesk');
const rng = new Rng(20_261_206);

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant written in `offset`, its wall-clock time there a random time of `day`. */
function writtenAt(day: string, offset: string): string {
  const time = `${pad(rng.int(0, 23))}:${pad(rng.int(0, 59))}:00.000`;
  return `${day}T${time}${offset}`;
}

/** The instant as a wall-clock time in Shanghai (UTC+8 all year), as the report gives the rule. */
const shanghai = (at: string) =>
  new Date(new Date(at).getTime() + 8 * 3_600_000).toISOString().slice(0, 23);

const elders = Array.from({ length: 12 }, (_, i) =>
  makeMember(CENTRE, { kind: 'elder', name: `老人${i + 1}` }),
);
const listings: VisitDoc[] = elders.map(
  (e, i) =>
    ({
      id: listingId(e.id),
      centreId: CENTRE,
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: clock.tick(),
      updatedBy: 'staff-1',
      kind: 'listing',
      memberId: e.id,
      risk: RISK_LEVELS[i % RISK_LEVELS.length],
      listedOn: i < 8 ? '2025-01-01' : '2026-02-15',
    }) as VisitDoc,
);
/** A home visit of `member` at `at`, unless `extra` says otherwise. */
const contact = (member: MemberDoc, at: string, extra: Partial<VisitDoc> = {}): VisitDoc =>
  ({
    id: newId(),
    centreId: CENTRE,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: clock.tick(),
    updatedBy: 'staff-1',
    kind: 'visit',
    memberId: member.id,
    visitKind: 'home',
    at,
    visitedBy: 'staff-1',
    ...extra,
  }) as VisitDoc;

const contacts: { doc: VisitDoc; deleted: boolean }[] = elders.flatMap((e) =>
  Array.from({ length: rng.int(10, 40) }, () => {
    const day = new Date(Date.UTC(2025, 0, 1) + rng.int(0, 698) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const doc = contact(e, writtenAt(day, OFFSETS[rng.int(0, OFFSETS.length - 1)]!), {
      visitKind: VISIT_KINDS[rng.int(0, VISIT_KINDS.length - 1)],
      ...(rng.chance(0.15) ? { reached: false } : {}),
    });
    return { doc, deleted: rng.chance(0.05) };
  }),
);

/**
 * Besides the random ones, visits laid on each reported month's edges, written where the day as
 * written is not Shanghai's: the evening before the 1st at −08:00 (the 1st in Shanghai), the
 * small hours of the 1st at +14:00 (the day before in Shanghai), the evening of the last day at
 * −08:00 (the next month in Shanghai).
 */
for (const month of MONTHS) {
  const first = parseISO(`${month}-01`);
  const dayBefore = format(subDays(first, 1), 'yyyy-MM-dd');
  const last = format(endOfMonth(first), 'yyyy-MM-dd');
  const edges = [
    `${dayBefore}T20:00:00.000-08:00`,
    `${month}-01T03:00:00.000+14:00`,
    `${last}T20:00:00.000-08:00`,
  ];
  elders.slice(0, 6).forEach((e, i) => {
    contacts.push({ doc: contact(e, edges[i % edges.length]!), deleted: false });
  });
}

/** The desk's rule over every visit not deleted, as the district's report should count it. */
function expected(month: string) {
  const rules = DEFAULT_DAILY_RULES.visits;
  const records: VisitRecord[] = contacts
    .filter((c) => !c.deleted)
    .map(({ doc }) => ({
      id: doc.id,
      centreId: CENTRE,
      memberId: doc.memberId!,
      kind: doc.visitKind!,
      at: shanghai(doc.at!),
      visitedBy: '',
      ...(doc.reached !== undefined ? { reached: doc.reached } : {}),
    }));
  const list: VisitListEntry[] = listings.map((l) => ({
    memberId: l.memberId!,
    risk: l.risk!,
    listedOn: l.listedOn!,
  }));
  const completion = monthlyCompletion(list, records, [], rules, month, TODAY);
  const inMonth = records.filter((r) => r.at.slice(0, 7) === month);
  return {
    due: completion.due,
    completed: completion.completed,
    pending: completion.pending,
    recorded: inMonth.length,
    counted: inMonth.filter((r) => rules.countedKinds.includes(r.kind) && r.reached !== false)
      .length,
  };
}

forEachBackend((backend) => {
  let d: TestDistrict;

  beforeAll(async () => {
    d = await startTestDistrict(backend);
    await d.db.query(`INSERT INTO centres (id, name) VALUES ($1, '东城中心')`, [CENTRE]);
    await d.app.sync.pushMany({ kind: 'district', name: 'fixture' }, [
      { collection: 'members', rows: elders.map((m) => ({ newDocumentState: wire(m) })) },
      {
        collection: 'visits',
        rows: [
          ...listings.map((l) => ({ newDocumentState: wire(l) })),
          ...contacts.map((c) => ({ newDocumentState: wire(c.doc, c.deleted) })),
        ],
      },
    ]);
  });
  afterAll(async () => {
    await d?.close();
  });

  it("counts the visit list of any month as the desk's rule does over every visit ever made", async () => {
    for (const month of MONTHS) {
      const report = await monthlyReport(d.db, { month, today: TODAY });
      const want = expected(month);
      expect(report.district.visits, month).toMatchObject(want);
      // Not a vacuous check: some of these months owe visits, and some were missed.
      if (month === '2026-10') expect(want.due).toBeGreaterThan(0);
    }
    const all = MONTHS.map(expected);
    expect(all.some((m) => m.completed < m.due)).toBe(true);
    expect(all.some((m) => m.completed > 0)).toBe(true);
  });
});
