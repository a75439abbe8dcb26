import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import type { MemberDoc } from '../../shared/schemas';
import { nameSearchKeys } from '../../shared/search';
import { simulatedMachine } from '../testing/node-desk';
import type { Desk } from './desk';

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
});
