import { afterEach, describe, expect, it, vi } from 'vitest';
import { SENSITIVE_PERSON_FIELDS } from '../../server/district/people';
import { COLLECTION_NAMES, COLLECTIONS, type StaffDoc } from '../../shared/schemas';
import { PERSONAL_RECORDS, SECRETS } from '../testing/personal-records';
import { simulatedMachine } from '../testing/node-desk';
import { guardianConsent } from '../testing/consents';
import {
  changeRawRow,
  encryptedFields,
  everyDocument,
  everythingStored,
  notSealed,
} from '../testing/raw-store';
import { SEALED_PREFIX } from './fieldEncryption';
import { recordIncident, recordMeasurement } from './care';
import type { Desk } from './desk';
import { registerMember } from './members';
import { listElder, recordVisit } from './visits';

describe('personal fields at rest', () => {
  let desk: Desk | undefined;
  afterEach(async () => {
    await desk?.db.close();
    desk = undefined;
  });

  it('stores every personal field of every collection as AES-GCM ciphertext, and reads each record back as written', async () => {
    const machine = simulatedMachine();
    desk = await machine.open();
    for (const collection of COLLECTION_NAMES) {
      const { error } = await desk.db.collections[collection].bulkInsert(
        PERSONAL_RECORDS[collection] as never[],
      );
      expect(error, collection).toEqual([]);
    }

    const stored = await everythingStored(machine.indexedDB);
    expect(SECRETS.filter((secret) => stored.includes(secret))).toEqual([]);
    expect(await notSealed(machine.indexedDB)).toEqual([]);
    expect(stored).toContain('李小满'); // the name is indexed and searched: in clear

    await desk.db.close();
    desk = await machine.open();
    const byId = (docs: { id: string }[]) => [...docs].sort((a, b) => a.id.localeCompare(b.id));
    expect(await everyDocument(desk.db)).toEqual(
      Object.fromEntries(COLLECTION_NAMES.map((c) => [c, byId(PERSONAL_RECORDS[c])])),
    );
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

  it('keeps writing after a listener to the store’s changes leaves while one is being decrypted', async () => {
    // A sync that stops (replication.ts) stops listening to its collection's changes: here at the
    // worst moment, while the change of a write is being decrypted for it.
    desk = await simulatedMachine({ collections: ['members'] }).open();
    type Instance = {
      originalStorageInstance: Instance;
      changeStream(): { subscribe(next?: () => void): { unsubscribe(): void } };
    };
    const sealed = (desk.db.members.storageInstance as unknown as Instance).originalStorageInstance;
    const listener = sealed.changeStream().subscribe();
    const leaving = sealed.originalStorageInstance
      .changeStream()
      .subscribe(() => listener.unsubscribe());
    const waited = (what: Promise<unknown>) =>
      Promise.race([
        what.then(() => 'written'),
        new Promise((resolve) => setTimeout(() => resolve('still waiting after 5 s'), 5_000)),
      ]);
    expect(
      await waited(
        registerMember(desk, {
          kind: 'elder',
          name: '王秀英',
          gender: 'F',
          birthDate: '1949-12-31',
        }),
      ),
    ).toBe('written');
    leaving.unsubscribe();
    expect(
      await waited(
        registerMember(desk, {
          kind: 'elder',
          name: '李桂兰',
          gender: 'F',
          birthDate: '1950-03-02',
        }),
      ),
    ).toBe('written');
  });

  it('reads back what it has just sealed without decrypting it, and only where it sealed it', async () => {
    const machine = simulatedMachine({ collections: ['members'] });
    const name = 'lately';
    const table = `rxdb-dexie-${name}--${COLLECTIONS.members.schema.version}--members`;
    desk = await machine.open(name);
    const decrypt = vi.spyOn(globalThis.crypto.subtle, 'decrypt');
    try {
      // Written, then read back through the store (as a live query's change is): no decryption.
      await desk.db.members.bulkInsert(PERSONAL_RECORDS.members);
      const instance = desk.db.members.storageInstance;
      const read = async (id: string) => (await instance.findDocumentsById([id], false))[0];
      expect((await read('m-elder'))?.idNumber).toBe('110105194111230025');
      expect((await read('m-child'))?.allergies).toEqual(['芒果过敏']);
      expect(decrypt).not.toHaveBeenCalled();

      // The child's ID number copied into the elder's record beneath the open store: refused.
      let child: Record<string, unknown> = {};
      await changeRawRow(machine.indexedDB, table, 'm-child', (row) => (child = row));
      await changeRawRow(machine.indexedDB, table, 'm-elder', (row) => ({
        ...row,
        idNumber: child.idNumber,
      }));
      await expect(read('m-elder')).rejects.toThrow(
        /cannot read "idNumber" of members document m-elder/,
      );
    } finally {
      decrypt.mockRestore();
    }
  });

  it('refuses a value moved to another record or field, changed, or put in clear, naming the field', async () => {
    const machine = simulatedMachine({ collections: ['members'] });
    const name = 'tampered';
    const table = `rxdb-dexie-${name}--${COLLECTIONS.members.schema.version}--members`;
    desk = await machine.open(name);
    await desk.db.members.bulkInsert(PERSONAL_RECORDS.members);
    // Opened once more, the desk has marked its newest record and reads none of them to start.
    await desk.db.close();
    desk = await machine.open(name);
    await desk.db.close();
    desk = undefined;

    const stored = async (id: string) => {
      let row: Record<string, unknown> = {};
      await changeRawRow(machine.indexedDB, table, id, (r) => (row = r));
      return row;
    };
    const child = await stored('m-child');
    const elder = await stored('m-elder');
    const tampered = async (id: string, change: Record<string, unknown>) => {
      await desk?.db.close();
      await changeRawRow(machine.indexedDB, table, id, (row) => ({ ...row, ...change }));
      desk = await machine.open(name);
      return desk.db.members.findOne(id).exec();
    };
    const refused = (id: string, field: string) =>
      new RegExp(`cannot read "${field}" of members document ${id}: .*Enrol this desk again`);

    // The child's ID number copied into the elder's record.
    await expect(tampered('m-elder', { idNumber: child.idNumber })).rejects.toThrow(
      refused('m-elder', 'idNumber'),
    );
    await tampered('m-elder', { idNumber: elder.idNumber });
    // The child's phone copied into the child's own ID number.
    await expect(tampered('m-child', { idNumber: child.phone })).rejects.toThrow(
      refused('m-child', 'idNumber'),
    );
    // One character of the ciphertext changed.
    const note = String(child.note);
    const at = SEALED_PREFIX.length + 8; // within the IV
    const flipped = note.slice(0, at) + (note[at] === 'A' ? 'B' : 'A') + note.slice(at + 1);
    await expect(tampered('m-child', { idNumber: child.idNumber, note: flipped })).rejects.toThrow(
      refused('m-child', 'note'),
    );
    // A value written in clear beneath the store.
    await expect(tampered('m-child', { note: child.note, allergies: ['无'] })).rejects.toThrow(
      refused('m-child', 'allergies'),
    );

    // Put back as they were, both records read as written.
    await tampered('m-child', { allergies: child.allergies });
    expect((await desk!.db.members.findOne('m-elder').exec())?.idNumber).toBe('110105194111230025');
    expect((await desk!.db.members.findOne('m-child').exec())?.allergies).toEqual(['芒果过敏']);
  });

  it('encrypts what the district withholds from viewers, and keeps in clear only what the desk queries or indexes', () => {
    expect(encryptedFields('members')).toEqual(
      expect.arrayContaining([...SENSITIVE_PERSON_FIELDS]),
    );
    // docs/SECURITY.md, "What stays in clear": each field here is indexed, queried or searched, or
    // is bookkeeping. A new field fails this test until it is encrypted or added here with a reason.
    const base = ['id', 'centreId', 'createdAt', 'updatedAt', 'updatedBy'];
    const clear: Record<(typeof COLLECTION_NAMES)[number], string[]> = {
      members: ['kind', 'name', 'pinyin', 'initials', 'status'],
      staff: [
        'name',
        'pinyin',
        'initials',
        'role',
        'cardNo',
        'childClass',
        'active',
        'screeningCheckedOn',
        // A manager's public key with the private half already sealed under their password, and
        // the signature over the record: checked by every desk and the district, nothing personal.
        'managerKey',
        'grant',
      ],
      attendance: [
        'memberId',
        'personKind',
        'day',
        'status',
        'checkInBy',
        'checkOutBy',
        'closedAtClosing',
        'cancelled',
        // Entered later from the paper sheet (补录): when and by whom, nothing about the person.
        'fromPaper',
      ],
      consents: ['memberId', 'scopes', 'givenOn', 'expiresOn', 'withdrawnOn', 'recordedBy'],
      absences: ['memberId', 'day', 'returnedOn', 'recordedBy'],
      health: ['kind', 'memberId', 'day', 'at', 'by', 'fromPaper'],
      care: ['kind', 'memberId', 'day', 'at', 'by', 'closedAt', 'closedBy'],
      // Whom a health record is about (queried), its kind, who assessed or recorded it and when, a
      // check's month; the rest (answers, levels, measurements, doses, plans) is sealed.
      healthRecords: [
        'kind',
        'memberId',
        'assessorId',
        'day',
        'at',
        'by',
        'checkMonth',
        'closedAt',
        'closedBy',
      ],
      visits: [
        'kind',
        'memberId',
        'listedOn',
        'offListOn',
        'visitKind',
        'at',
        'visitedBy',
        'visitorName',
        'reached',
        'nextDueOn',
      ],
      auditLog: [
        'action',
        'subjectCollection',
        'subjectId',
        'winnerUpdatedAt',
        'staffId',
        'fields',
        'at',
      ],
      meals: [
        'kind',
        'day',
        'mealType',
        'dishes',
        'memberId',
        'mode',
        'cancelled',
        'servedAt',
        'servedBy',
        'deliveredBy',
        'deliveredAt',
        'deliveryRecordedBy',
        'dish',
        'grams',
        'takenAt',
        'takenBy',
        'discardedAt',
        'discardedBy',
        'fromPaper',
      ],
      activities: [
        'kind',
        'planId',
        'title',
        'category',
        'room',
        'leaderId',
        'capacity',
        'enrolled',
        'start',
        'end',
        'recurrence',
        'exceptions',
        'templateId',
        'date',
        'memberId',
        'present',
        'recordedAt',
        'recordedBy',
      ],
      district: [
        'kind',
        'title',
        'text',
        'settings',
        'shownFrom',
        'shownUntil',
        'template',
        'publishedAt',
      ],
    };
    for (const collection of COLLECTION_NAMES) {
      const fields = Object.keys(COLLECTIONS[collection].schema.properties);
      const encrypted = encryptedFields(collection);
      expect(fields.filter((f) => !encrypted.includes(f)).sort(), collection).toEqual(
        [...base, ...clear[collection]].sort(),
      );
    }
  });
});
