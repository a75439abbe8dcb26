import { describe, expect, it } from 'vitest';
import { MAX_LIST_ITEMS, MAX_PICKUP_ADULTS } from '../schemas';
import { validateDetails, type DetailsInput } from './details';

const none: DetailsInput = {
  allergies: '',
  diets: [],
  categories: [],
  abilityLevel: '',
  chronicConditions: '',
  childClass: '',
  guardian: { name: '王芳', relation: '母亲', phone: '13800138000' },
  pickupAdults: [],
  vaccinationChecked: false,
};

const list = (n: number, word: string) =>
  Array.from({ length: n }, (_, i) => `${word}${i}`).join('、');

describe('validateDetails keeps a person within the limits the district takes', () => {
  it('refuses more allergies or chronic conditions than a record may hold, naming the field', () => {
    expect(
      validateDetails('elder', { ...none, allergies: list(MAX_LIST_ITEMS, '过敏') }, '2026-12-01')
        .ok,
    ).toBe(true);
    expect(
      validateDetails(
        'elder',
        {
          ...none,
          allergies: list(MAX_LIST_ITEMS + 1, '过敏'),
          chronicConditions: list(MAX_LIST_ITEMS + 1, '病'),
        },
        '2026-12-01',
      ),
    ).toEqual({
      ok: false,
      errors: [
        { field: 'allergies', problem: 'tooLong' },
        { field: 'chronicConditions', problem: 'tooLong' },
      ],
    });
  });

  it('refuses more pick-up adults than a record may hold, and photos over the limit', () => {
    const adults = Array.from({ length: MAX_PICKUP_ADULTS + 1 }, (_, i) => ({
      name: `接送人${i}`,
      relation: '祖母',
      phone: '',
    }));
    expect(validateDetails('child', { ...none, pickupAdults: adults }, '2026-12-01')).toEqual({
      ok: false,
      errors: [{ field: 'pickupAdults', problem: 'tooLong' }],
    });
    const big = [
      {
        name: '李奶奶',
        relation: '祖母',
        phone: '',
        photo: `data:image/jpeg;base64,${'A'.repeat(60_000)}`,
      },
    ];
    expect(validateDetails('child', { ...none, pickupAdults: big }, '2026-12-01')).toEqual({
      ok: false,
      errors: [{ field: 'pickupAdults.0.photo', problem: 'photoTooBig' }],
    });
  });
});

describe('validateDetails puts the guardian on the pick-up list by default', () => {
  it('a guardian collects the child unless the worker unticked it', () => {
    const typed = { ...none, pickupAdults: [{ name: '李奶奶', relation: '祖母', phone: '' }] };
    const withGuardian = validateDetails('child', typed, '2026-12-01');
    expect(withGuardian.ok && withGuardian.value.pickupAdults).toEqual([
      { id: 'g1', name: '王芳', relation: '母亲', phone: '13800138000' },
      { id: 'p1', name: '李奶奶', relation: '祖母' },
    ]);
    const without = validateDetails('child', { ...typed, guardianPicksUp: false }, '2026-12-01');
    expect(without.ok && without.value.pickupAdults).toEqual([
      { id: 'p1', name: '李奶奶', relation: '祖母' },
    ]);
  });

  it('the guardian typed again as a pick-up adult is on the list once', () => {
    const typed = { ...none, pickupAdults: [{ ...none.guardian }] };
    const result = validateDetails('child', typed, '2026-12-01');
    expect(result.ok && result.value.pickupAdults?.map((a) => a.name)).toEqual(['王芳']);
  });
});
