import { describe, expect, it } from 'vitest';
import type { MemberDoc } from '../schemas';
import {
  duplicateGroups,
  holderOf,
  likelySamePerson,
  mergedRecord,
  normaliseIdNumber,
  sameIdentity,
  validateIdNumber,
} from './identity';

const ID = '11010519491231002X';

const person = (over: Partial<MemberDoc>): MemberDoc => ({
  id: 'm1',
  centreId: 'c1',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '0',
  updatedBy: 'desk',
  kind: 'elder',
  name: '王秀英',
  pinyin: 'wangxiuying',
  initials: 'wxy',
  gender: 'F',
  birthDate: '1949-12-31',
  status: 'active',
  ...over,
});

describe('one rule for ID numbers (shared/rules/identity.ts)', () => {
  it('normalises full-width digits, a lower-case x and spaces to the number as stored', () => {
    expect(normaliseIdNumber('１１０１０５１９４９１２３１００２ｘ')).toBe(ID);
    expect(normaliseIdNumber(' 110105 19491231 002x ')).toBe(ID);
    expect(normaliseIdNumber('110105\u300019491231002x')).toBe(ID);
  });

  it('validates after normalising, and still refuses a wrong check digit', () => {
    const ok = validateIdNumber('１１０１０５ 19491231002x');
    expect(ok).toMatchObject({ ok: true, normalized: ID, birthDate: '1949-12-31', gender: 'F' });
    expect(validateIdNumber('110105194912310021')).toEqual({ ok: false, problem: 'checksum' });
    expect(validateIdNumber('11010519491231002')).toEqual({ ok: false, problem: 'length' });
  });

  it('finds the same identity whatever case, width or spacing it was typed in', () => {
    expect(sameIdentity(ID, '11010519491231002x')).toBe(true);
    expect(sameIdentity('１１０１０５１９４９１２３１００２Ｘ', ID)).toBe(true);
    expect(sameIdentity(ID, '110101194805020027')).toBe(false);
    expect(sameIdentity(ID, undefined)).toBe(false);
    expect(sameIdentity('', '')).toBe(false);
  });

  it('finds the holder of a number among the people on the record only', () => {
    const people = [
      person({ id: 'erased', idNumber: ID, status: 'erased' }),
      person({ id: 'merged', idNumber: ID, status: 'merged', mergedInto: 'x' }),
      person({ id: 'left', idNumber: ID, status: 'left' }),
    ];
    expect(holderOf(people, '11010519491231002x')?.id).toBe('left');
    expect(holderOf(people, ID, 'left')).toBeNull();
  });

  it('takes the same name and birth date as likely the same person unless two ID numbers differ', () => {
    const a = person({});
    expect(likelySamePerson(a, person({ id: 'b' }))).toBe(true);
    expect(likelySamePerson(a, person({ id: 'b', idNumber: ID }))).toBe(true);
    expect(
      likelySamePerson(person({ idNumber: '110101194805020027' }), person({ idNumber: ID })),
    ).toBe(false);
    expect(likelySamePerson(a, person({ birthDate: '1949-12-30' }))).toBe(false);
  });

  it('groups the likely duplicates of a centre, oldest record first', () => {
    const groups = duplicateGroups([
      person({ id: 'b', idNumber: '11010519491231002x', createdAt: '2026-02-01T00:00:00Z' }),
      person({ id: 'a', idNumber: ID, createdAt: '2026-01-01T00:00:00Z' }),
      person({ id: 'gone', idNumber: ID, status: 'merged' }),
      person({ id: 'c', name: '李四', birthDate: '1950-01-01' }),
      person({ id: 'd', name: '李四', birthDate: '1950-01-01' }),
      person({ id: 'e', name: '张三', birthDate: '1950-01-01', idNumber: '110101194805020027' }),
    ]);
    expect(groups).toEqual([
      { reason: 'idNumber', ids: ['a', 'b'] },
      { reason: 'nameAndBirthDate', ids: ['c', 'd'] },
    ]);
  });

  it('keeps the kept record’s values, fills its blanks and unites allergies in a merge', () => {
    const kept = person({ id: 'k', cardNo: '11111111', phone: '13800138000', allergies: ['芒果'] });
    const other = person({
      id: 'o',
      cardNo: '22222222',
      phone: '13900139000',
      idNumber: ID,
      allergies: ['花生', '芒果'],
      note: '轮椅',
    });
    const { doc, filled } = mergedRecord(kept, other);
    expect(doc).toMatchObject({
      id: 'k',
      cardNo: '11111111',
      phone: '13800138000',
      idNumber: ID,
      note: '轮椅',
      allergies: ['芒果', '花生'],
      status: 'active',
    });
    expect(filled.sort()).toEqual(['allergies', 'idNumber', 'note']);
  });
});
