/**
 * Issue 16, point 3, on the district: staff records change only when a manager of the centre
 * signed the change, and no PIN verifier is stored (docs/SECURITY.md, "Staff credentials and
 * authority"). Real HTTP against a real district, on PGlite and PostgreSQL.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { HybridClock } from '../../shared/hlc';
import { newId } from '../../shared/ids';
import type { StaffDoc } from '../../shared/schemas';
import {
  newManagerKey,
  signStaff,
  type SigningKey,
  type StaffVersion,
} from '../../shared/staffAuthority';
import type { ApiError, PushRow, WireDoc } from '../../shared/sync/protocol';
import { openDatabase } from '../db/db';
import { loadMigrations, migrate } from '../db/migrate';
import { forEachBackend } from '../testing/backends';
import {
  createTestDatabase,
  startTestDistrict,
  type EnrolledDevice,
  type TestDistrict,
} from '../testing/harness';
import { districtState, errorShapeProblems } from '../testing/state';

/** Fewer PBKDF2 iterations than a desk uses: the district never derives a password's key. */
const FAST = 100_000;
const clock = new HybridClock('testdesk');

function staffRecord(centreId: string, fields: Partial<StaffDoc> = {}): StaffDoc {
  return {
    id: newId(),
    centreId,
    createdAt: new Date().toISOString(),
    updatedAt: clock.tick(),
    updatedBy: 'desk',
    name: '陈静',
    pinyin: 'chenjing',
    initials: 'cj',
    role: 'reception',
    active: true,
    ...fields,
  };
}

interface Manager {
  doc: StaffDoc;
  key: SigningKey;
}

async function newManager(centreId: string, name = '周敏'): Promise<Manager> {
  const id = newId();
  const { managerKey, signingKey } = await newManagerKey(id, 'zhou2580', FAST);
  return { doc: staffRecord(centreId, { id, name, role: 'manager', managerKey }), key: signingKey };
}

/** A new version of `doc`, stamped now and signed by `by`. */
async function signed(doc: StaffDoc, by: Manager | { id: string; key: SigningKey }) {
  const { grant, ...fields } = { ...doc, updatedAt: clock.tick() };
  void grant;
  const id = 'doc' in by ? by.doc.id : by.id;
  const version: StaffVersion = { ...fields, _deleted: false };
  return { ...(await signStaff(version, id, by.key)), _deleted: false };
}

const strip = ({ _deleted, ...doc }: WireDoc) => (void _deleted, doc as unknown as StaffDoc);

forEachBackend((backend) => {
  let d: TestDistrict;
  let centre: string;
  let deskA: EnrolledDevice;
  let deskB: EnrolledDevice;
  let deskC: EnrolledDevice;

  beforeAll(async () => {
    d = await startTestDistrict(backend);
  });
  beforeEach(async () => {
    centre = await d.createCentre('阳光社区老幼共托中心');
    deskA = await d.enrolDevice(centre, 'front desk');
    deskB = await d.enrolDevice(centre, 'second desk');
    deskC = await d.enrolDevice(centre, 'third desk');
  });
  afterAll(async () => {
    await d?.close();
  });

  /** Desk A sets up the centre: its manager (the centre's first key) and a receptionist. */
  async function setUpCentre() {
    const manager = await newManager(centre);
    const managerDoc = await signed(manager.doc, manager);
    const reception = await signed(staffRecord(centre), manager);
    expect(
      await d
        .client(deskA.token)
        .push('staff', [{ newDocumentState: managerDoc }, { newDocumentState: reception }]),
    ).toEqual([]);
    return { manager: { ...manager, doc: strip(managerDoc) }, managerDoc, reception };
  }

  /** Pushes and checks the refusal is in the error shape and stored nothing. */
  async function pushRefused(token: string, rows: PushRow[]) {
    const before = await districtState(d.db);
    const res = await d.client(token).request<ApiError>('POST', '/api/sync/staff/push', rows);
    expect(errorShapeProblems(res.status, res.body)).toEqual([]);
    expect(await districtState(d.db)).toEqual(before);
    return res;
  }

  it('refuses a second desk pushing a manager PIN or a new manager, and no other desk gets it', async () => {
    const { managerDoc, reception } = await setUpCentre();

    // The attack as it was: desk B sends the manager's record with a PIN hash of its choosing.
    const withPin = {
      ...managerDoc,
      updatedAt: clock.tick(),
      pin: {
        algorithm: 'PBKDF2-SHA256',
        iterations: 210000,
        salt: '00'.repeat(16),
        hash: 'ab'.repeat(32),
      },
    };
    const pinRes = await pushRefused(deskB.token, [
      { assumedMasterState: managerDoc, newDocumentState: withPin },
    ]);
    expect(pinRes.status).toBe(400);
    expect(pinRes.body.error).toMatchObject({
      code: 'invalid_document',
      problems: [
        { collection: 'staff', id: managerDoc.id, reason: '/ must not have the field "pin"' },
      ],
    });

    // A manager of its own, signed with its own key.
    const intruder = await newManager(centre, '假站长');
    const own = await pushRefused(deskB.token, [
      { newDocumentState: await signed(intruder.doc, intruder) },
    ]);
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('staff_not_authorised');
    expect(own.body.error.problems).toEqual([
      {
        collection: 'staff',
        id: intruder.doc.id,
        reason: expect.stringMatching(/must be signed by another manager of the centre/),
      },
    ]);
    expect(own.body.error.message).toMatch(/^1 staff record\(s\) not signed by a manager/);

    // The manager's record with the intruder's key, claiming the manager's signature.
    const swapped = await signed(
      { ...strip(managerDoc), managerKey: intruder.doc.managerKey! },
      { id: managerDoc.id, key: intruder.key },
    );
    const swap = await pushRefused(deskB.token, [
      { assumedMasterState: managerDoc, newDocumentState: swapped },
    ]);
    expect(swap.status).toBe(403);
    expect(swap.body.error.problems?.[0]?.reason).toMatch(/does not match its content/);

    // The receptionist made a manager, unsigned.
    const { grant, ...promoted } = {
      ...strip(reception),
      role: 'manager' as const,
      updatedAt: clock.tick(),
    };
    void grant;
    const unsigned = await pushRefused(deskB.token, [
      { assumedMasterState: reception, newDocumentState: { ...promoted, _deleted: false } },
    ]);
    expect(unsigned.status).toBe(403);
    expect(unsigned.body.error.problems?.[0]?.reason).toMatch(/not signed by a manager/);

    // A third desk gets the staff as desk A sent them, and nothing to guess a PIN against.
    const pulled = await d.client(deskC.token).pull('staff', { checkpoint: null, batchSize: 100 });
    expect(pulled.documents).toEqual(
      [managerDoc, reception].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    expect(JSON.stringify(pulled.documents)).not.toMatch(/"pin"|"hash"/);
  });

  it("takes a centre's first manager key on trust once, records it, and then only keys its managers sign", async () => {
    const { manager } = await setUpCentre();
    const { rows } = await d.db.query<{ staff_id: string; public_key: string; device_id: string }>(
      'SELECT staff_id, public_key, device_id FROM staff_root_keys WHERE centre_id = $1',
      [centre],
    );
    expect(rows).toEqual([
      {
        staff_id: manager.doc.id,
        public_key: manager.doc.managerKey!.publicKey,
        device_id: deskA.deviceId,
      },
    ]);
    const { rows: logged } = await d.db.query<{ actor: string; target: string; details: object }>(
      `SELECT actor, target, details FROM district_action_log WHERE action = 'staff.rootKey' AND target = $1`,
      [centre],
    );
    expect(logged).toEqual([
      {
        actor: `device:${deskA.deviceId}`,
        target: centre,
        details: {
          staffId: manager.doc.id,
          deviceId: deskA.deviceId,
          keyFingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
        },
      },
    ]);

    // A second manager, signed by the first, and someone the second signs, in one push in any
    // order; from any desk of the centre.
    const second = await newManager(centre, '李娜');
    const byFirst = await signed(second.doc, manager);
    const bySecond = await signed(staffRecord(centre, { name: '赵红', role: 'caregiver' }), second);
    expect(
      await d
        .client(deskB.token)
        .push('staff', [{ newDocumentState: bySecond }, { newDocumentState: byFirst }]),
    ).toEqual([]);
    // Another centre has its own first key.
    const other = await d.createCentre('河畔村日间照料站');
    const otherDesk = await d.enrolDevice(other);
    const otherManager = await newManager(other, '王强');
    expect(
      await d
        .client(otherDesk.token)
        .push('staff', [{ newDocumentState: await signed(otherManager.doc, otherManager) }]),
    ).toEqual([]);
  });

  it('refuses an earlier signed version sent again, and a change signed by a manager who was removed', async () => {
    const { manager, reception } = await setUpCentre();
    const left = await signed({ ...strip(reception), active: false }, manager);
    expect(
      await d
        .client(deskA.token)
        .push('staff', [{ assumedMasterState: reception, newDocumentState: left }]),
    ).toEqual([]);
    // Desk B sends the receptionist's earlier, validly signed record back.
    const replay = await pushRefused(deskB.token, [
      { assumedMasterState: left, newDocumentState: reception },
    ]);
    expect(replay.status).toBe(403);
    expect(replay.body.error.problems?.[0]?.reason).toMatch(
      /is older .* than the version already held/,
    );

    const second = await newManager(centre, '李娜');
    const secondDoc = await signed(second.doc, manager);
    await d.client(deskA.token).push('staff', [{ newDocumentState: secondDoc }]);
    const removed = await signed({ ...strip(secondDoc), active: false }, manager);
    await d
      .client(deskA.token)
      .push('staff', [{ assumedMasterState: secondDoc, newDocumentState: removed }]);
    const late = await signed(staffRecord(centre, { name: '孙丽' }), second);
    const res = await pushRefused(deskB.token, [{ newDocumentState: late }]);
    expect(res.body.error.problems?.[0]?.reason).toMatch(
      /not an active manager with a signing key/,
    );
  });

  it('strips the PIN hashes it held from staff records and their history when it is updated', async () => {
    const place = await createTestDatabase(backend);
    const db = await openDatabase({
      databaseUrl: place.databaseUrl,
      dataDir: place.dataDir ?? tmpdir(),
    });
    const dir = mkdtempSync(join(tmpdir(), 'cocare-mig-'));
    try {
      // The district as it was: records with PIN hashes, current and in their history.
      const mine = loadMigrations().find((m) => m.name === 'staff_authority')!.version;
      for (const m of loadMigrations().filter((m) => m.version < mine))
        writeFileSync(join(dir, `${String(m.version).padStart(3, '0')}_${m.name}.sql`), m.sql);
      await migrate(db, dir);
      await db.query(`INSERT INTO centres (id, name) VALUES ('c1', 'Sunrise')`);
      const pin = { algorithm: 'PBKDF2-SHA256', iterations: 210000, salt: 'aa', hash: 'bb' };
      const old = { ...staffRecord('c1'), pin };
      await db.query(
        `INSERT INTO documents (collection, id, centre_id, seq, data, content_hash)
         VALUES ('staff', $1, 'c1', 1, $2, 'x')`,
        [old.id, JSON.stringify(old)],
      );
      await db.query(
        `INSERT INTO document_versions (collection, id, centre_id, seq, deleted, data)
         VALUES ('staff', $1, 'c1', 1, false, $2)`,
        [old.id, JSON.stringify(old)],
      );
      await db.query(
        `INSERT INTO documents (collection, id, centre_id, seq, data, content_hash)
         VALUES ('members', 'm1', 'c1', 2, '{"pin": "kept: not a staff record"}', 'y')`,
      );

      expect(await migrate(db)).toEqual(
        loadMigrations()
          .filter((m) => m.version >= mine)
          .map((m) => m.version),
      );
      const { rows } = await db.query<{ source: string; data: Record<string, unknown> }>(
        `SELECT 'documents' AS source, data FROM documents WHERE collection = 'staff'
         UNION ALL SELECT 'versions', data FROM document_versions WHERE collection = 'staff'`,
      );
      const { pin: stripped, ...rest } = old;
      void stripped;
      expect(rows).toEqual([
        { source: 'documents', data: rest },
        { source: 'versions', data: rest },
      ]);
      const { rows: member } = await db.query(`SELECT data FROM documents WHERE id = 'm1'`);
      expect(member).toEqual([{ data: { pin: 'kept: not a staff record' } }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await db.close();
      await place.drop();
    }
  });
});
