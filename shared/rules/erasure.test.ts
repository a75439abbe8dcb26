import { describe, expect, it } from 'vitest';
import { formatHlc } from '../hlc';
import { conflictCopy, pickLastWriter } from '../sync/conflict';
import {
  ERASED_NAME,
  erasedMember,
  membersInAuditEntry,
  memberOf,
  scrubAuditEntry,
  scrubDocument,
  scrubRelated,
} from './erasure';

const at = (wallMs: number, node: string) => formatHlc({ wallMs, counter: 0, node });
const base = { id: 'x1', centreId: 'c1', createdAt: '2026-10-01T00:00:00.000Z', updatedBy: 's1' };

const child = {
  ...base,
  id: 'm1',
  updatedAt: at(1000, 'deskA'),
  kind: 'child',
  name: '李小满',
  pinyin: 'lixiaoman',
  initials: 'lxm',
  gender: 'M',
  birthDate: '2023-05-17',
  idNumber: '11010520230517003X',
  phone: '13800138000',
  cardNo: '87654321',
  status: 'active',
  guardians: [{ id: 'g1', name: '李建国', relation: '父亲', phone: '13912345678' }],
  childClass: 'older',
};

describe('erasedMember', () => {
  it('keeps elder or child, gender and year of birth, and nothing else of the person', () => {
    expect(erasedMember(child)).toEqual({
      ...base,
      id: 'm1',
      updatedAt: child.updatedAt,
      kind: 'child',
      gender: 'M',
      birthDate: '2023-01-01',
      name: ERASED_NAME,
      pinyin: '',
      initials: '',
      status: 'erased',
    });
  });

  it('is idempotent, and takes any version (a conflict copy with RxDB bookkeeping)', () => {
    const once = erasedMember(child);
    expect(erasedMember(once)).toEqual(once);
    const copy = erasedMember({ ...child, _rev: '3-abc', _meta: { lwt: 1 }, _deleted: false });
    expect(copy).not.toHaveProperty('_rev');
    expect(copy).not.toHaveProperty('_meta');
    expect(copy._deleted).toBe(false);
  });
});

describe('scrubRelated', () => {
  it('keeps what is counted and drops what was said about the person, new fields included', () => {
    const visit = {
      ...base,
      updatedAt: at(1, 'd'),
      memberId: 'm1',
      day: '2026-10-12',
      status: 'out',
      checkInAt: '2026-10-12T02:00:00.000Z',
      pickup: { name: '赵桂芝', relation: '外婆' },
      corrections: [{ at: 'x', by: 's1', field: 'checkOutAt', reason: '外婆晚到' }],
      someFieldAddedLater: '赵桂芝',
    };
    const scrubbed = scrubRelated('attendance', visit);
    expect(scrubbed).toEqual({
      ...base,
      updatedAt: visit.updatedAt,
      memberId: 'm1',
      day: '2026-10-12',
      status: 'out',
      checkInAt: visit.checkInAt,
      corrections: [{ at: 'x', by: 's1', field: 'checkOutAt', reason: ERASED_NAME }],
    });
    expect(scrubRelated('attendance', scrubbed)).toEqual(scrubbed);
  });

  it('keeps an incident’s kind and closing for the report, not what happened', () => {
    const incident = {
      ...base,
      updatedAt: at(1, 'd'),
      kind: 'incident',
      memberId: 'm2',
      day: '2026-10-15',
      at: 'x',
      by: 's2',
      incidentKind: 'fall',
      happened: '在浴室滑倒',
      actionTaken: '送卫生院',
      followUps: [{ at: 'y', by: 's2', note: '骨裂' }],
      closedAt: 'z',
    };
    expect(scrubDocument('care', incident)).toEqual({
      ...base,
      updatedAt: incident.updatedAt,
      kind: 'incident',
      memberId: 'm2',
      day: '2026-10-15',
      at: 'x',
      by: 's2',
      incidentKind: 'fall',
      closedAt: 'z',
    });
  });

  it('replaces the name of whoever consented', () => {
    const consent = { ...base, updatedAt: at(1, 'd'), memberId: 'm1', givenBy: '李建国' };
    expect(scrubRelated('consents', consent).givenBy).toBe(ERASED_NAME);
  });
});

describe('scrubAuditEntry', () => {
  it('scrubs a conflict copy as the record it copies, and free-text reasons', () => {
    const copy = {
      ...base,
      updatedAt: at(2, 'd'),
      action: 'sync.conflictLost',
      subjectCollection: 'members',
      subjectId: 'm1',
      data: { ...child, _rev: '1-a' },
    };
    expect(membersInAuditEntry(copy)).toEqual(['m1']);
    expect(scrubAuditEntry(copy).data).toEqual(erasedMember(child));
    const override = {
      ...base,
      updatedAt: at(2, 'd'),
      action: 'override.pickup',
      subjectCollection: 'attendance',
      subjectId: 'v1',
      reason: '外婆赵桂芝来接',
    };
    expect(scrubAuditEntry(override).reason).toBe(ERASED_NAME);
  });

  it('keeps the erasure’s own ground', () => {
    const erasure = {
      ...base,
      updatedAt: at(2, 'd'),
      action: 'person.erase',
      subjectCollection: 'members',
      subjectId: 'm1',
      reason: '家长书面申请删除',
    };
    expect(scrubAuditEntry(erasure)).toEqual(erasure);
  });
});

describe('memberOf', () => {
  it('finds the member a record is about, and no member for a staff shift', () => {
    expect(memberOf('health', { memberId: 'm1' })).toBe('m1');
    expect(memberOf('attendance', { memberId: 's1', personKind: 'staff' })).toBeNull();
    expect(memberOf('district', { memberId: 'm1' })).toBeNull();
  });
});

describe('an erasure in a sync conflict', () => {
  it('wins over an edit made later on a desk that had not heard of it', () => {
    const erased = { ...erasedMember(child), updatedAt: at(2000, 'deskA') };
    const laterEdit = { ...child, phone: '13900000000', updatedAt: at(3000, 'deskB') };
    expect(pickLastWriter(erased, laterEdit).winner).toBe(erased);
    expect(pickLastWriter(laterEdit, erased).winner).toBe(erased);
  });

  it('keeps no personal data in the conflict copy, and no copy when nothing was lost', () => {
    const erased = { ...erasedMember(child), updatedAt: at(2000, 'deskA') };
    const lost = { ...child, updatedAt: at(3000, 'deskB') };
    expect(JSON.stringify(conflictCopy(erased, lost))).not.toMatch(/李|1380|1391|87654321/);
    const byDesk = { ...erasedMember(child), updatedAt: at(2000, 'deskA'), updatedBy: 's9' };
    const byDistrict = { ...byDesk, updatedAt: at(2001, 'district'), updatedBy: 'district' };
    expect(conflictCopy(byDistrict, byDesk)).toBeNull();
    expect(conflictCopy(lost, { ...lost, name: '李晓满' })).toEqual({ ...lost, name: '李晓满' });
  });
});
