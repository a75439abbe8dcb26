import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AttendanceDoc, MemberDoc } from '../../shared/schemas';
import type { PushGroup } from '../sync/service';
import { forEachBackend } from '../testing/backends';
import { makeAttendance, makeMember, wire } from '../testing/docs';
import { startTestDistrict, type TestDistrict } from '../testing/harness';
import { calendarDay, isCalendarDay } from './overview';
import { addStaff, staffClient, TEST_SCRYPT_PARAMS, type StaffClient } from './testing';
import type { CentreOverview, DistrictApiError, OverviewResponse } from './types';

const CENTRES = 300;
const DAY = '2026-11-20';
const STALE_DAYS = 3;
const centreId = (i: number) => `c${String(i).padStart(3, '0')}`;

/** Sensitive values put on people; none may appear in the overview. */
const SECRETS = ['110101195003041234', '13800138000', 'hypertension', '王监护', 'Dr. Li note'];

/**
 * Centre i: (i % 5) + 1 active elders and i % 3 children, plus one elder who left and one deleted
 * member (neither registered). Today (DAY) the first (i % 4) elders come, capped at the elders
 * there are, and the first child comes when there is one; the first elder checks in twice today;
 * one more of today's visits is cancelled; one staff member and i % 2 visitors sign in. Earlier
 * this month (the 3rd) every active elder comes; visits of last month and of tomorrow do not count.
 */
function centreFixture(i: number) {
  const centre = centreId(i);
  const elders = (i % 5) + 1;
  const children = i % 3;
  const sensitive = {
    idNumber: SECRETS[0],
    phone: SECRETS[1],
    healthNotes: SECRETS[2],
    note: SECRETS[4],
  };
  const members: MemberDoc[] = [
    ...Array.from({ length: elders }, () => makeMember(centre, { kind: 'elder', ...sensitive })),
    ...Array.from({ length: children }, () =>
      makeMember(centre, {
        kind: 'child',
        birthDate: '2023-05-01',
        guardians: [{ id: 'g1', name: SECRETS[3]!, relation: 'mother', phone: SECRETS[1] }],
      }),
    ),
  ];
  const left = makeMember(centre, { kind: 'elder', status: 'left' });
  const deleted = makeMember(centre, { kind: 'child' });
  const at = (day: string) => `${day}T01:30:00.000Z`;
  const visit = (memberId: string, day: string, extra: Partial<AttendanceDoc> = {}) =>
    makeAttendance(centre, memberId, { day, checkInAt: at(day), ...extra });
  const todayElders = Math.min(i % 4, elders);
  const todayChildren = children > 0 ? 1 : 0;
  const visitors = i % 2;
  const attendance: AttendanceDoc[] = [
    ...members.slice(0, todayElders).map((m) => visit(m.id, DAY)),
    ...(todayElders > 0 ? [visit(members[0]!.id, DAY, { status: 'out' })] : []),
    ...(todayChildren ? [visit(members[elders]!.id, DAY)] : []),
    visit(members[elders - 1]!.id, DAY, { cancelled: true }),
    visit(`staff-${i}`, DAY, { personKind: 'staff' }),
    ...Array.from({ length: visitors }, (_, k) =>
      visit(`visitor-${i}-${k}`, DAY, {
        personKind: 'visitor',
        visitor: { name: '访客', phone: SECRETS[1] },
      }),
    ),
    ...members.slice(0, elders).map((m) => visit(m.id, '2026-11-03')),
    visit(members[0]!.id, '2026-10-31'),
    visit(members[0]!.id, '2026-11-21'),
    visit(left.id, '2026-11-04'),
  ];
  // The elder who left still came on the 4th: that visit counts as an attendance day.
  const expected = {
    members: { elders, children },
    today: { elders: todayElders, children: todayChildren, staff: 1, visitors },
    month: {
      elderAttendanceDays: todayElders + elders + 1,
      childAttendanceDays: todayChildren,
      visitors,
    },
  };
  return { members: [...members, left], deleted, attendance, expected };
}

/** Centre i's devices: one that last synced (i % 7) days and an hour ago; none for every 50th. */
function lastSyncDaysAgo(i: number): number | null {
  return i % 50 === 0 ? null : i % 7;
}

forEachBackend((backend) => {
  let d: TestDistrict;
  let viewer: StaffClient;
  const expected = new Map<string, ReturnType<typeof centreFixture>['expected']>();

  beforeAll(async () => {
    d = await startTestDistrict({
      ...backend,
      dashboard: { scryptParams: TEST_SCRYPT_PARAMS, dashboard: { staleDays: STALE_DAYS } },
    });
    await d.db.query(
      `INSERT INTO centres (id, name)
       SELECT 'c' || lpad(i::text, 3, '0'), 'Centre ' || lpad(i::text, 3, '0')
         FROM generate_series(1, $1) AS i`,
      [CENTRES],
    );
    // Devices as enrolment makes them; last seen set as if they had synced then.
    await d.db.query(
      `INSERT INTO devices (id, centre_id, name, token_hash, last_seen_at)
       SELECT 'd' || lpad(i::text, 3, '0'), 'c' || lpad(i::text, 3, '0'), 'desk ' || i,
              md5('token' || i), now() - make_interval(days => i % 7, hours => 1)
         FROM generate_series(1, $1) AS i WHERE i % 50 <> 0`,
      [CENTRES],
    );
    // Every 10th centre also has a revoked device that synced a minute ago: it does not count.
    await d.db.query(
      `INSERT INTO devices (id, centre_id, name, token_hash, last_seen_at, revoked_at, revoked_reason)
       SELECT 'r' || lpad(i::text, 3, '0'), 'c' || lpad(i::text, 3, '0'), 'old desk',
              md5('revoked' || i), now() - interval '1 minute', now(), 'replaced'
         FROM generate_series(10, $1, 10) AS i`,
      [CENTRES],
    );

    // Documents go in through the sync service, validated and stored as a desk's push is.
    const groups: PushGroup[] = [];
    for (let i = 1; i <= CENTRES; i++) {
      const f = centreFixture(i);
      expected.set(centreId(i), f.expected);
      groups.push(
        {
          collection: 'members',
          rows: [
            ...f.members.map((m) => ({ newDocumentState: wire(m) })),
            { newDocumentState: wire(f.deleted, true) },
          ],
        },
        {
          collection: 'attendance',
          rows: f.attendance.map((a) => ({ newDocumentState: wire(a) })),
        },
      );
    }
    const actor = { kind: 'district', name: 'fixture' } as const;
    let batch: PushGroup[] = [];
    let size = 0;
    for (const g of groups) {
      // Each push names the centres it changed in one NOTIFY, which PostgreSQL caps at 8000 bytes.
      if (size + g.rows.length > 900 || batch.length >= 40) {
        await d.app.sync.pushMany(actor, batch);
        batch = [];
        size = 0;
      }
      batch.push(g);
      size += g.rows.length;
    }
    if (batch.length > 0) await d.app.sync.pushMany(actor, batch);

    await addStaff(d.db, 'li', 'viewer');
    viewer = staffClient(d.url);
    expect((await viewer.login('li')).status).toBe(200);
  });
  afterAll(async () => {
    await d?.close();
  });

  const overview = async (query: string) => {
    const started = performance.now();
    const res = await viewer.request<OverviewResponse>('GET', `/overview${query}`);
    const ms = Math.round(performance.now() - started);
    console.info(`overview of ${CENTRES} centres on ${backend.kind}: ${ms} ms`);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('gives every centre its devices, last sync, stale warning and figures', async () => {
    const body = await overview(`?day=${DAY}`);
    expect(body).toMatchObject({ day: DAY, month: '2026-11', staleDays: STALE_DAYS });
    expect(body.centres).toHaveLength(CENTRES);
    expect(body.centres.map((c) => c.id)).toEqual(
      Array.from({ length: CENTRES }, (_, k) => centreId(k + 1)),
    );
    for (let i = 1; i <= CENTRES; i++) {
      const c = body.centres[i - 1]!;
      const days = lastSyncDaysAgo(i);
      expect(c.name).toBe(`Centre ${String(i).padStart(3, '0')}`);
      expect(c.stale, c.id).toBe(days === null || days >= STALE_DAYS);
      const ids = c.id.slice(1);
      expect(c.devices.map((x) => x.id)).toEqual([
        ...(days === null ? [] : [`d${ids}`]),
        ...(i % 10 === 0 ? [`r${ids}`] : []),
      ]);
      if (days === null) {
        expect(c.lastSyncAt).toBeNull();
      } else {
        const ago = (Date.now() - Date.parse(c.lastSyncAt!)) / 3600_000;
        expect(ago, c.id).toBeGreaterThan(days * 24 + 0.9);
        expect(ago, c.id).toBeLessThan(days * 24 + 1.1);
      }
      expect(c.figures, c.id).toEqual(expected.get(c.id));
    }
    // Worked out by hand for one centre: c007 has 3 elders and 1 child; today elders 0, 1 and 2
    // come (the first twice), the child comes, and a visit of elder 2 is cancelled; on the 3rd all
    // 3 elders came; the elder who left came on the 4th.
    expect(body.centres[6]!.figures).toEqual({
      members: { elders: 3, children: 1 },
      today: { elders: 3, children: 1, staff: 1, visitors: 1 },
      month: { elderAttendanceDays: 7, childAttendanceDays: 1, visitors: 1 },
    });
  });

  it('takes the stale threshold from the query, and the day from the district calendar', async () => {
    const body = await overview('?staleDays=6');
    expect(body.staleDays).toBe(6);
    expect(body.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const stale = body.centres.filter((c) => c.stale).map((c) => c.id);
    expect(stale).toEqual(
      Array.from({ length: CENTRES }, (_, k) => k + 1)
        .filter((i) => {
          const days = lastSyncDaysAgo(i);
          return days === null || days >= 6;
        })
        .map(centreId),
    );
    for (const bad of ['?staleDays=0', '?staleDays=abc', '?day=2026-02-30', '?day=today']) {
      const res = await viewer.request<DistrictApiError>('GET', `/overview${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
    }
  });

  it('never returns anything about a person beyond counts', async () => {
    const res = await viewer.request<OverviewResponse>('GET', `/overview?day=${DAY}`);
    const text = JSON.stringify(res.body);
    for (const secret of [...SECRETS, '张三', 'zhangsan', '访客', 'visitor-', 'staff-']) {
      expect(text).not.toContain(secret);
    }
    const keys = (c: CentreOverview) => ({
      centre: Object.keys(c).sort(),
      figures: Object.keys(c.figures).sort(),
      device: c.devices[0] ? Object.keys(c.devices[0]).sort() : null,
    });
    expect(keys(res.body.centres[0]!)).toEqual({
      centre: ['childPlaces', 'devices', 'figures', 'id', 'lastSyncAt', 'name', 'stale'],
      figures: ['members', 'month', 'today'],
      device: ['id', 'lastSeenAt', 'name', 'revokedAt'],
    });
  });

  it('uses the attendance day index', async () => {
    // A test-sized table may be read in full; with the planner told to avoid that, the index is
    // there to use.
    await d.db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      const plan = await tx.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT count(*) FROM documents
          WHERE collection = 'attendance' AND data->>'day' >= '2026-11-01' AND data->>'day' <= '${DAY}'`,
      );
      expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain(
        'documents_attendance_day_idx',
      );
    });
  });
});

it("takes today from the district's time zone, and knows real dates", () => {
  const evening = new Date('2026-11-20T17:30:00Z');
  expect(calendarDay(evening, 'Asia/Shanghai')).toBe('2026-11-21');
  expect(calendarDay(evening, 'UTC')).toBe('2026-11-20');
  expect(isCalendarDay('2026-02-28')).toBe(true);
  expect(isCalendarDay('2026-02-29')).toBe(false);
  expect(isCalendarDay('2026-2-28')).toBe(false);
});
