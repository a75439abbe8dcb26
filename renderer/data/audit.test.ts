import { IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase } from 'rxdb';
import { wrappedKeyEncryptionCryptoJsStorage } from 'rxdb/plugins/encryption-crypto-js';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateZSchemaStorage } from 'rxdb/plugins/validate-z-schema';
import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { auditLogSchemaLiteral } from '../../shared/schemas/auditLog';
import { simulatedMachine, TEST_STORE_KEY } from '../testing/node-desk';
import { guardianConsent } from '../testing/consents';
import { audit, auditLines$, exportAuditLog } from './audit';
import { recordHealthCheck } from './health';
import { eraseMember, registerMember } from './members';
import type { Desk } from './desk';
import { staff$ } from './people';
import { addStaff, login } from './staff';

const opened: Desk[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.db.close()));
});

/** A desk with its manager logged in (one `staff.login` entry) and three entries after it. */
async function desk() {
  const d = await simulatedMachine({ collections: ['staff', 'auditLog', 'members'] }).open();
  opened.push(d);
  const manager = await addStaff(d, { name: '周敏', role: 'manager', pin: 'zhou2580' });
  expect((await login(d, manager.id, 'zhou2580')).kind).toBe('ok');
  const entry = (subjectId: string, action: 'sensitive.view' | 'sensitive.change') =>
    audit(d, { action, subjectCollection: 'members', subjectId });
  await entry('m1', 'sensitive.view');
  await entry('m2', 'sensitive.change');
  await entry('m3', 'sensitive.view');
  return d;
}

/** A desk with its manager logged in, that keeps people and their health checks. */
async function peopleDesk() {
  const d = await simulatedMachine({
    collections: ['staff', 'auditLog', 'members', 'consents', 'health'],
  }).open();
  opened.push(d);
  const manager = await addStaff(d, { name: '周敏', role: 'manager', pin: 'zhou2580' });
  expect((await login(d, manager.id, 'zhou2580')).kind).toBe('ok');
  return d;
}

const toddler = {
  kind: 'child' as const,
  name: '李小满',
  gender: 'M' as const,
  birthDate: '2024-03-01',
};
const grandma = {
  kind: 'elder' as const,
  name: '王秀英',
  gender: 'F' as const,
  birthDate: '1940-05-01',
};

describe('reading the audit log (renderer/data/audit.ts)', () => {
  it('shows the newest entries first, as many as asked, and says when there are more', async () => {
    const d = await desk();
    const first = await firstValueFrom(auditLines$(d, {}, 2));
    expect(first.lines.map((e) => e.action)).toEqual(['sensitive.view', 'sensitive.change']);
    expect(first.more).toBe(true);
    const all = await firstValueFrom(auditLines$(d, {}, 10));
    expect(all.lines).toHaveLength(4);
    expect(all.more).toBe(false);
  });

  it('orders by when each thing happened, not by when its entry last changed', async () => {
    const d = await desk();
    // Written last (the newest updatedAt), but it happened the day before.
    await audit(
      d,
      { action: 'sensitive.view', subjectCollection: 'members', subjectId: 'yesterday' },
      new Date(Date.now() - 86_400_000),
    );
    const { lines } = await firstValueFrom(auditLines$(d, {}, 10));
    expect(lines.at(-1)?.whom).toBeNull();
    const times = lines.map((l) => l.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(lines.map((l) => l.at).at(-1)).toBe(
      (await d.db.auditLog.find({ selector: { subjectId: 'yesterday' } }).exec())[0]?.at,
    );
  });

  it('names who did it and whom it was about, through the record it was done to', async () => {
    const d = await peopleDesk();
    const child = await registerMember(d, toddler, undefined, {}, guardianConsent('health'));
    const other = await registerMember(d, grandma);
    const check = await recordHealthCheck(d, {
      kind: 'morningCheck',
      memberId: child.id,
      temperature: 36.6,
      observations: ['skinRash'],
    });
    await audit(d, { action: 'sensitive.view', subjectCollection: 'members', subjectId: other.id });
    const { lines } = await firstValueFrom(auditLines$(d, { memberId: child.id }, 50));
    const health = lines.find((l) => l.fields.includes('temperature'));
    expect(health).toMatchObject({
      who: '周敏',
      action: 'sensitive.change',
      whom: { kind: 'member', id: child.id, name: '李小满', erased: false },
    });
    expect(lines.some((l) => l.whom?.kind === 'member' && l.whom.name === '王秀英')).toBe(false);
    expect(lines.every((l) => l.whom?.kind === 'member')).toBe(true);
    expect(check.memberId).toBe(child.id);
  });

  it('never names an erased person, on their own entries or on their records', async () => {
    const d = await peopleDesk();
    const child = await registerMember(d, toddler, undefined, {}, guardianConsent('health'));
    await recordHealthCheck(d, { kind: 'morningCheck', memberId: child.id, temperature: 37.9 });
    await eraseMember(d, child.id, '家长书面申请');
    const { lines } = await firstValueFrom(auditLines$(d, { memberId: child.id }, 50));
    expect(lines.map((l) => l.action).sort()).toEqual(['person.erase', 'sensitive.change']);
    for (const line of lines)
      expect(line.whom).toEqual({ kind: 'member', id: child.id, name: '', erased: true });
    expect(JSON.stringify(lines)).not.toContain('李小满');
  });

  it('narrows to one staff member and to a range of days', async () => {
    const d = await desk();
    const other = await addStaff(d, { name: '陈静', role: 'reception', pin: '147025' });
    await audit(
      d,
      {
        action: 'sensitive.view',
        subjectCollection: 'members',
        subjectId: 'm9',
        staffId: other.id,
      },
      new Date('2026-03-02T10:00:00'),
    );
    const byOther = await firstValueFrom(auditLines$(d, { staffId: other.id }, 50));
    expect(byOther.lines.map((l) => [l.who, l.at])).toEqual([
      ['陈静', new Date('2026-03-02T10:00:00').toISOString()],
    ]);
    const day = (from: string, to: string) => firstValueFrom(auditLines$(d, { from, to }, 50));
    expect((await day('2026-03-02', '2026-03-02')).lines).toHaveLength(1);
    expect((await day('2026-03-03', '2026-03-31')).lines).toHaveLength(0);
    expect((await day('2026-03-01', '2026-03-01')).lines).toHaveLength(0);
  });

  it('hands over every matching entry, newest first, and records that it was taken', async () => {
    const d = await desk();
    const taken = await exportAuditLog(d, {});
    expect(taken.map((e) => e.action)).toEqual([
      'sensitive.view',
      'sensitive.change',
      'sensitive.view',
      'staff.login',
    ]);
    const { lines } = await firstValueFrom(auditLines$(d, {}, 1));
    expect(lines[0]).toMatchObject({ action: 'audit.export', who: '周敏', whom: { kind: 'log' } });
  });
});

describe('an audit log written before version 1 of its schema', () => {
  it('opens, with its entries, and takes the new actions', async () => {
    const machine = simulatedMachine({ collections: ['auditLog'] });
    const old = await createRxDatabase({
      name: 'before-consents',
      storage: wrappedValidateZSchemaStorage({
        storage: wrappedKeyEncryptionCryptoJsStorage({
          storage: getRxStorageDexie({ indexedDB: machine.indexedDB, IDBKeyRange }),
        }),
      }),
      password: TEST_STORE_KEY,
    });
    const properties = auditLogSchemaLiteral.properties;
    await old.addCollections({
      auditLog: {
        schema: {
          ...auditLogSchemaLiteral,
          version: 0,
          properties: {
            ...properties,
            action: { ...properties.action, enum: properties.action.enum.slice(0, 10) },
          },
        } as never,
      },
    });
    await old.collections.auditLog!.insert({
      id: 'e1',
      centreId: 'c1',
      createdAt: '2026-03-01T08:00:00.000Z',
      updatedAt: '001772352000000-00000-deska',
      updatedBy: 'staff-1',
      action: 'audit.export',
      subjectCollection: 'auditLog',
      subjectId: 'all',
    });
    await old.close();

    const d = await machine.open('before-consents');
    opened.push(d);
    expect((await d.db.auditLog.findOne('e1').exec())?.action).toBe('audit.export');
    await audit(d, { action: 'list.view', subjectCollection: 'members', subjectId: 'children' });
    expect(await d.db.auditLog.count().exec()).toBe(2);
  });
});

describe('the staff list (renderer/data/people.ts staff$)', () => {
  it('lists the staff in pinyin order, whoever was added first', async () => {
    const d = await desk();
    await addStaff(d, { name: '陈静', role: 'reception', pin: '147025' });
    await addStaff(d, { name: '安娜', role: 'caregiver', pin: '369147' });
    const names = (await firstValueFrom(staff$(d, 'active'))).map((s) => s.name);
    expect(names).toEqual(['安娜', '陈静', '周敏']);
  });
});
