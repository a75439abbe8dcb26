import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import type { MemberDoc, StaffDoc } from '../../shared/schemas';
import { nameSearchKeys } from '../../shared/search';
import { simulatedMachine } from '../testing/node-desk';
import { guardianConsent } from '../testing/consents';
import { recordIncident, recordMeasurement } from './care';
import type { Desk } from './desk';
import { registerMember } from './members';
import { listElder, recordVisit } from './visits';

/** Every record in every object store of a machine's IndexedDB, as JSON text. */
async function everythingStored(indexedDB: IDBFactory): Promise<string> {
  const texts: string[] = [];
  for (const info of await indexedDB.databases()) {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(info.name!);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    for (const store of Array.from(db.objectStoreNames)) {
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      texts.push(JSON.stringify(rows));
    }
    db.close();
  }
  return texts.join('\n');
}

describe('sensitive fields at rest', () => {
  let desk: Desk | undefined;
  afterEach(async () => {
    await desk?.db.close();
    desk = undefined;
  });

  it('stores ID numbers, health notes and guardians encrypted, and reads them back in the clear', async () => {
    const machine = simulatedMachine({ collections: ['members'] });
    desk = await machine.open();
    const child: MemberDoc = {
      id: newId(),
      centreId: desk.settings.centreId,
      createdAt: new Date().toISOString(),
      updatedAt: desk.clock.tick(),
      updatedBy: desk.actor(),
      kind: 'child',
      name: '李小满',
      ...nameSearchKeys('李小满'),
      gender: 'M',
      birthDate: '2024-03-01',
      idNumber: '11010520240301003X',
      healthNotes: '花生过敏史，曾住院',
      guardians: [{ id: 'g1', name: '李建国', relation: '父亲', phone: '13912345678' }],
      allergies: ['花生'],
    };
    await desk.db.members.insert(child);

    const stored = await everythingStored(machine.indexedDB);
    expect(stored).toContain('李小满'); // the name is searchable, not encrypted
    expect(stored).not.toContain('11010520240301003X');
    expect(stored).not.toContain('曾住院');
    expect(stored).not.toContain('13912345678');

    await desk.db.close();
    desk = await machine.open();
    const back = await desk.db.members.findOne(child.id).exec();
    expect(back?.idNumber).toBe('11010520240301003X');
    expect(back?.guardians?.[0]?.phone).toBe('13912345678');
    expect(back?.healthNotes).toBe('花生过敏史，曾住院');
  });

  it('stores blood pressure, blood sugar, growth, incidents and what a visit found encrypted', async () => {
    const machine = simulatedMachine({ collections: ['members', 'consents', 'visits', 'care'] });
    desk = await machine.open();
    desk.session = {
      staff: { id: 's1', name: '刘医生', role: 'manager', active: true } as StaffDoc,
      since: new Date().toISOString(),
    };
    const elder = await registerMember(desk, {
      kind: 'elder',
      name: '王秀英',
      gender: 'F',
      birthDate: '1940-05-01',
    });
    const child = await registerMember(
      desk,
      { kind: 'child', name: '李小满', gender: 'M', birthDate: '2024-03-01' },
      undefined,
      {},
      guardianConsent(),
    );
    await recordMeasurement(desk, {
      memberId: elder.id,
      kind: 'bloodPressure',
      systolic: 187,
      diastolic: 113,
      pulse: 97,
    });
    await recordMeasurement(desk, {
      memberId: elder.id,
      kind: 'bloodSugar',
      sugar: 13.7,
      sugarTiming: 'afterMeal',
    });
    await recordMeasurement(desk, {
      memberId: child.id,
      kind: 'heightWeight',
      heightCm: 93.4,
      weightKg: 13.9,
    });
    await recordIncident(desk, {
      memberId: elder.id,
      incidentKind: 'wandering',
      at: new Date(),
      happened: '傍晚独自离开走失两小时',
      actionTaken: '派出所协助找回',
    });
    await listElder(desk, { memberId: elder.id, risk: 'high' });
    await recordVisit(desk, {
      memberId: elder.id,
      visitKind: 'home',
      at: new Date(),
      reached: true,
      findings: { safetyRisks: '燃气灶无熄火保护', familySupport: '儿子在外地打工' },
    });

    const stored = await everythingStored(machine.indexedDB);
    // Numbers would match ids and ciphertext by chance: look for them as stored values.
    for (const field of ['systolic', 'diastolic', 'pulse', 'sugar', 'heightCm', 'weightKg'])
      expect(stored, field).not.toMatch(new RegExp(`"${field}":\\s*\\d`));
    // (Enum values such as 'wandering' are in the stored schema itself, so the texts are checked.)
    for (const secret of ['走失两小时', '派出所', '燃气灶', '打工'])
      expect(stored, secret).not.toContain(secret);
    expect(stored).toContain('"systolic":"'); // there, as ciphertext
    expect(stored).toContain('bloodPressure'); // the kind of record stays queryable

    await desk.db.close();
    desk = await machine.open();
    const back = await desk.db.care.find({ selector: { kind: 'bloodPressure' } }).exec();
    expect(back.map((d) => [d.systolic, d.diastolic, d.pulse])).toEqual([[187, 113, 97]]);
  });
});
