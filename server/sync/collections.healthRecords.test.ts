/**
 * The district checks every pushed health record against what its kind requires
 * (shared/schemas/healthRecords.ts `HEALTH_RECORD_REQUIRED`), not only the schema's `required`:
 * the desk's RxDB schema cannot say it (z-schema knows no `if`/`then`), so it is laid over the
 * schema for the district's validator (shared/schemas/bounds.ts).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_COLLECTIONS, DocumentValidator, cleanWireDoc } from './collections';

const base = {
  centreId: 'c1',
  createdAt: '2026-11-23T03:30:00.000Z',
  updatedAt: '2026-11-23T03:30:00.000Z-0000-d0a1b2c3d4e5',
  updatedBy: 's1',
  memberId: 'p1',
};

const check = (doc: Record<string, unknown>) =>
  new DocumentValidator(DEFAULT_COLLECTIONS).check('healthRecords', cleanWireDoc(doc)!);

const ability = {
  ...base,
  id: 'a1',
  kind: 'ability',
  assessedOn: '2026-11-20',
  assessorId: 's1',
  reason: 'first',
  answers: { 'B.1.1': 4, 'B.4.5': 2 },
  total: 70,
  level: 'mild',
  dueOn: '2027-11-20',
};
const childCheck = {
  ...base,
  id: 'c1',
  kind: 'check',
  day: '2026-11-20',
  at: '2026-11-20T02:00:00.000Z',
  by: 's1',
  checkMonth: 36,
  heightCm: 93.7,
  weightKg: 13.9,
};
const dose = {
  ...base,
  id: 'd1',
  kind: 'dose',
  day: '2026-11-20',
  at: '2026-11-20T02:00:00.000Z',
  by: 's1',
  vaccine: 'MMR',
  dose: 1,
  givenOn: '2025-01-05',
};
const attention = {
  ...base,
  id: 't1',
  kind: 'attention',
  day: '2026-11-20',
  at: '2026-11-20T02:00:00.000Z',
  by: 's1',
  reasons: ['underweight'],
  plan: '每月测体重',
  followUpOn: '2026-12-20',
  followUps: [],
};

describe('the district checks healthRecords documents kind by kind', () => {
  it('accepts an ability assessment, a check, a dose and a 体弱儿 record', () => {
    for (const doc of [ability, childCheck, dose, attention])
      expect(check(doc), doc.kind).toEqual([]);
  });

  it("refuses an ability assessment without its level or due day, naming what's missing", () => {
    const { level: _l, dueOn: _d, ...half } = ability;
    void _l;
    void _d;
    const reasons = check(half).join('\n');
    expect(reasons).toContain('level');
    expect(reasons).toContain('dueOn');
  });

  it('refuses a check without its month, and any child record without its day or author', () => {
    const { checkMonth: _m, ...noMonth } = childCheck;
    void _m;
    expect(check(noMonth).join('\n')).toContain('checkMonth');
    const { day: _d, by: _b, ...noDay } = dose;
    void _d;
    void _b;
    const reasons = check(noDay).join('\n');
    expect(reasons).toContain('day');
    expect(reasons).toContain('by');
  });

  it('refuses an unknown kind and answers keyed other than by the standard’s item numbers', () => {
    expect(check({ ...childCheck, kind: 'xray' })).not.toEqual([]);
    expect(check({ ...ability, answers: { 'free text': 4 } })).not.toEqual([]);
  });
});
