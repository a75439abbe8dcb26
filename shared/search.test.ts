import { describe, expect, it } from 'vitest';
import {
  charactersWithoutReading,
  compareNames,
  keysOfTypedPinyin,
  nameSearchKeys,
  personSearchKeys,
  searchPeople,
  suggestedPinyin,
} from './search';

function person(id: string, name: string, phone?: string) {
  return { id, name, phone, ...nameSearchKeys(name) };
}

describe('nameSearchKeys', () => {
  it('gives full pinyin and initials', () => {
    expect(nameSearchKeys('张三')).toEqual({ pinyin: 'zhangsan', initials: 'zs' });
  });

  it('reads polyphonic surnames with their surname reading', () => {
    expect(nameSearchKeys('单雄信').pinyin).toBe('shanxiongxin');
    expect(nameSearchKeys('曾国藩').pinyin).toBe('zengguofan');
    expect(nameSearchKeys('解缙').initials).toBe('xj');
  });

  it('writes ü as v, as people type it', () => {
    expect(nameSearchKeys('吕梅').pinyin).toBe('lvmei');
  });
});

describe('searchPeople', () => {
  const people = [
    person('a', '张三', '13800138000'),
    person('b', '张珊珊'),
    person('c', '李四'),
    person('d', '赵山'),
  ];

  it('finds by Chinese name, full pinyin and initials', () => {
    expect(searchPeople(people, '张').map((p) => p.id)).toEqual(['a', 'b']);
    expect(searchPeople(people, 'zhangsan')[0]?.id).toBe('a');
    // 张三 and 赵山 are both "zs" exactly; 张珊珊 ("zss") only starts with it.
    expect(searchPeople(people, 'ZS').map((p) => p.id)).toEqual(['a', 'd', 'b']);
  });

  it('finds by phone digits and by the exact id a scanner types', () => {
    expect(searchPeople(people, '0138000').map((p) => p.id)).toEqual(['a']);
    expect(searchPeople(people, 'c').map((p) => p.id)).toContain('c');
  });

  it('finds nothing for an empty query', () => {
    expect(searchPeople(people, '  ')).toEqual([]);
  });
});

describe('names outside the Basic Multilingual Plane', () => {
  // 𠮷 (U+20BB7) and 𡈽 (U+2123D) are CJK Extension B: two UTF-16 units, one character each.
  const people = [
    { id: 'j', name: '王𠮷', ...keysOfTypedPinyin('wang ji') },
    { id: 't', name: '李𡈽根', ...nameSearchKeys('李𡈽根') },
    person('w', '王强'),
  ];

  it('finds a person by an Extension B character alone', () => {
    expect(searchPeople(people, '𠮷').map((p) => p.id)).toEqual(['j']);
    expect(searchPeople(people, '𡈽').map((p) => p.id)).toEqual(['t']);
    expect(searchPeople(people, '王𠮷')[0]?.id).toBe('j');
  });

  it('finds them by the reading a worker typed for the character', () => {
    expect(searchPeople(people, 'wangji').map((p) => p.id)).toEqual(['j']);
    expect(searchPeople(people, 'wj').map((p) => p.id)).toEqual(['j']);
  });

  it('keys a person by the pinyin a worker typed, by the library where none was', () => {
    expect(personSearchKeys('王𠮷', 'wang ji')).toEqual({ pinyin: 'wangji', initials: 'wj' });
    expect(personSearchKeys('王𠮷', '𠮷')).toEqual({ pinyin: 'wang', initials: 'w' });
    expect(personSearchKeys('单小明')).toEqual({ pinyin: 'shanxiaoming', initials: 'sxm' });
  });

  it('offers the library reading with the unread character left in, to be replaced', () => {
    expect(suggestedPinyin('王𠮷')).toBe('wang 𠮷');
    expect(charactersWithoutReading('王𠮷')).toEqual(['𠮷']);
    expect(charactersWithoutReading('王秀英')).toEqual([]);
    expect(keysOfTypedPinyin('Lü Mei')).toEqual({ pinyin: 'lvmei', initials: 'lm' });
  });
});

describe('surnames with two readings', () => {
  const people = [
    person('s', '单小明'),
    person('d', '丹丹'),
    person('z', '曾国藩'),
    person('x', '解放'),
  ];

  it('finds the person by both readings, the surname reading first', () => {
    expect(searchPeople(people, 'shan').map((p) => p.id)).toEqual(['s']);
    // 丹丹 is "dan" by its own reading, so it comes before 单 read the ordinary way.
    expect(searchPeople(people, 'dan').map((p) => p.id)).toEqual(['d', 's']);
    expect(searchPeople(people, 'dxm').map((p) => p.id)).toEqual(['s']);
    expect(searchPeople(people, 'ceng').map((p) => p.id)).toEqual(['z']);
    expect(searchPeople(people, 'jiefang').map((p) => p.id)).toEqual(['x']);
  });

  it('sorts names by the surname reading, on the desk and the dashboard alike', () => {
    const names = ['单小明', '丹丹', '曾国藩', '陈明'].map((name) => ({ name }));
    expect([...names].sort(compareNames).map((n) => n.name)).toEqual([
      '陈明',
      '丹丹',
      '单小明',
      '曾国藩',
    ]);
  });
});
