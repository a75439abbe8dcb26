import { IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase } from 'rxdb';
import { wrappedKeyEncryptionCryptoJsStorage } from 'rxdb/plugins/encryption-crypto-js';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateZSchemaStorage } from 'rxdb/plugins/validate-z-schema';
import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { auditLogSchemaLiteral } from '../../shared/schemas/auditLog';
import { simulatedMachine, TEST_STORE_KEY } from '../testing/node-desk';
import { audit, auditEntries$, exportAuditLog } from './audit';
import type { Desk } from './desk';
import { staff$ } from './people';
import { addStaff, login } from './staff';

const opened: Desk[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.db.close()));
});

/** A desk with its manager logged in (one `staff.login` entry) and three entries after it. */
async function desk() {
  const d = await simulatedMachine({ collections: ['staff', 'auditLog'] }).open();
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

describe('reading the audit log (renderer/data/audit.ts)', () => {
  it('shows the newest entries first, as many as asked, of one action or all', async () => {
    const d = await desk();
    const newest = await firstValueFrom(auditEntries$(d, null, 2));
    expect(newest.map((e) => e.subjectId)).toEqual(['m3', 'm2']);
    const views = await firstValueFrom(auditEntries$(d, 'sensitive.view', 10));
    expect(views.map((e) => e.subjectId)).toEqual(['m3', 'm1']);
  });

  it('hands over the whole log oldest first, and records that it was taken', async () => {
    const d = await desk();
    const taken = await exportAuditLog(d);
    expect(taken.map((e) => e.action)).toEqual([
      'staff.login',
      'sensitive.view',
      'sensitive.change',
      'sensitive.view',
    ]);
    const [latest] = await firstValueFrom(auditEntries$(d, null, 1));
    expect(latest).toMatchObject({ action: 'audit.export', subjectId: 'all' });
    expect(latest?.staffId).toBe(taken[0]?.subjectId);
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
