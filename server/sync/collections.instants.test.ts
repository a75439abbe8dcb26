import { describe, expect, it } from 'vitest';
import { DEFAULT_COLLECTIONS, DocumentValidator, cleanWireDoc } from './collections';

/*
 * An instant the district accepts is one every part reads the same: the desk (JavaScript's Date)
 * and the district's reports (PostgreSQL's timestamptz). One that either cannot read would show as
 * no date on the desk, or fail every monthly report of the district that reads it.
 */
const visit = (at: string) => ({
  id: 'v1',
  centreId: 'c1',
  createdAt: '2026-11-23T03:30:00.000Z',
  updatedAt: '2026-11-23T03:30:00.000Z-0000-d0a1b2c3d4e5',
  updatedBy: 's1',
  kind: 'visit',
  memberId: 'p1',
  visitKind: 'home',
  at,
  visitedBy: 's1',
});

const check = (at: string) =>
  new DocumentValidator(DEFAULT_COLLECTIONS).check('visits', cleanWireDoc(visit(at))!);

describe('the district takes only instants that the desk and its reports read alike', () => {
  it('accepts UTC and any offset a place uses, from −12:00 to +14:00', () => {
    for (const at of [
      '2026-10-05T02:00:00.000Z',
      '2026-10-05T10:00:00+08:00',
      '2026-10-05T10:00:00.5-12:00',
      '2026-10-05T10:00:00+14:00',
      '2026-10-05T10:00:00+05:45',
    ]) {
      expect(check(at), at).toEqual([]);
      expect(Number.isNaN(new Date(at).getTime()), at).toBe(false);
    }
  });

  it('refuses an offset past 14 hours or 59 minutes and a leap second, naming the field', () => {
    for (const at of [
      '2026-10-05T10:00:00+99:00',
      '2026-10-05T10:00:00+16:00',
      '2026-10-05T10:00:00+05:75',
      '2026-10-05T23:59:60Z',
      '2026-02-29T10:00:00Z',
    ]) {
      // The field, and what it must look like instead.
      expect(check(at), at).toEqual([
        '/at must be an instant written YYYY-MM-DDTHH:MM:SS with Z or an offset of at most ' +
          '±14:00 and no leap second, such as 2026-10-05T10:00:00+08:00',
      ]);
    }
  });
});
