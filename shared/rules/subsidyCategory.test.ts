import { describe, expect, it } from 'vitest';
import { DEFAULT_DAILY_RULES } from './dailySettings';
import { subsidyCategoryOf, subsidyCategoryWords } from './subsidyCategory';

const subsidies = DEFAULT_DAILY_RULES.mealSubsidies;
const elder = (birthDate: string, categories: string[] = []) =>
  ({ kind: 'elder', birthDate, categories }) as Parameters<typeof subsidyCategoryOf>[0];

describe('the subsidy category a meal is served under', () => {
  it('takes the category set on the member first, even one the rules do not name', () => {
    expect(
      subsidyCategoryOf({ ...elder('1960-01-01'), subsidyCategory: 'x1' }, '2026-11-23', subsidies),
    ).toBe('x1');
  });

  it('puts 特困, 低保 and 低保边缘 elders in the neediest category, whatever their age', () => {
    expect(subsidyCategoryOf(elder('1962-05-01', ['dibao']), '2026-11-23', subsidies)).toBe(
      'neediest',
    );
    expect(
      subsidyCategoryOf(elder('1940-05-01', ['tekun', 'livingAlone']), '2026-11-23', subsidies),
    ).toBe('neediest');
  });

  it('rates by age on the day served: 70 from the 70th birthday, 65 from the 65th, none before', () => {
    expect(subsidyCategoryOf(elder('1956-11-23'), '2026-11-23', subsidies)).toBe('age70');
    expect(subsidyCategoryOf(elder('1956-11-23'), '2026-11-22', subsidies)).toBe('age65');
    expect(subsidyCategoryOf(elder('1961-11-24'), '2026-11-23', subsidies)).toBeUndefined();
    expect(subsidyCategoryOf(elder('1961-11-23'), '2026-11-23', subsidies)).toBe('age65');
  });

  it('gives children no category, and derives only codes the rules in force name', () => {
    expect(
      subsidyCategoryOf({ kind: 'child', birthDate: '2024-01-01' }, '2026-11-23', subsidies),
    ).toBeUndefined();
    expect(
      subsidyCategoryOf(elder('1940-01-01', ['dibao']), '2026-11-23', { age70: { lunch: 500 } }),
    ).toBe('age70');
    expect(
      subsidyCategoryOf(elder('1940-01-01'), '2026-11-23', { district9: { lunch: 900 } }),
    ).toBeUndefined();
  });
});

describe('subsidy categories in words (the district report)', () => {
  it('says the default codes in either language', () => {
    expect(subsidyCategoryWords('neediest', 'zh')).toBe('特困/低保/低保边缘');
    expect(subsidyCategoryWords('age70', 'en')).toBe('70 and over');
  });

  it("writes a district's own code as it is", () => {
    expect(subsidyCategoryWords('veteran', 'zh')).toBe('veteran');
    expect(subsidyCategoryWords('toString', 'zh')).toBe('toString');
  });
});
