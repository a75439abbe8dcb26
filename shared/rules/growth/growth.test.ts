import { describe, expect, it } from 'vitest';
import { evaluateGrowth, indicatorResult, lmsZ } from './evaluate';
import { checksOf, dosesOf, nextCheck } from './schedules';
import { WST423_2022 } from './wst423';

describe('WS/T 423—2022 附录 B', () => {
  it('holds the printed rows (表 B.1 男童 0月; 表 B.2 女童 0月; 表 B.11 男童 36月)', () => {
    expect(WST423_2022.weightForAge.M.rows[0]).toEqual([0, 2.4, 2.7, 3.1, 3.5, 3.9, 4.3, 4.7]);
    expect(WST423_2022.weightForAge.F.rows[0]).toEqual([0, 2.3, 2.6, 3, 3.3, 3.7, 4.1, 4.6]);
    expect(WST423_2022.headForAge.M.rows.at(-1)).toEqual([
      36, 45.7, 46.8, 48.1, 49.3, 50.7, 52.1, 53.5,
    ]);
  });

  it('reads SD scores between the SD columns; 表 3 words at the printed cut-offs', () => {
    // 表 B.1, 1岁 (12 months) boy: −2SD 8.2 kg, −3SD 7.4 kg.
    const at = (weightKg: number) =>
      indicatorResult('wst423', 'weightForAge', { sex: 'M', ageMonths: 12, weightKg })!.sd;
    expect(at(8.2)).toBeCloseTo(-2, 10);
    expect(at(10.1)).toBeCloseTo(0, 10);
    expect(evaluateGrowth({ sex: 'M', ageMonths: 12, weightKg: 8.1 }).statuses).toEqual([
      'underweight',
    ]);
    expect(evaluateGrowth({ sex: 'M', ageMonths: 12, weightKg: 8.2 }).statuses).toEqual([]);
    expect(evaluateGrowth({ sex: 'M', ageMonths: 12, weightKg: 7.3 }).statuses).toEqual([
      'severeUnderweight',
    ]);
  });
});

describe('WHO 2006 LMS', () => {
  it('gives z = 0 at the median M (weight-for-age, boys, 0 months: L 0.3487, M 3.3464, S 0.14602)', () => {
    expect(lmsZ([0.3487, 3.3464, 0.14602], 3.3464, true)).toBeCloseTo(0, 10);
  });
});

describe('schedules', () => {
  it('lists the 1-month check overdue and the birth doses missing for a 3-month-old with no record', () => {
    const checks = checksOf('2026-01-01', [], '2026-04-02');
    expect(checks[0]).toMatchObject({ month: 1, state: 'overdue' });
    // The one to do now is the 3-month check, not the 1-month one missed before it.
    expect(nextCheck(checks)).toMatchObject({ month: 3, state: 'due' });
    const doses = dosesOf('2026-01-01', [{ vaccine: 'BCG', dose: 1 }], '2026-04-02');
    expect(doses.find((d) => d.vaccine === 'BCG')!.state).toBe('done');
    expect(doses.find((d) => d.vaccine === 'HepB' && d.dose === 1)!.state).toBe('missing');
  });

  it('asks for no check of a 3-year-old whose 36-month check is recorded, though earlier ones are not', () => {
    const checks = checksOf('2023-06-01', [36], '2026-06-01');
    expect(checks.find((c) => c.month === 1)!.state).toBe('overdue');
    expect(nextCheck(checks)).toBeUndefined();
    // A month before the 48-month check nothing is asked; at 4 years it is due, then overdue.
    expect(nextCheck(checksOf('2023-06-01', [36], '2027-05-01'))).toBeUndefined();
    expect(nextCheck(checksOf('2023-06-01', [36], '2027-06-01'))).toMatchObject({
      month: 48,
      state: 'due',
    });
    expect(nextCheck(checksOf('2023-06-01', [36], '2027-09-01'))).toMatchObject({
      month: 48,
      state: 'overdue',
    });
  });
});
