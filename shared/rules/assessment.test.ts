/**
 * GB/T 42195-2022《老年人能力评估规范》: 表1 (the 26 indicators in four parts), 附录B (B.1–B.4, each
 * item's answers and scores), 表2 老年人能力等级划分 (the level cut-offs) and 附录C C.3 能力等级变更
 * 依据 (coma; dementia or mental disorder; two or more care-risk events in 30 days).
 */
import { describe, expect, it } from 'vitest';
import {
  ASSESSMENT_ITEMS,
  checkAnswers,
  finalLevel,
  holdsAssessorCertificate,
  latestAssessment,
  levelOfTotal,
  reassessmentDue,
  reassessmentState,
  scoresOf,
  type AssessmentAnswers,
} from './assessment';
import { DEFAULT_RULES, mergeRules, validateRules } from './settings';
import { subsidyCategoryOf } from './subsidyCategory';

const best = (): AssessmentAnswers =>
  Object.fromEntries(ASSESSMENT_ITEMS.map((i) => [i.id, i.options[0]!.score]));

/** Answers whose total is `total`: the best answers, then items lowered one point at a time. */
function answersTotalling(total: number): AssessmentAnswers {
  const a = best();
  let over = 90 - total;
  for (const item of ASSESSMENT_ITEMS)
    while (over > 0 && a[item.id]! > 0) {
      a[item.id]!--;
      over--;
    }
  return a;
}

describe('GB/T 42195-2022 表1 and 附录B: the indicators and their scores', () => {
  it('has 26 items in the four parts: 8 self-care, 4 mobility, 9 mental state, 5 perception', () => {
    const count = (part: string) => ASSESSMENT_ITEMS.filter((i) => i.part === part).length;
    expect(ASSESSMENT_ITEMS).toHaveLength(26);
    expect([count('selfCare'), count('mobility'), count('mental'), count('perception')]).toEqual([
      8, 4, 9, 5,
    ]);
  });

  it('scores each part to the standard: B.1 32, B.2 15, B.3 28, B.4 15, 90 in all', () => {
    expect(scoresOf(best())).toEqual({
      selfCare: 32,
      mobility: 15,
      mental: 28,
      perception: 15,
      total: 90,
    });
  });

  it('offers the standard answers of the odd items: 上下楼梯 0–3, 攻击行为 0–1, 意识水平 0–2, 视力 0–2, 交通 0–3', () => {
    const scores = (id: string) =>
      ASSESSMENT_ITEMS.find((i) => i.id === id)!.options.map((o) => o.score);
    expect(scores('B.2.4')).toEqual([3, 2, 1, 0]);
    expect(scores('B.3.7')).toEqual([1, 0]);
    expect(scores('B.3.8')).toEqual([1, 0]);
    expect(scores('B.3.9')).toEqual([2, 1, 0]);
    expect(scores('B.4.1')).toEqual([2, 1, 0]);
    expect(scores('B.4.2')).toEqual([2, 1, 0]);
    expect(scores('B.4.4')).toEqual([3, 2, 1, 0]);
    expect(scores('B.1.1')).toEqual([4, 3, 2, 1, 0]);
  });

  it('names a missing item and a score the item does not offer', () => {
    const a = best();
    delete a['B.1.3'];
    a['B.3.7'] = 3;
    expect(checkAnswers(a)).toEqual([
      { item: 'B.1.3', problem: 'missing' },
      { item: 'B.3.7', problem: 'notAnOption' },
    ]);
    expect(checkAnswers(best())).toEqual([]);
  });
});

describe('GB/T 42195-2022 表2: the level of a total, at every cut-off', () => {
  it.each([
    [90, 'intact'],
    [89, 'mild'],
    [66, 'mild'],
    [65, 'moderate'],
    [46, 'moderate'],
    [45, 'severe'],
    [30, 'severe'],
    [29, 'total'],
    [0, 'total'],
  ] as const)('a total of %i is %s', (total, level) => {
    expect(scoresOf(answersTotalling(total)).total).toBe(total);
    expect(levelOfTotal(total)).toBe(level);
  });

  it('refuses a total outside 0–90', () => {
    expect(() => levelOfTotal(91)).toThrow(RangeError);
    expect(() => levelOfTotal(-1)).toThrow(RangeError);
  });
});

describe('GB/T 42195-2022 附录C C.3: changes to the level', () => {
  it('coma is 完全失能 whatever the total', () => {
    expect(finalLevel(70, { coma: true })).toBe('total');
  });
  it('a diagnosed dementia raises 能力完好 (90) to 轻度失能, and 重度失能 (30) to 完全失能', () => {
    expect(finalLevel(90, { dementiaOrMental: true })).toBe('mild');
    expect(finalLevel(30, { dementiaOrMental: true })).toBe('total');
  });
  it('two or more care-risk events raise 中度失能 (46) to 重度失能; both reasons still raise one level', () => {
    expect(finalLevel(46, { riskEvents: true })).toBe('severe');
    expect(finalLevel(66, { riskEvents: true, dementiaOrMental: true })).toBe('moderate');
  });
  it('完全失能 stays 完全失能', () => {
    expect(finalLevel(10, { riskEvents: true })).toBe('total');
  });
});

describe('reassessment', () => {
  const intervals = { everyMonths: 12, afterChangeMonths: 3 };
  it('is due 12 months after a first or periodic assessment, 3 after a change (district rules)', () => {
    expect(reassessmentDue('2026-03-15', 'first', intervals)).toBe('2027-03-15');
    expect(reassessmentDue('2026-03-15', 'periodic', intervals)).toBe('2027-03-15');
    expect(reassessmentDue('2026-03-15', 'afterChange', intervals)).toBe('2026-06-15');
  });
  it('is overdue past its day and due within the warning days', () => {
    expect(reassessmentState('2026-12-04', '2026-12-05', 30)).toBe('overdue');
    expect(reassessmentState('2026-12-05', '2026-12-05', 30)).toBe('due');
    expect(reassessmentState('2027-01-04', '2026-12-05', 30)).toBe('due');
    expect(reassessmentState('2027-01-05', '2026-12-05', 30)).toBe('current');
  });
  it('takes the latest assessment by day, then by when it was written (a correction the same day)', () => {
    const a = { id: 'a', assessedOn: '2026-01-01', createdAt: '2026-01-01T09:00:00Z' };
    const b = { id: 'b', assessedOn: '2026-06-01', createdAt: '2026-06-01T09:00:00Z' };
    const c = { id: 'c', assessedOn: '2026-06-01', createdAt: '2026-06-01T10:00:00Z' };
    expect(latestAssessment([b, c, a])?.id).toBe('c');
    expect(latestAssessment([])).toBeUndefined();
  });
});

describe('the assessor certificate', () => {
  it('counts only a current 老年人能力评估师 certificate of an active staff member', () => {
    const cert = (expiresOn: string) => [{ kind: 'abilityAssessor', expiresOn }];
    expect(
      holdsAssessorCertificate({ active: true, certificates: cert('2026-12-05') }, '2026-12-05'),
    ).toBe(true);
    expect(
      holdsAssessorCertificate({ active: true, certificates: cert('2026-12-04') }, '2026-12-05'),
    ).toBe(false);
    expect(
      holdsAssessorCertificate({ active: false, certificates: cert('2027-01-01') }, '2026-12-05'),
    ).toBe(false);
    expect(
      holdsAssessorCertificate(
        { active: true, certificates: [{ kind: 'elderCaregiver', expiresOn: '2027-01-01' }] },
        '2026-12-05',
      ),
    ).toBe(false);
  });
});

describe('district rules for what the level drives', () => {
  it('maps each level to a visit risk and a subsidy category by default, and checks a district’s map', () => {
    expect(DEFAULT_RULES.assessment.visitRisk.severe).toBe('high');
    expect(DEFAULT_RULES.assessment.subsidyCategory.moderate).toBe('neediest');
    const merged = mergeRules(undefined, {
      assessment: { visitRisk: { mild: 'key' } } as never,
    });
    expect(merged.assessment.visitRisk).toMatchObject({ mild: 'key', severe: 'high' });
    expect(merged.assessment.everyMonths).toBe(12);
    const bad = validateRules({
      ...DEFAULT_RULES,
      assessment: { ...DEFAULT_RULES.assessment, everyMonths: 13, afterChangeMonths: 0 },
    });
    expect(bad.ok ? [] : bad.errors.map((e) => e.field)).toEqual([
      'assessment.everyMonths',
      'assessment.afterChangeMonths',
    ]);
  });

  it('serves a 中度失能 elder under the disability category, before the age categories', () => {
    const subsidies = { neediest: { lunch: 1500 }, age70: { lunch: 500 }, age65: { lunch: 100 } };
    const elder = { kind: 'elder' as const, birthDate: '1950-01-01', categories: [] };
    expect(subsidyCategoryOf(elder, '2026-12-05', subsidies)).toBe('age70');
    expect(subsidyCategoryOf(elder, '2026-12-05', subsidies, 'neediest')).toBe('neediest');
    // A code the rules do not name is passed over.
    expect(subsidyCategoryOf(elder, '2026-12-05', subsidies, 'disabled')).toBe('age70');
  });
});
