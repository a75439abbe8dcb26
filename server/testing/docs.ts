/** Valid documents for tests, built the way the desk builds them. */
import { HybridClock } from '../../shared/hlc';
import { newId } from '../../shared/ids';
import type { AttendanceDoc, ConsentDoc, MemberDoc } from '../../shared/schemas';
import type { ConsentScope } from '../../shared/schemas/consents';
import type { WireDoc } from '../../shared/sync/protocol';

const clock = new HybridClock('testdesk');

export function makeMember(centreId: string, overrides: Partial<MemberDoc> = {}): MemberDoc {
  const now = new Date().toISOString();
  return {
    id: newId(),
    centreId,
    createdAt: now,
    updatedAt: clock.tick(),
    updatedBy: 'staff-1',
    kind: 'elder',
    name: '张三',
    pinyin: 'zhangsan',
    initials: 'zs',
    gender: 'M',
    birthDate: '1950-03-04',
    ...overrides,
  };
}

export function makeAttendance(
  centreId: string,
  memberId: string,
  overrides: Partial<AttendanceDoc> = {},
): AttendanceDoc {
  const now = new Date();
  return {
    id: newId(),
    centreId,
    createdAt: now.toISOString(),
    updatedAt: clock.tick(),
    updatedBy: 'staff-1',
    memberId,
    day: now.toISOString().slice(0, 10),
    status: 'in',
    checkInAt: now.toISOString(),
    ...overrides,
  };
}

/** A consent to one purpose, given by the person themselves (one record per purpose). */
export function makeConsent(
  centreId: string,
  memberId: string,
  scope: ConsentScope,
  overrides: Partial<ConsentDoc> = {},
): ConsentDoc {
  return {
    id: newId(),
    centreId,
    createdAt: new Date().toISOString(),
    updatedAt: clock.tick(),
    updatedBy: 'staff-1',
    memberId,
    givenBy: '本人签字',
    relation: '本人',
    scopes: [scope],
    givenOn: '2026-01-05',
    ...overrides,
  };
}

/** A document as it travels: its fields plus `_deleted`. */
export function wire<T extends { id: string }>(doc: T, deleted = false): WireDoc {
  return { ...doc, _deleted: deleted } as WireDoc;
}

/** The same document edited on a desk: new `updatedAt`, the given fields changed. */
export function edit<T extends { updatedAt: string }>(doc: T, changes: Partial<T>): T {
  return { ...doc, ...changes, updatedAt: clock.tick() };
}
