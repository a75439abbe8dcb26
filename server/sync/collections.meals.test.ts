import { describe, expect, it } from 'vitest';
import { DEFAULT_COLLECTIONS, DocumentValidator, cleanWireDoc } from './collections';

const base = {
  centreId: 'c1',
  createdAt: '2026-11-23T03:30:00.000Z',
  updatedAt: '2026-11-23T03:30:00.000Z-0000-d0a1b2c3d4e5',
  updatedBy: 's1',
  day: '2026-11-23',
  mealType: 'lunch',
};

const check = (doc: Record<string, unknown>) =>
  new DocumentValidator(DEFAULT_COLLECTIONS).check('meals', cleanWireDoc(doc)!);

describe('the district checks meals documents against the desk’s schema', () => {
  it('accepts a menu, a reservation, a delivered serving with its warnings and a food sample', () => {
    expect(
      check({
        ...base,
        id: 'm1',
        kind: 'menu',
        dishes: [
          { name: '花生酱拌面', allergens: ['花生'] },
          { name: '清蒸鱼', suits: ['lowSalt'] },
        ],
      }),
    ).toEqual([]);
    expect(
      check({ ...base, id: 'r1', kind: 'reservation', memberId: 'p1', mode: 'delivered' }),
    ).toEqual([]);
    expect(
      check({
        ...base,
        id: 's1',
        kind: 'serving',
        memberId: 'p1',
        mode: 'delivered',
        servedAt: '2026-11-23T03:30:00.000Z',
        servedBy: 's1',
        subsidyCategory: 'neediest',
        confirmedWarnings: [{ kind: 'allergy', dish: '花生酱拌面', about: '花生' }],
        deliveredBy: '志愿者 老李',
        deliveredAt: '2026-11-23T04:05:00.000Z',
        deliveryRecordedBy: 's1',
      }),
    ).toEqual([]);
    expect(
      check({
        ...base,
        id: 'f1',
        kind: 'sample',
        dish: '清蒸鱼',
        grams: 130,
        takenAt: '2026-11-23T03:00:00.000Z',
        takenBy: '厨师 老赵',
      }),
    ).toEqual([]);
  });

  it('refuses a meal type, a mode or a day that does not exist', () => {
    expect(check({ ...base, id: 'x', kind: 'serving', mealType: 'snack' })).not.toEqual([]);
    expect(check({ ...base, id: 'y', kind: 'serving', mode: 'takeaway' })).not.toEqual([]);
    expect(check({ ...base, id: 'z', kind: 'menu', day: '2026-02-30' })).not.toEqual([]);
  });
});
