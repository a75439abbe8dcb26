/**
 * The monthly report's assessment and certificate lines, hand-worked for November 2026 at one
 * centre. Levels are those of GB/T 42195-2022 表2 (the desk computes them; the district counts the
 * latest per elder); reassessments are due 12 months after a first or periodic assessment.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HybridClock } from '../../shared/hlc';
import { newId } from '../../shared/ids';
import type { AssessmentDoc } from '../../shared/schemas';
import { forEachBackend } from '../testing/backends';
import { makeMember, wire } from '../testing/docs';
import { startTestDistrict, type TestDistrict } from '../testing/harness';
import { monthlyReport } from './reports';
import { reportWorkbook } from './reportSheet';

const A = 'c-assess';
const clock = new HybridClock('assessdesk');
const MONTH = '2026-11';
const TODAY = '2026-12-05';

const elder = (name: string) =>
  makeMember(A, { kind: 'elder', name, createdAt: '2025-01-01T00:00:00.000Z' });
const zhang = elder('张一'); // assessed in November 2025, due 2026-11-20: due in the month and overdue at its end
const li = elder('李二'); // first 2026-11-03 轻度失能, corrected the same day to 中度失能
const wang = elder('王三'); // never assessed
const zhao = elder('赵四'); // assessed 2026-12-01: after the month, not counted

function assessment(
  memberId: string,
  assessedOn: string,
  level: AssessmentDoc['level'],
  dueOn: string,
  reason: AssessmentDoc['reason'] = 'first',
  createdAt = `${assessedOn}T02:00:00.000Z`,
): AssessmentDoc {
  return {
    id: newId(),
    centreId: A,
    createdAt,
    updatedAt: clock.tick(),
    updatedBy: 'staff-h',
    kind: 'ability',
    memberId,
    assessedOn,
    assessorId: 'staff-h',
    reason,
    answers: {},
    total: { intact: 90, mild: 70, moderate: 50, severe: 35, total: 10 }[level],
    level,
    dueOn,
  };
}

const assessments = [
  assessment(zhang.id, '2025-11-20', 'severe', '2026-11-20'),
  assessment(li.id, '2026-11-03', 'mild', '2027-11-03'),
  assessment(
    li.id,
    '2026-11-03',
    'moderate',
    '2027-11-03',
    'correction',
    '2026-11-03T05:00:00.000Z',
  ),
  assessment(zhao.id, '2026-12-01', 'intact', '2027-12-01'),
];

const staffDoc = (
  id: string,
  role: string,
  certificates: { kind: string; expiresOn: string }[],
) => ({
  id,
  centreId: A,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: clock.tick(),
  updatedBy: 'staff-m',
  name: id,
  pinyin: id,
  initials: id,
  role,
  active: true,
  certificates,
});

forEachBackend((backend) => {
  let d: TestDistrict;
  beforeAll(async () => {
    d = await startTestDistrict(backend);
    await d.db.query(`INSERT INTO centres (id, name) VALUES ($1, '评估中心')`, [A]);
    await d.app.sync.pushMany({ kind: 'district', name: 'fixture' }, [
      {
        collection: 'members',
        rows: [zhang, li, wang, zhao].map((m) => ({ newDocumentState: wire(m) })),
      },
      {
        collection: 'healthRecords',
        rows: assessments.map((a) => ({ newDocumentState: wire(a) })),
      },
    ]);
    // Staff records need a manager's signature to come through the sync; stored as they are here.
    const staff = [
      staffDoc('care-ok', 'caregiver', [{ kind: 'elderCaregiver', expiresOn: '2027-06-30' }]),
      staffDoc('care-expired', 'caregiver', [{ kind: 'elderCaregiver', expiresOn: '2026-11-15' }]),
      staffDoc('care-none', 'caregiver', []),
      staffDoc('health-expired', 'healthWorker', [
        { kind: 'abilityAssessor', expiresOn: '2026-10-01' },
      ]),
    ];
    for (const [i, s] of staff.entries())
      await d.db.query(
        `INSERT INTO documents (collection, id, centre_id, seq, data, content_hash)
         VALUES ('staff', $1, $2, $3, $4, 'x')`,
        [s.id, A, 900_000 + i, JSON.stringify(s)],
      );
  });
  afterAll(async () => {
    await d?.close();
  });

  it('counts assessments done and due and certificates expired or missing, by hand', async () => {
    const report = await monthlyReport(d.db, { month: MONTH, today: TODAY, centreId: A });
    const expected = {
      // 李二's first assessment and its correction, both on 2026-11-03.
      done: 2,
      corrections: 1,
      // Latest of each elder in care at 2026-11-30: 张一 重度失能, 李二 中度失能 (the correction).
      byLevel: { intact: 0, mild: 0, moderate: 1, severe: 1, total: 0 },
      // 王三 never; 赵四's assessment is in December.
      notAssessed: 2,
      // 张一, due 2026-11-20: within November, and overdue at its end.
      dueInMonth: 1,
      overdue: 1,
      // care-expired and health-expired hold an expired certificate; care-expired (its only care
      // certificate expired) and care-none lack the care certificate a caregiver needs.
      certificatesExpired: 2,
      certificatesMissing: 2,
    };
    expect(report.assessments.centres[A]).toEqual(expected);
    expect(report.assessments.district).toEqual(expected);

    // The workbook's own sheet says the same, in Chinese.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await reportWorkbook(report)) as never);
    const sheet = book.getWorksheet('能力评估与持证')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 4)).toEqual([
      '中心',
      '本月评估次数',
      '其中更正',
    ]);
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([
      '评估中心',
      2,
      1,
      0,
      0,
      1,
      1,
      0,
      2,
      1,
      1,
      2,
      2,
    ]);
  });
});
