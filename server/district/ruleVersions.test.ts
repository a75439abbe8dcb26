import { afterAll, beforeAll, expect, it } from 'vitest';
import { HybridClock } from '../../shared/hlc';
import { newId } from '../../shared/ids';
import { versionsOf } from '../../shared/rules/ruleVersions';
import { DISTRICT_CENTRE_ID, DISTRICT_RULES_ID, type MealDoc } from '../../shared/schemas';
import { publishToCentres } from '../publish';
import { forEachBackend } from '../testing/backends';
import { makeMember, wire } from '../testing/docs';
import { startTestDistrict, type TestDistrict } from '../testing/harness';
import { monthlyReport } from './reports';
import { adminAndViewer, TEST_SCRYPT_PARAMS, type StaffClient } from './testing';
import type { DistrictApiError, PublishResponse } from './types';

/*
 * Issue 15, point 8: a rate published mid-month does not re-price the meals served before it.
 * One elder of the neediest category has lunch on 3, 10, 20 and 25 March 2026; the district's
 * rules pay ¥15 a lunch until a new rate of ¥18 takes effect on the 16th:
 *   3rd, 10th at ¥15 = 3000 fen; 20th, 25th at ¥18 = 3600 fen; the claim 6600 fen.
 */
const MONTH = '2026-03';
const A = 'c-rv';
const clock = new HybridClock('rvdesk');
const elder = makeMember(A, { kind: 'elder', name: '周一' });
const lunch = (day: string): MealDoc => ({
  id: newId(),
  centreId: A,
  createdAt: `${day}T04:00:00.000Z`,
  updatedAt: clock.tick(),
  updatedBy: 'staff-1',
  kind: 'serving',
  memberId: elder.id,
  day,
  mealType: 'lunch',
  mode: 'dineIn',
  servedAt: `${day}T04:00:00.000Z`,
  servedBy: 'staff-1',
  subsidyCategory: 'neediest',
});

forEachBackend((backend) => {
  let d: TestDistrict;
  let admin: StaffClient;

  beforeAll(async () => {
    d = await startTestDistrict({ ...backend, dashboard: { scryptParams: TEST_SCRYPT_PARAMS } });
    await d.db.query(`INSERT INTO centres (id, name) VALUES ($1, '东城中心')`, [A]);
    await d.app.sync.pushMany({ kind: 'district', name: 'fixture' }, [
      { collection: 'members', rows: [{ newDocumentState: wire(elder) }] },
      {
        collection: 'meals',
        rows: ['2026-03-03', '2026-03-10', '2026-03-20', '2026-03-25'].map((day) => ({
          newDocumentState: wire(lunch(day)),
        })),
      },
    ]);
    ({ admin } = await adminAndViewer(d.db, d.url));
  });
  afterAll(async () => {
    await d?.close();
  });

  const neediestLunch = (fen: number) => ({
    daily: { mealSubsidies: { neediest: { lunch: fen } } },
  });

  it('prices each meal by the rate in force on its day: a mid-month rate keeps earlier meals at the old one', async () => {
    const first = await admin.request<PublishResponse>('POST', '/publish', {
      kind: 'rules',
      title: '2026 年标准',
      effectiveFrom: '2026-01-01',
      settings: neediestLunch(1500),
    });
    expect(first.status).toBe(201);
    const before = await monthlyReport(d.db, { month: MONTH, today: '2026-04-02' });
    expect(before.centres[0]!.figures.meals.amountFen).toBe(4 * 1500);

    const raised = await admin.request<PublishResponse>('POST', '/publish', {
      kind: 'rules',
      title: '提高特困助餐补贴',
      effectiveFrom: '2026-03-16',
      settings: neediestLunch(1800),
    });
    expect(raised.status).toBe(201);

    const report = await monthlyReport(d.db, { month: MONTH, today: '2026-04-02' });
    expect(report.centres[0]!.figures.meals.amountFen).toBe(2 * 1500 + 2 * 1800);
    expect(report.district.meals.amountFen).toBe(6600);
    expect(report.rules.subsidyPeriods).toEqual([
      { from: '2026-03-01', mealSubsidies: { neediest: { lunch: 1500 } } },
      { from: '2026-03-16', mealSubsidies: { neediest: { lunch: 1800 } } },
    ]);
    // February stays all at the old rate; April all at the new one.
    const feb = await monthlyReport(d.db, { month: '2026-02', today: '2026-04-02' });
    expect(feb.rules.subsidyPeriods.map((p) => p.mealSubsidies.neediest?.lunch)).toEqual([1500]);

    // The district keeps both versions, dated, in the one rules document the desks pull.
    const { rows } = await d.db.query<{ data: { title: string; publishedAt: string } }>(
      `SELECT data FROM documents WHERE collection = 'district' AND id = $1`,
      [DISTRICT_RULES_ID],
    );
    expect(versionsOf(rows[0]!.data).map((v) => [v.effectiveFrom, v.title])).toEqual([
      ['2026-01-01', '2026 年标准'],
      ['2026-03-16', '提高特困助餐补贴'],
    ]);
  });

  it('reads a rules document from before versions as in force since always, and keeps it as the first version', async () => {
    // A document as an older server wrote it: settings, no versions.
    const old = {
      id: DISTRICT_RULES_ID,
      centreId: DISTRICT_CENTRE_ID,
      createdAt: '2025-12-01T00:00:00.000Z',
      updatedAt: new HybridClock('district').tick(),
      updatedBy: 'old',
      kind: 'rules' as const,
      title: '旧标准',
      publishedAt: '2025-12-01T00:00:00.000Z',
      settings: neediestLunch(1200),
    };
    await d.db.query(`UPDATE documents SET data = $1 WHERE collection = 'district' AND id = $2`, [
      JSON.stringify(old),
      DISTRICT_RULES_ID,
    ]);
    const report = await monthlyReport(d.db, { month: MONTH, today: '2026-04-02' });
    expect(report.district.meals.amountFen).toBe(4 * 1200);

    await publishToCentres(
      d.db,
      d.app.sync,
      {
        kind: 'rules',
        title: '新标准',
        effectiveFrom: '2026-03-16',
        settings: neediestLunch(1800),
      },
      'wang',
      '2026-03-10',
    );
    const after = await monthlyReport(d.db, { month: MONTH, today: '2026-04-02' });
    expect(after.district.meals.amountFen).toBe(2 * 1200 + 2 * 1800);
    // A desk that knows no versions reads the top level: the rules in force on the day published.
    const { rows } = await d.db.query<{ data: { settings: Record<string, unknown> } }>(
      `SELECT data FROM documents WHERE collection = 'district' AND id = $1`,
      [DISTRICT_RULES_ID],
    );
    expect(rows[0]!.data.settings.daily).toEqual(neediestLunch(1200).daily);
  });

  it('refuses an effective date that is not a date, naming the field', async () => {
    const res = await admin.request<DistrictApiError & { error: { field: string } }>(
      'POST',
      '/publish',
      { kind: 'rules', title: '错', effectiveFrom: '16/03/2026', settings: neediestLunch(1800) },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('effectiveFrom');
  });
});
