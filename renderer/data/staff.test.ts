/**
 * Issue 16, point 3, on the desk: staff changes are signed by the manager logged in, PIN hashes
 * stay on the desk, and a desk's store from before moves its hashes off the staff records.
 */
import { IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { wrappedKeyEncryptionCryptoJsStorage } from 'rxdb/plugins/encryption-crypto-js';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateZSchemaStorage } from 'rxdb/plugins/validate-z-schema';
import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { UNENROLLED_CENTRE_ID, type StaffDoc } from '../../shared/schemas';
import { CHILD_CLASSES } from '../../shared/schemas/members';
import { CERTIFICATE_KINDS, STAFF_ROLES } from '../../shared/schemas/staff';
import {
  judgeStaffChanges,
  newManagerKey,
  signStaff,
  type StaffVersion,
} from '../../shared/staffAuthority';
import type { WireDoc } from '../../shared/sync/protocol';
import { simulatedMachine, TEST_STORE_KEY } from '../testing/node-desk';
import type { Desk } from './desk';
import { adoptCentre } from './enrolment';
import { pinVerifierId } from './pinVerifier';
import {
  addStaff,
  changeOwnPassword,
  hashPin,
  login,
  logout,
  PermissionError,
  setFirstPassword,
  setPinHere,
  StaffChangeRefused,
  updateStaff,
} from './staff';
import { acceptStaffFromDistrict, refusedStaffRecords$ } from './staffAuthority';

const opened: Desk[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.db.close()));
});

async function open(machine = simulatedMachine({ collections: ['staff'] }), name?: string) {
  const desk = await machine.open(name);
  opened.push(desk);
  return desk;
}

/** A desk with its manager (周敏, password zhou2580) logged in, and a receptionist (PIN 1470). */
async function deskWithManager() {
  const desk = await open();
  const manager = await addStaff(desk, { name: '周敏', role: 'manager', pin: 'zhou2580' });
  expect((await login(desk, manager.id, 'zhou2580')).kind).toBe('ok');
  const reception = await addStaff(desk, { name: '陈静', role: 'reception', pin: '1470' });
  return { desk, manager, reception };
}

const stored = async (desk: Desk, id: string) =>
  (await desk.db.staff.findOne(id).exec())!.toMutableJSON();
/** The desk's records as the district's check takes them: every one signed by a manager here. */
async function allSigned(desk: Desk): Promise<boolean> {
  const docs = (await desk.db.staff.find().exec()).map((d): StaffVersion => ({
    ...d.toMutableJSON(),
    _deleted: false,
  }));
  const judged = await judgeStaffChanges(docs, new Map(), 'set');
  return judged.refused.length === 0;
}

describe('staff changes', () => {
  it('are signed by the manager logged in; without one, nobody changes staff', async () => {
    const { desk, manager, reception } = await deskWithManager();
    expect(await stored(desk, manager.id)).toMatchObject({ grant: { by: manager.id } });
    expect(await stored(desk, reception.id)).toMatchObject({ grant: { by: manager.id } });
    expect(await allSigned(desk)).toBe(true);
    // A manager's session from elsewhere (no key unlocked by a password) signs nothing.
    desk.session = { staff: manager, since: new Date().toISOString() };
    await expect(
      addStaff(desk, { name: '赵强', role: 'caregiver', pin: '3691' }),
    ).rejects.toBeInstanceOf(PermissionError);
  });

  it('change roles and status only through another manager, and what a manager signed stays signed when they go', async () => {
    const { desk, manager, reception } = await deskWithManager();
    await expect(updateStaff(desk, manager.id, { role: 'reception' })).rejects.toThrow('notOnSelf');
    await expect(updateStaff(desk, reception.id, { role: 'manager' })).rejects.toThrow(
      'managerSecretFormat',
    );
    const promoted = await updateStaff(desk, reception.id, {
      role: 'manager',
      managerSecret: 'chen1470a',
    });
    expect(promoted.managerKey).toBeDefined();
    const helper = await addStaff(desk, { name: '赵红', role: 'caregiver', pin: '3691' });

    // The new manager signs; then loses the role: what they signed is signed again by the first.
    logout(desk);
    expect((await login(desk, reception.id, 'chen1470a')).kind).toBe('ok');
    const signedByNew = await updateStaff(desk, helper.id, { childClass: 'toddler' });
    expect(signedByNew.grant?.by).toBe(reception.id);
    await expect(updateStaff(desk, manager.id, { active: false })).resolves.toMatchObject({
      active: false,
    });
    logout(desk);
    expect((await login(desk, manager.id, 'zhou2580')).kind).toBe('unknown');
    expect((await login(desk, reception.id, 'chen1470a')).kind).toBe('ok');
    await expect(updateStaff(desk, manager.id, { active: true })).resolves.toBeTruthy();
    logout(desk);
    expect((await login(desk, manager.id, 'zhou2580')).kind).toBe('ok');
    const demoted = await updateStaff(desk, reception.id, { role: 'reception', pin: '1470' });
    expect(demoted.managerKey).toBeUndefined();
    expect((await stored(desk, helper.id)).grant?.by).toBe(manager.id);
    expect(await allSigned(desk)).toBe(true);
    logout(desk);
    expect((await login(desk, reception.id, '1470')).kind).toBe('ok');
    logout(desk);
    expect((await login(desk, manager.id, 'zhou2580')).kind).toBe('ok');
    await expect(updateStaff(desk, helper.id, { active: false })).resolves.toBeTruthy();
    const second = await updateStaff(desk, helper.id, {
      active: true,
      role: 'manager',
      managerSecret: 'zhao3691b',
    });
    logout(desk);
    expect((await login(desk, second.id, 'zhao3691b')).kind).toBe('ok');
    await expect(updateStaff(desk, manager.id, { active: false })).resolves.toBeTruthy();
    await expect(updateStaff(desk, second.id, { active: false })).rejects.toThrow('notOnSelf');
  });

  it("reset a manager's forgotten password with a new key, and the old one opens nothing; a manager changes their own, keeping the key", async () => {
    const { desk, manager } = await deskWithManager();
    const second = await addStaff(desk, { name: '李娜', role: 'manager', pin: 'lina2468' });
    const before = second.managerKey!.publicKey;
    await updateStaff(desk, second.id, { managerSecret: 'lina1357x' });
    expect((await stored(desk, second.id)).managerKey!.publicKey).not.toBe(before);
    logout(desk);
    expect((await login(desk, second.id, 'lina2468')).kind).toBe('wrongPin');
    expect((await login(desk, second.id, 'lina1357x')).kind).toBe('ok');
    expect((await stored(desk, manager.id)).grant?.by).toBe(manager.id);

    // Remembered, a password is changed by its manager alone, keeping the key.
    await expect(changeOwnPassword(desk, 'lina0000x', 'lina8642y')).rejects.toThrow(
      'wrongPassword',
    );
    const reset = (await stored(desk, second.id)).managerKey!;
    await changeOwnPassword(desk, 'lina1357x', 'lina8642y');
    const changed = (await stored(desk, second.id)).managerKey!;
    expect(changed.publicKey).toBe(reset.publicKey);
    expect(changed.wrapped).not.toBe(reset.wrapped);
    logout(desk);
    expect((await login(desk, second.id, 'lina1357x')).kind).toBe('wrongPin');
    expect((await login(desk, second.id, 'lina8642y')).kind).toBe('ok');
    expect(await allSigned(desk)).toBe(true);
  });
});

describe('PINs on this desk', () => {
  it('work only where a manager set them, and a manager sets them on any desk', async () => {
    const { desk, reception } = await deskWithManager();
    // The record as another desk gets it: no PIN hash of this desk goes with it.
    await desk.db.getLocal(pinVerifierId(reception.id)).then((d) => d?.remove());
    logout(desk);
    expect(await login(desk, reception.id, '1470')).toEqual({ kind: 'noPinHere' });
    await expect(setPinHere(desk, reception.id, '2468')).rejects.toBeInstanceOf(PermissionError);
    const manager = (await desk.db.staff.findOne({ selector: { role: 'manager' } }).exec())!;
    expect((await login(desk, manager.primary, 'zhou2580')).kind).toBe('ok');
    await expect(setPinHere(desk, manager.primary, '2468')).rejects.toThrow('managerUsesPassword');
    await expect(setPinHere(desk, reception.id, '1234')).rejects.toThrow('pinTooSimple');
    await setPinHere(desk, reception.id, '2468');
    logout(desk);
    expect((await login(desk, reception.id, '2468')).kind).toBe('ok');
  });
});

describe('records from the district', () => {
  it('come in when a manager this desk knows signed them; others are set aside and listed', async () => {
    const { desk, manager, reception } = await deskWithManager();
    const unlocked = desk.session!.signingKey!;
    const intruder = await newManagerKey('x', 'intruder1', 100_000);
    const wire = async (doc: StaffDoc, by: string, key = unlocked): Promise<WireDoc> => {
      const { grant, ...fields } = { ...doc, updatedAt: desk.clock.tick() };
      void grant;
      return { ...(await signStaff(fields, by, key)), _deleted: false };
    };
    const older: WireDoc = { ...(await stored(desk, reception.id)), _deleted: false };
    const current = await updateStaff(desk, reception.id, { phone: '13800001111' });
    const good = await wire({ ...current, name: '陈静怡' }, manager.id);
    const forged = await wire(
      { ...current, role: 'manager', managerKey: intruder.managerKey },
      manager.id,
      intruder.signingKey,
    );
    const { grant, ...unsignedFields } = {
      ...manager,
      active: false,
      updatedAt: desk.clock.tick(),
    };
    void grant;
    const unsigned: WireDoc = { ...unsignedFields, _deleted: false };

    expect((await acceptStaffFromDistrict(desk, [forged])).map((d) => d.id)).toEqual([]);
    expect((await acceptStaffFromDistrict(desk, [unsigned])).map((d) => d.id)).toEqual([]);
    expect((await acceptStaffFromDistrict(desk, [older])).map((d) => d.id)).toEqual([]);
    const refused = await firstValueFrom(refusedStaffRecords$(desk));
    expect(refused).toEqual([
      expect.objectContaining({
        id: manager.id,
        by: null,
        reason: expect.stringMatching(/not signed by a manager/),
      }),
      expect.objectContaining({
        id: reception.id,
        by: manager.id,
        reason: expect.stringMatching(/does not match its content/),
      }),
    ]);
    expect((await acceptStaffFromDistrict(desk, [good])).map((d) => d.id)).toEqual([reception.id]);
  });
});

describe('enrolment', () => {
  it('moves the staff to the centre, signed again by the manager enrolling; without one, nothing moves', async () => {
    const { desk, manager, reception } = await deskWithManager();
    expect(manager.centreId).toBe(UNENROLLED_CENTRE_ID);
    const enrolment = {
      centreId: 'sunrise',
      centreName: '阳光',
      deviceId: 'dev-1',
      districtUrl: 'http://localhost:4100',
    };
    logout(desk);
    await expect(adoptCentre(desk, enrolment)).rejects.toBeInstanceOf(PermissionError);
    expect((await stored(desk, reception.id)).centreId).toBe(UNENROLLED_CENTRE_ID);
    await login(desk, manager.id, 'zhou2580');
    await adoptCentre(desk, enrolment);
    expect(await stored(desk, reception.id)).toMatchObject({
      centreId: 'sunrise',
      grant: { by: manager.id },
    });
    expect(await allSigned(desk)).toBe(true);
  });
});

/** The staff schema before signatures (version 0): the PIN hash was on the record. */
const STAFF_V0 = {
  title: 'staff',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    centreId: { type: 'string', maxLength: 40, minLength: 1 },
    createdAt: { type: 'string', format: 'date-time', maxLength: 32 },
    updatedAt: { type: 'string', maxLength: 80, minLength: 23 },
    updatedBy: { type: 'string', maxLength: 40, minLength: 1 },
    name: { type: 'string', minLength: 1, maxLength: 40 },
    pinyin: { type: 'string', maxLength: 200 },
    initials: { type: 'string', maxLength: 40 },
    role: { type: 'string', enum: STAFF_ROLES, maxLength: 12 },
    phone: { type: 'string', maxLength: 11 },
    cardNo: { type: 'string', maxLength: 20 },
    childClass: { type: 'string', enum: CHILD_CLASSES, maxLength: 10 },
    active: { type: 'boolean' },
    pin: {
      type: 'object',
      properties: {
        algorithm: { type: 'string', enum: ['PBKDF2-SHA256'], maxLength: 16 },
        iterations: { type: 'integer', minimum: 100000, maximum: 10000000 },
        salt: { type: 'string', maxLength: 64 },
        hash: { type: 'string', maxLength: 128 },
      },
      required: ['algorithm', 'iterations', 'salt', 'hash'],
      additionalProperties: false,
    },
    certificates: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: CERTIFICATE_KINDS, maxLength: 20 },
          number: { type: 'string', maxLength: 40 },
          expiresOn: { type: 'string', format: 'date', maxLength: 10 },
        },
        required: ['kind', 'expiresOn'],
        additionalProperties: false,
      },
    },
    screeningCheckedOn: { type: 'string', format: 'date', maxLength: 10 },
  },
  required: [
    'id',
    'centreId',
    'createdAt',
    'updatedAt',
    'updatedBy',
    'name',
    'pinyin',
    'initials',
    'role',
    'active',
  ],
  additionalProperties: false,
  indexes: ['updatedAt'],
} as const;

describe('a desk from before signatures', () => {
  it('keeps its PIN hashes on the desk, and its manager chooses a password that signs the rest', async () => {
    const machine = simulatedMachine({ collections: ['staff'] });
    const name = 'legacy-desk';
    const old = await createRxDatabase({
      name,
      storage: wrappedValidateZSchemaStorage({
        storage: wrappedKeyEncryptionCryptoJsStorage({
          storage: getRxStorageDexie({ indexedDB: machine.indexedDB, IDBKeyRange }),
        }),
      }),
      password: TEST_STORE_KEY,
      localDocuments: true,
    });
    const { staff } = await old.addCollections({
      staff: { schema: STAFF_V0 as unknown as RxJsonSchema<Record<string, unknown>> },
    });
    const record = (id: string, fields: object) => ({
      id,
      centreId: 'sunrise',
      createdAt: '2026-01-05T08:00:00.000Z',
      updatedAt: '001767600000000-00000-dold',
      updatedBy: 'dold',
      pinyin: id,
      initials: id,
      active: true,
      ...fields,
    });
    await staff.bulkInsert([
      record('m1', { name: '周敏', role: 'manager', pin: await hashPin('2580') }),
      record('r1', { name: '陈静', role: 'reception', pin: await hashPin('1470') }),
    ]);
    await old.close();

    const desk = await open(machine, name);
    for (const id of ['m1', 'r1']) {
      expect(Object.keys((await desk.db.staff.findOne(id).exec())!.toJSON())).not.toContain('pin');
      expect(await desk.db.getLocal(pinVerifierId(id))).not.toBeNull();
    }
    expect((await login(desk, 'r1', '1470')).kind).toBe('ok');
    logout(desk);
    // The manager's PIN is right, but a manager now needs a password.
    expect(await login(desk, 'm1', '2580')).toMatchObject({ kind: 'choosePassword' });
    expect(desk.session).toBeNull();
    await expect(setFirstPassword(desk, 'm1', '2580', '25802580')).rejects.toBeInstanceOf(
      StaffChangeRefused,
    );
    expect((await setFirstPassword(desk, 'm1', '0000', 'zhou2580')).kind).toBe('wrongPin');
    expect((await setFirstPassword(desk, 'm1', '2580', 'zhou2580')).kind).toBe('ok');
    expect(await stored(desk, 'm1')).toMatchObject({ managerKey: {}, grant: { by: 'm1' } });
    expect((await stored(desk, 'r1')).grant?.by).toBe('m1');
    expect(await allSigned(desk)).toBe(true);
    expect(await desk.db.getLocal(pinVerifierId('m1'))).toBeNull();
    logout(desk);
    expect((await login(desk, 'm1', 'zhou2580')).kind).toBe('ok');
  });
});
