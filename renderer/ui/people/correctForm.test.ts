import { describe, expect, it } from 'vitest';
import type { VisibleMember } from '../../data/people';
import { correctionOf, valuesOf } from './correctForm';

const child = (pickupAdults: VisibleMember['pickupAdults']): VisibleMember => ({
  id: 'm1',
  centreId: 'c1',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '000000000000001-00000-n1',
  updatedBy: 's1',
  kind: 'child',
  name: '孙小雨',
  pinyin: 'sunxiaoyu',
  initials: 'sxy',
  gender: 'F',
  birthDate: '2024-03-02',
  childClass: 'older',
  guardians: [{ id: 'g1', name: '孙建国', relation: '父亲', phone: '13800138000' }],
  pickupAdults,
  withheld: [],
});

const guardianAsPickup = { id: 'g1', name: '孙建国', relation: '父亲', phone: '13800138000' };
const grandma = { id: 'p1', name: '李桂兰', relation: '奶奶', phone: '13900139000' };

describe('the correction form and the guardian on the pick-up list', () => {
  it('shows the guardian on the list as the ticked 也可接送 box, not as a row, and keeps them there', () => {
    const member = child([guardianAsPickup, grandma]);
    const values = valuesOf(member);
    expect(values.guardianPicksUp).toBe(true);
    expect(values.pickupAdults.map((a) => a.name)).toEqual(['李桂兰']);
    const patch = correctionOf(member, { ...values, note: '午睡需要小毯子', reason: '家长告知' });
    expect(patch.pickupAdults?.map((a) => a.name)).toEqual(['孙建国', '李桂兰']);
  });

  it('does not put back a guardian taken off the pick-up list when something else is corrected', () => {
    const member = child([grandma]);
    const values = valuesOf(member);
    expect(values.guardianPicksUp).toBe(false);
    const patch = correctionOf(member, { ...values, note: '午睡需要小毯子', reason: '家长告知' });
    expect(patch.pickupAdults?.map((a) => a.name)).toEqual(['李桂兰']);
  });

  it('takes the guardian off when the box is unticked', () => {
    const member = child([guardianAsPickup, grandma]);
    const values = { ...valuesOf(member), guardianPicksUp: false, reason: '父亲外出务工' };
    expect(correctionOf(member, values).pickupAdults?.map((a) => a.name)).toEqual(['李桂兰']);
  });
});

describe('health notes in the correction form', () => {
  it('are corrected by a role that sees them, and never sent for one that does not', () => {
    const member = { ...child([grandma]), healthNotes: '青霉素过敏史' };
    const seen = correctionOf(member, {
      ...valuesOf(member),
      healthNotes: '青霉素过敏史；哮喘，随身带喷雾',
      reason: '医院证明',
    });
    expect(seen.healthNotes).toBe('青霉素过敏史；哮喘，随身带喷雾');
    const withheld: VisibleMember = {
      ...member,
      healthNotes: undefined,
      withheld: ['healthNotes'],
    };
    expect(correctionOf(withheld, { ...valuesOf(withheld), reason: '改电话' })).not.toHaveProperty(
      'healthNotes',
    );
  });
});
