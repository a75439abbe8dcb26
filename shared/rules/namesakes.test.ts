import { describe, expect, it } from 'vitest';
import { scorePeople, nameSearchKeys } from '../search';
import { enterMayPick, hasNamesakes, namesakeDistinctions } from './namesakes';

const elder = (id: string, name: string, birthDate?: string, cardNo?: string) => ({
  id,
  name,
  birthDate,
  cardNo,
});

describe('namesakeDistinctions', () => {
  it('tells namesakes apart by birth year and leaves a name borne once alone', () => {
    const d = namesakeDistinctions([
      elder('a', '王秀英', '1948-03-02', '10000001'),
      elder('b', '王秀英', '1952-11-20', '10000002'),
      elder('c', '李四', '1950-01-01', '10000003'),
    ]);
    expect(d.get('a')).toEqual({ birthYear: '1948' });
    expect(d.get('b')).toEqual({ birthYear: '1952' });
    expect(d.has('c')).toBe(false);
  });

  it("adds a child's class, then the card's last digits, only as far as it takes", () => {
    const kids = namesakeDistinctions([
      { id: 'a', name: '张乐', birthDate: '2022-02-01', childClass: 'older' as const },
      { id: 'b', name: '张乐', birthDate: '2022-09-01', childClass: 'toddler' as const },
    ]);
    expect(kids.get('a')).toEqual({ birthYear: '2022', childClass: 'older' });
    const twins = namesakeDistinctions([
      elder('a', '刘芳', '1950-05-05', '20001234'),
      elder('b', ' 刘芳', '1950-05-05', '20005678'),
    ]);
    expect(twins.get('a')).toEqual({ birthYear: '1950', cardTail: '1234' });
    expect(twins.get('b')).toEqual({ birthYear: '1950', cardTail: '5678' });
  });

  it('uses only what the role may see: no birth date, then the card', () => {
    const d = namesakeDistinctions([
      { id: 'a', name: '王秀英', cardNo: '10000001' },
      { id: 'b', name: '王秀英', cardNo: '10000002' },
    ]);
    expect(d.get('a')).toEqual({ cardTail: '0001' });
  });
});

describe('enterMayPick', () => {
  const people = [
    { id: 'a', name: '王秀英', cardNo: '10000001', ...nameSearchKeys('王秀英') },
    { id: 'b', name: '王秀英', cardNo: '10000002', ...nameSearchKeys('王秀英') },
    { id: 'c', name: '王小燕', cardNo: '10000003', ...nameSearchKeys('王小燕') },
  ];

  it('does not pick between namesakes until the worker chooses', () => {
    const results = scorePeople(people, 'wxy');
    expect(hasNamesakes(results.map((r) => r.person))).toBe(true);
    expect(enterMayPick(results, 0, false)).toBe(false);
    expect(enterMayPick(results, 1, true)).toBe(true);
  });

  it('takes a scanned card, and a name borne once', () => {
    expect(enterMayPick(scorePeople(people, '10000002'), 0, false)).toBe(true);
    expect(enterMayPick(scorePeople(people, '王小燕'), 0, false)).toBe(true);
    expect(enterMayPick([], 0, true)).toBe(false);
  });
});
