import { describe, expect, it } from 'vitest';
import { DEFAULT_DAILY_RULES } from './dailySettings';
import {
  countMeals,
  deliveredAtOf,
  dishDraft,
  dishOfDraft,
  keepUntil,
  mealAt,
  mealClaim,
  missingSamples,
  sampleReminders,
  servingWarnings,
  splitDuplicates,
  type FoodSample,
  type MealServing,
} from './meals';

const serving = (
  id: string,
  memberId: string,
  day: string,
  mealType: MealServing['mealType'],
  subsidyCategory?: string,
  over: Partial<MealServing> = {},
): MealServing => ({
  id,
  centreId: 'c1',
  memberId,
  day,
  mealType,
  mode: 'dineIn',
  servedAt: `${day}T11:30:00Z`,
  servedBy: 's1',
  ...(subsidyCategory === undefined ? {} : { subsidyCategory }),
  ...over,
});

describe('one meal of each type per person per day', () => {
  const day = '2026-11-23';
  const servings = [
    serving('s1', 'm1', day, 'lunch', 'neediest'),
    serving('s2', 'm1', day, 'lunch', 'neediest', {
      servedAt: `${day}T11:45:00Z`,
      mode: 'collected',
    }),
    serving('s3', 'm1', day, 'dinner', 'neediest', { mode: 'delivered' }),
    serving('s4', 'm2', day, 'lunch', 'age70', { mode: 'delivered' }),
    serving('s5', 'm3', day, 'lunch'),
    serving('s6', 'm2', '2026-11-24', 'lunch', 'age70'),
    // Two desks served m4 breakfast; the later record is listed first. The earlier one counts.
    serving('z7', 'm4', day, 'breakfast', undefined, { servedAt: `${day}T07:40:00Z` }),
    serving('y8', 'm4', day, 'breakfast', undefined, { servedAt: `${day}T07:30:00Z` }),
  ];

  it('keeps the earliest serving and reports the others as duplicates of it', () => {
    const { counted, duplicates } = splitDuplicates(servings);
    expect(counted.map((s) => s.id)).toEqual(['s1', 's3', 's4', 's5', 's6', 'y8']);
    expect(duplicates.map((d) => [d.serving.id, d.keptId])).toEqual([
      ['s2', 's1'],
      ['z7', 'y8'],
    ]);
  });

  it('counts per day, meal type and category, with the modes of the meals that count', () => {
    const none = { dineIn: 0, collected: 0, delivered: 0 };
    expect(countMeals(servings)).toEqual([
      // 11-23 breakfast, no category: y8 counts, z7 is a duplicate.
      {
        day,
        mealType: 'breakfast',
        subsidyCategory: null,
        count: 1,
        byMode: { ...none, dineIn: 1 },
        duplicates: 1,
      },
      {
        day,
        mealType: 'lunch',
        subsidyCategory: null,
        count: 1,
        byMode: { ...none, dineIn: 1 },
        duplicates: 0,
      },
      {
        day,
        mealType: 'lunch',
        subsidyCategory: 'age70',
        count: 1,
        byMode: { ...none, delivered: 1 },
        duplicates: 0,
      },
      // s1 dine-in counts; s2 (collected) is its duplicate and adds no mode.
      {
        day,
        mealType: 'lunch',
        subsidyCategory: 'neediest',
        count: 1,
        byMode: { ...none, dineIn: 1 },
        duplicates: 1,
      },
      {
        day,
        mealType: 'dinner',
        subsidyCategory: 'neediest',
        count: 1,
        byMode: { ...none, delivered: 1 },
        duplicates: 0,
      },
      {
        day: '2026-11-24',
        mealType: 'lunch',
        subsidyCategory: 'age70',
        count: 1,
        byMode: { ...none, dineIn: 1 },
        duplicates: 0,
      },
    ]);
  });
});

describe('the monthly meal claim', () => {
  // Lunch and dinner only for the neediest; lunch only for 70+ and 65+ (amounts in fen).
  const subsidies = {
    neediest: { lunch: 1500, dinner: 1500 },
    age70: { lunch: 500 },
    age65: { lunch: 100 },
  };
  const servings = [
    serving('a1', 'm1', '2026-01-05', 'lunch', 'neediest'),
    serving('a2', 'm1', '2026-01-05', 'lunch', 'neediest', { servedAt: '2026-01-05T12:10:00Z' }),
    serving('a3', 'm1', '2026-01-05', 'dinner', 'neediest'),
    serving('a4', 'm1', '2026-01-06', 'breakfast', 'neediest'),
    serving('a5', 'm2', '2026-01-31', 'lunch', 'age70'),
    serving('a6', 'm3', '2026-01-31', 'lunch'),
    serving('a7', 'm4', '2026-01-20', 'lunch', 'retired'),
    // m5's category changed mid-month from age70 to age65: each meal at its own day's rate.
    serving('a10', 'm5', '2026-01-10', 'lunch', 'age70'),
    serving('a11', 'm5', '2026-01-20', 'lunch', 'age65'),
    // The days either side of January are not in its claim.
    serving('a8', 'm2', '2026-02-01', 'lunch', 'age70'),
    serving('a9', 'm2', '2025-12-31', 'lunch', 'age70'),
  ];

  it('claims one meal per person, day and type at the rate of the category it was served under', () => {
    const claim = mealClaim(servings, subsidies, '2026-01');
    // age65: a11 = 1 × 100; age70: a5 + a10 = 2 × 500 = 1000; neediest: a1 + a3 = 2 × 1500 = 3000.
    expect(claim.categories.map((c) => [c.subsidyCategory, c.count, c.amountFen])).toEqual([
      ['age65', 1, 100],
      ['age70', 2, 1000],
      ['neediest', 2, 3000],
    ]);
    expect(claim.categories[2]?.byMealType).toEqual({
      breakfast: { count: 0, amountFen: 0 },
      lunch: { count: 1, amountFen: 1500 },
      dinner: { count: 1, amountFen: 1500 },
    });
    expect(claim.count).toBe(5);
    expect(claim.amountFen).toBe(4100);
  });

  it('lists every serving it does not claim, with why, in day order', () => {
    const { excluded } = mealClaim(servings, subsidies, '2026-01');
    expect(excluded.map((e) => [e.day, e.mealType, e.servingId, e.reason, e.keptId])).toEqual([
      ['2026-01-05', 'lunch', 'a2', 'duplicate', 'a1'],
      ['2026-01-06', 'breakfast', 'a4', 'notSubsidised', undefined],
      ['2026-01-20', 'lunch', 'a7', 'notSubsidised', undefined],
      ['2026-01-31', 'lunch', 'a6', 'noCategory', undefined],
    ]);
  });

  it('takes the leap day into February and uses the default amounts', () => {
    const leap = [
      serving('l1', 'm1', '2028-02-29', 'lunch', 'age65'),
      serving('l2', 'm1', '2028-02-29', 'dinner', 'neediest'),
      serving('l3', 'm1', '2028-03-01', 'lunch', 'age65'),
    ];
    // Defaults: ¥1 (100 fen) for 65+, ¥15 (1500 fen) for the neediest, every meal type.
    const feb = mealClaim(leap, DEFAULT_DAILY_RULES.mealSubsidies, '2028-02');
    expect([feb.count, feb.amountFen]).toEqual([2, 1600]);
    const mar = mealClaim(leap, DEFAULT_DAILY_RULES.mealSubsidies, '2028-03');
    expect([mar.count, mar.amountFen]).toEqual([1, 100]);
  });
});

describe('warnings at serving time', () => {
  const person = { allergies: ['花生', ' Milk '], diets: ['diabetic', 'soft'] as const };

  it('warns of allergens, of dishes nobody checked for allergens, and of unsuitable dishes', () => {
    const warnings = servingWarnings({ ...person, diets: [...person.diets] }, [
      { name: '宫保鸡丁', allergens: ['花生酱'], suits: ['soft'] },
      { name: '清蒸鱼', allergens: [], suits: ['diabetic', 'soft', 'lowSalt'] },
      { name: '奶香馒头', allergens: ['milk', '小麦'], suits: ['diabetic', 'soft'] },
      { name: '红烧肉' },
    ]);
    expect(warnings).toEqual([
      { kind: 'allergy', dish: '宫保鸡丁', allergy: '花生', allergen: '花生酱' },
      { kind: 'diet', dish: '宫保鸡丁', diet: 'diabetic' },
      { kind: 'allergy', dish: '奶香馒头', allergy: 'Milk', allergen: 'milk' },
      { kind: 'allergensUnknown', dish: '红烧肉', allergies: ['花生', 'Milk'] },
      { kind: 'diet', dish: '红烧肉', diet: 'diabetic' },
      { kind: 'diet', dish: '红烧肉', diet: 'soft' },
    ]);
  });

  it('says nothing to a person with no allergies or diets', () => {
    expect(servingWarnings({}, [{ name: '红烧肉' }, { name: '虾仁', allergens: ['虾'] }])).toEqual(
      [],
    );
  });
});

describe('food samples', () => {
  const rules = DEFAULT_DAILY_RULES.foodSample;
  const sample = (
    id: string,
    takenAt: string,
    grams: number,
    over: Partial<FoodSample> = {},
  ): FoodSample => ({
    id,
    centreId: 'c1',
    day: takenAt.slice(0, 10),
    mealType: 'lunch',
    dish: id,
    grams,
    takenAt,
    takenBy: 's1',
    ...over,
  });
  // Timestamps without a zone are the desk's local time, so these hold in any time zone.
  const iso = (local: string) => new Date(local).toISOString();

  it('keeps a sample 48 hours, across the year end and the leap day', () => {
    expect(keepUntil(sample('a', '2026-12-31T18:00:00', 130), rules)).toBe(
      iso('2027-01-02T18:00:00'),
    );
    // 2028 has 29 February, 2027 does not.
    expect(keepUntil(sample('b', '2028-02-28T12:00:00', 130), rules)).toBe(
      iso('2028-03-01T12:00:00'),
    );
    expect(keepUntil(sample('c', '2027-02-28T12:00:00', 130), rules)).toBe(
      iso('2027-03-02T12:00:00'),
    );
  });

  const samples = [
    sample('f1', '2026-09-30T11:00:00', 130),
    sample('f2', '2026-09-30T17:00:00', 100, { mealType: 'dinner' }),
    sample('f3', '2026-10-01T11:00:00', 125),
    // Thrown away 26 hours after it was taken: too early.
    sample('f4', '2026-09-29T11:00:00', 130, { discardedAt: '2026-09-30T13:00:00' }),
    // Thrown away exactly 48 hours after: on time.
    sample('f5', '2026-09-28T11:00:00', 130, { discardedAt: '2026-09-30T11:00:00' }),
  ];

  it('lists samples that may go, the under-weight and the discarded too early', () => {
    // At 10-02 12:00 (during 国庆): f1 (kept till 10-02 11:00) may go; f2 is kept till 17:00;
    // f2 weighs 100 g, 25 g under 125; f3 at exactly 125 g is not under.
    const noon = sampleReminders(samples, rules, '2026-10-02T12:00:00');
    expect(noon.discardable.map((d) => [d.sample.id, d.keepUntil])).toEqual([
      ['f1', iso('2026-10-02T11:00:00')],
    ]);
    expect(noon.underWeight.map((u) => [u.sample.id, u.shortBy])).toEqual([['f2', 25]]);
    expect(noon.discardedEarly.map((d) => [d.sample.id, d.keepUntil])).toEqual([
      ['f4', iso('2026-10-01T11:00:00')],
    ]);
    // At 17:00 f2's 48 hours are up to the minute.
    const evening = sampleReminders(samples, rules, '2026-10-02T17:00:00');
    expect(evening.discardable.map((d) => d.sample.id)).toEqual(['f1', 'f2']);
  });

  it('follows the district’s figures', () => {
    const strict = { minGrams: 150, keepHours: 72 };
    const r = sampleReminders(samples, strict, '2026-10-03T12:00:00');
    // 72 h: f1 kept till 10-03 11:00 may go; f2 (till 10-03 17:00) and f3 (10-04 11:00) not yet.
    expect(r.discardable.map((d) => d.sample.id)).toEqual(['f1']);
    expect(r.underWeight.map((u) => [u.sample.id, u.shortBy])).toEqual([
      ['f1', 20],
      ['f2', 50],
      ['f3', 25],
    ]);
    // f5, discarded after 48 h, was too early under a 72-hour rule.
    expect(r.discardedEarly.map((d) => d.sample.id)).toEqual(['f5', 'f4']);
  });

  it('names the menu’s dishes with no sample kept', () => {
    const menus = [
      { day: '2026-11-23', mealType: 'dinner' as const, dishes: [{ name: '红烧肉' }] },
      {
        day: '2026-11-23',
        mealType: 'lunch' as const,
        dishes: [{ name: '宫保鸡丁' }, { name: '清蒸鱼' }],
      },
    ];
    const kept = [
      sample('宫保鸡丁', '2026-11-23T11:00:00', 130),
      sample('x', '2026-11-23T17:00:00', 130, { mealType: 'dinner', dish: ' 红烧肉 ' }),
      // The same dish at another meal does not count.
      sample('清蒸鱼', '2026-11-23T17:00:00', 130, { mealType: 'dinner' }),
    ];
    expect(missingSamples(menus, kept)).toEqual([
      { day: '2026-11-23', mealType: 'lunch', dish: '清蒸鱼' },
    ]);
  });
});

describe('mealAt', () => {
  const at = (hhmm: string) => new Date(`2026-11-23T${hhmm}:00`);
  it('is breakfast until 10:00, lunch until 15:00, then dinner', () => {
    expect(mealAt(at('06:30'))).toBe('breakfast');
    expect(mealAt(at('09:59'))).toBe('breakfast');
    expect(mealAt(at('10:00'))).toBe('lunch');
    expect(mealAt(at('14:59'))).toBe('lunch');
    expect(mealAt(at('15:00'))).toBe('dinner');
    expect(mealAt(at('23:30'))).toBe('dinner');
  });
});

describe('dish drafts', () => {
  it('keeps unknown allergens unknown, "无" as none, and splits a typed list', () => {
    expect(dishOfDraft({ name: ' 清蒸鱼 ', allergens: '', suits: [] })).toEqual({
      name: '清蒸鱼',
    });
    expect(dishOfDraft({ name: '清蒸鱼', allergens: '无', suits: ['lowSalt'] })).toEqual({
      name: '清蒸鱼',
      allergens: [],
      suits: ['lowSalt'],
    });
    expect(dishOfDraft({ name: 'x', allergens: 'None', suits: [] }).allergens).toEqual([]);
    expect(dishOfDraft({ name: '拌面', allergens: '花生、小麦, 芝麻；鸡蛋', suits: [] })).toEqual({
      name: '拌面',
      allergens: ['花生', '小麦', '芝麻', '鸡蛋'],
    });
  });

  it('shows a dish as the form had it', () => {
    expect(dishDraft({ name: '拌面', allergens: ['花生', '小麦'] })).toEqual({
      name: '拌面',
      allergens: '花生、小麦',
      suits: [],
    });
    expect(dishDraft({ name: '鱼', allergens: [], suits: ['lowSalt'] }).allergens).toBe('无');
    expect(dishDraft({ name: '鱼' }).allergens).toBe('');
    const dish = { name: '鱼', allergens: ['虾'], suits: ['lowSalt' as const] };
    expect(dishOfDraft(dishDraft(dish))).toEqual(dish);
  });
});

describe('deliveredAtOf', () => {
  it('reads a time of day on the meal’s day, with either colon', () => {
    expect(deliveredAtOf('2026-11-23', '12:05')).toEqual(new Date('2026-11-23T12:05:00'));
    expect(deliveredAtOf('2026-11-23', ' 9：05 ')).toEqual(new Date('2026-11-23T09:05:00'));
  });

  it('refuses what is not a time of day', () => {
    for (const typed of ['', '24:00', '12:60', '1205', 'noon', '12:5'])
      expect(deliveredAtOf('2026-11-23', typed)).toBeNull();
  });
});
