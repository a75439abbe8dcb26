import { describe, expect, it } from 'vitest';
import { nameSearchKeys, searchPeople } from './search';

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
