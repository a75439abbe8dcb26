import { describe, expect, it } from 'vitest';
import { groupBy } from './groupBy';

describe('groupBy', () => {
  it('groups items by their key in the order they came, leaving out those without a key', () => {
    const people = [
      { id: 'a', township: '东城' },
      { id: 'b', township: undefined },
      { id: 'c', township: '西城' },
      { id: 'd', township: '东城' },
    ];
    const byTownship = groupBy(people, (p) => p.township);
    expect([...byTownship.keys()]).toEqual(['东城', '西城']);
    expect(byTownship.get('东城')!.map((p) => p.id)).toEqual(['a', 'd']);
    expect(byTownship.get('西城')!.map((p) => p.id)).toEqual(['c']);
  });
});
