/**
 * Sync packets and the network mixed (docs/DESIGN.md, "Sync packets"): desk 1 of a centre has no
 * link for a fortnight and exchanges packets by hand, one lost, one repeated and one arriving late,
 * while desk 2 syncs by network; in the end both desks and the district hold the same documents,
 * deletions included. A tampered, replayed, foreign or revoked packet is refused and changes
 * nothing. RxDB's real client, the real district, PGlite and PostgreSQL.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { checkIn, checkOut } from '../../renderer/data/attendance';
import { correctMember } from '../../renderer/data/members';
import {
  importReturnPacket,
  packetInfo,
  registerPacketKeys,
  writePacket,
  type PacketKeyStore,
} from '../../renderer/sync/packets';
import { getDevice, revokeDevice } from '../../server/admin';
import { forEachBackend } from '../../server/testing/backends';
import { startTestDistrict, type TestDistrict } from '../../server/testing/harness';
import { districtState } from '../../server/testing/state';
import {
  generatePartyKeys,
  openPacket,
  PacketError,
  readPacket,
  type ReturnPayload,
} from '../../shared/packets';
import { COLLECTION_NAMES } from '../../shared/schemas';
import {
  cuttableLink,
  deleteDocument,
  deskHashes,
  deskHarness,
  districtHashes,
  grandma,
  logInManager,
  manualWall,
  registerSharing,
  settle,
} from '../support/desks';

const DAY = 24 * 3600_000;
const admin = { cli: 'test' };

/** The desk's OS secure store (renderer/platform), in memory. */
function memorySecrets(): PacketKeyStore & { held: Map<string, string> } {
  const held = new Map<string, string>();
  return {
    held,
    getSecret: async (key) => held.get(key) ?? null,
    setSecret: async (key, value) => void held.set(key, value),
  };
}

/** The packet's code of why it was refused, or 'accepted'. */
async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'accepted';
  } catch (err) {
    if (err instanceof PacketError) return err.code;
    throw err;
  }
}

forEachBackend((backend) => {
  let district: TestDistrict;
  let centre: string;
  const { enrolledDesk, closeAll } = deskHarness(() => district);

  beforeAll(async () => {
    district = await startTestDistrict(backend);
    centre = await district.createCentre('山脚村老幼共托点');
  });
  afterEach(closeAll);
  afterAll(() => district.close());

  const packets = () => district.app.packets;

  it('a desk without a link for a fortnight converges by packets with a networked desk', async () => {
    // The fortnight ends now: the district refuses clocks in its future.
    const wall = manualWall(Date.now() - 15 * DAY);
    const link = cuttableLink();
    const desk1 = await enrolledDesk(centre, { fetch: link.fetch, now: wall.now });
    const desk2 = await enrolledDesk(centre, { now: wall.now });
    const keys1 = memorySecrets();
    logInManager(desk1.desk);
    logInManager(desk2.desk);
    const sync1 = await desk1.connect();
    const sync2 = await desk2.connect();
    await registerPacketKeys(desk1.desk, keys1, { baseUrl: district.url, token: desk1.token });
    const before = await registerSharing(desk2.desk, { ...grandma, name: '赵大爷' });
    await settle(sync1, sync2);

    // Day 1: the line breaks. Desk 1 goes on working; desk 2 too, by network.
    link.cut();
    wall.advance(DAY);
    const a = await registerSharing(desk1.desk, { ...grandma, name: '钱奶奶' });
    const visitA = await checkIn(desk1.desk, a.id, new Date(wall.now()));
    const b = await registerSharing(desk2.desk, { ...grandma, name: '孙爷爷' });
    await settle(sync2);
    await expect.poll(() => sync1.status$.value.pending, { timeout: 10_000 }).toBeGreaterThan(0);
    const waitingDay1 = sync1.status$.value.pending;

    // Packet 1 reaches the district; its return packet reaches desk 1.
    const p1 = await writePacket(desk1.desk, keys1);
    expect(p1.documents).toBe(waitingDay1);
    const imported1 = await packets().importPacket(p1.text, admin);
    expect(imported1.documents).toBe(waitingDay1);
    const r1 = await packets().returnPacket(desk1.deviceId, admin);
    const back1 = await importReturnPacket(desk1.desk, keys1, r1.text, (acks) =>
      sync1.acknowledge(acks),
    );
    expect(back1.applied).toBeGreaterThan(0);
    await expect.poll(() => sync1.status$.value.pending, { timeout: 10_000 }).toBe(0);
    expect((await desk1.collection('members').findOne(b.id).exec())?.name).toBe('孙爷爷');

    // Day 5: desk 1 closes the visit and corrects a name; packet 2 is written and lost.
    wall.advance(4 * DAY);
    await checkOut(desk1.desk, visitA.visit.id, new Date(wall.now()));
    await correctMember(desk1.desk, a.id, { name: '钱秀兰' }, '登记时写错');
    const p2 = await writePacket(desk1.desk, keys1);
    expect(p2.documents).toBeGreaterThan(0);

    // Day 8: more on both sides; desk 2 deletes a visit, desk 1 deletes one of its own.
    wall.advance(3 * DAY);
    const c = await registerSharing(desk1.desk, { ...grandma, name: '李爷爷' });
    const visitC = await checkIn(desk1.desk, c.id, new Date(wall.now()));
    await deleteDocument(desk1.desk, 'attendance', visitC.visit.id);
    const visitB = await checkIn(desk2.desk, b.id, new Date(wall.now()));
    await deleteDocument(desk2.desk, 'attendance', visitB.visit.id);
    await correctMember(desk2.desk, before.id, { name: '赵建国' }, '改名');
    await settle(sync2);
    const p3 = await writePacket(desk1.desk, keys1);
    // Packet 3 carries what packet 2 carried too: nothing was acknowledged since.
    expect(p3.documents).toBeGreaterThan(p2.documents);
    await packets().importPacket(p3.text, admin);

    // Packet 1 again, and packet 3 again: already imported, nothing changes.
    const settled = await districtState(district.db);
    expect(await refusal(packets().importPacket(p1.text, admin))).toBe('already_imported');
    expect(await refusal(packets().importPacket(p3.text, admin))).toBe('already_imported');
    expect(await districtState(district.db)).toEqual(settled);

    // Packet 2 arrives late: everything in it the district already has, in the same or a later version.
    const late = await packets().importPacket(p2.text, admin);
    expect(late.sequence).toBe(2);
    expect((await districtHashes(district.db, centre)).size).toBeGreaterThan(0);
    const afterLate = await districtState(district.db);
    expect(afterLate.documentsHash).toBe(settled.documentsHash);

    // The return packet for packets 1 to 3 (it was written after packet 2's late arrival).
    const r3 = await packets().returnPacket(desk1.deviceId, admin);
    await importReturnPacket(desk1.desk, keys1, r3.text, (acks) => sync1.acknowledge(acks));
    await expect.poll(() => sync1.status$.value.pending, { timeout: 10_000 }).toBe(0);
    // The same return packet twice changes nothing; return packet 1 arriving late neither.
    expect(
      await refusal(
        importReturnPacket(desk1.desk, keys1, r3.text, (acks) => sync1.acknowledge(acks)),
      ),
    ).toBe('already_imported');
    expect(
      await refusal(
        importReturnPacket(desk1.desk, keys1, r1.text, (acks) => sync1.acknowledge(acks)),
      ),
    ).toBe('already_imported');

    // Desk 1 by packet alone already holds what the district holds of the centre.
    const desk1Alone = await deskHashes(desk1.desk);
    const districtNow = await districtHashes(district.db, centre);
    for (const [key, hash] of districtNow) expect(desk1Alone.get(key), key).toBe(hash);
    expect(desk1Alone.get(`attendance/${visitB.visit.id}`)).toBe(
      districtNow.get(`attendance/${visitB.visit.id}`),
    );

    // Day 15: the line is back. Nothing is sent twice into a conflict, and all three agree.
    wall.advance(7 * DAY);
    link.restore();
    await settle(sync1, sync2);
    await settle(sync1, sync2);
    const one = await deskHashes(desk1.desk);
    const two = await deskHashes(desk2.desk);
    const theDistrict = await districtHashes(district.db, centre);
    expect(one).toEqual(two);
    expect(one).toEqual(theDistrict);
    const { rows } = await district.db.query<{ name: string }>(
      `SELECT data->>'name' AS name FROM documents WHERE collection = 'members' AND centre_id = $1
        ORDER BY name`,
      [centre],
    );
    expect(rows.map((r) => r.name).sort()).toEqual(['孙爷爷', '李爷爷', '赵建国', '钱秀兰'].sort());
  });

  it('refuses a tampered, foreign, replayed or revoked packet and changes nothing', async () => {
    const desk = await enrolledDesk(centre);
    const keys = memorySecrets();
    logInManager(desk.desk);
    await registerPacketKeys(desk.desk, keys, { baseUrl: district.url, token: desk.token });
    await registerSharing(desk.desk, { ...grandma, name: '周奶奶' });
    const packet = await writePacket(desk.desk, keys);
    const state = await districtState(district.db);

    // One character of the ciphertext changed.
    const file = readPacket(packet.text);
    const flipped = file.ciphertext.startsWith('A') ? 'B' : 'A';
    const tampered = JSON.stringify({ ...file, ciphertext: flipped + file.ciphertext.slice(1) });
    expect(await refusal(packets().importPacket(tampered, admin))).toBe('bad_signature');
    // The header changed to another centre, or another district.
    const otherCentre = JSON.stringify({
      ...file,
      header: { ...file.header, centreId: 'c-other' },
    });
    expect(await refusal(packets().importPacket(otherCentre, admin))).toBe('foreign');
    const otherDistrict = JSON.stringify({
      ...file,
      header: { ...file.header, district: '0123456789abcdef' },
    });
    expect(await refusal(packets().importPacket(otherDistrict, admin))).toBe('foreign');
    // The header's sequence changed: the signature no longer matches.
    const renumbered = JSON.stringify({ ...file, header: { ...file.header, sequence: 99 } });
    expect(await refusal(packets().importPacket(renumbered, admin))).toBe('bad_signature');
    // Not a packet at all.
    expect(await refusal(packets().importPacket('{"hello":1}', admin))).toBe('not_packet');
    // A return packet is not taken by the district.
    const back = await packets().returnPacket(desk.deviceId, admin);
    expect(await refusal(packets().importPacket(back.text, admin))).toBe('wrong_kind');
    expect(await districtState(district.db)).toEqual(state);

    // Taken once; the second time changes nothing. The dashboard's device list says when, and
    // what the desk counted as waiting.
    expect(await getDevice(district.db, desk.deviceId)).toMatchObject({
      lastPacketAt: null,
      packetPending: null,
      packetReady: true,
    });
    await packets().importPacket(packet.text, admin);
    const seen = await getDevice(district.db, desk.deviceId);
    expect(seen.lastPacketAt).toBeInstanceOf(Date);
    expect(seen.packetPending).toBe(packet.documents);
    const imported = await districtState(district.db);
    expect(imported.documents).toBeGreaterThan(state.documents);
    expect(await refusal(packets().importPacket(packet.text, admin))).toBe('already_imported');
    expect(await districtState(district.db)).toEqual(imported);

    // A revoked device's packets are refused, and it gets no return packet.
    await registerSharing(desk.desk, { ...grandma, name: '吴爷爷' });
    const next = await writePacket(desk.desk, keys);
    await revokeDevice(district.db, desk.deviceId, '电脑丢失');
    const revoked = await districtState(district.db);
    expect(await refusal(packets().importPacket(next.text, admin))).toBe('revoked');
    expect(await refusal(packets().returnPacket(desk.deviceId, admin))).toBe('revoked');
    expect(await districtState(district.db)).toEqual(revoked);

    // On the desk: a return packet signed by someone else, or changed, is refused.
    const backFile = readPacket(back.text);
    const changed = JSON.stringify({
      ...backFile,
      iv: backFile.iv.startsWith('A') ? 'B' + backFile.iv.slice(1) : 'A' + backFile.iv.slice(1),
    });
    expect(await refusal(importReturnPacket(desk.desk, keys, changed))).toBe('bad_signature');
    expect(await refusal(importReturnPacket(desk.desk, keys, packet.text))).toBe('wrong_kind');
  });
  it('keeps the packet private keys in the secure store, never in the local store', async () => {
    const desk = await enrolledDesk(centre);
    const keys = memorySecrets();
    logInManager(desk.desk);
    // Enrolled, never synced: no district keys yet, and the refusal says why.
    expect((await packetInfo(desk.desk)).ready).toBe(false);
    const early = await writePacket(desk.desk, keys).catch((e: unknown) => e);
    expect(early).toBeInstanceOf(PacketError);
    expect((early as PacketError).code).toBe('no_keys');
    expect((early as PacketError).message).toMatch(/enrolment/);

    await registerPacketKeys(desk.desk, keys, { baseUrl: district.url, token: desk.token });
    expect((await packetInfo(desk.desk)).ready).toBe(true);
    const held = JSON.parse(keys.held.get('packetKeys')!) as {
      private: { sign: string; box: string };
    };
    const local = JSON.stringify((await desk.desk.db.getLocal('sync-packets'))?.toJSON());
    expect(local).not.toContain(held.private.sign);
    expect(local).not.toContain(held.private.box);
    expect(local).not.toContain('private');

    // The return packet carries every synced collection, whatever shared/schemas lists.
    const back = await packets().returnPacket(desk.deviceId, admin);
    const opened = await openPacket<ReturnPayload>(readPacket(back.text), {
      writerSign: (await packets().districtKeys()).public.sign,
      recipientBox: held.private.box,
    });
    expect(Object.keys(opened.documents).sort()).toEqual([...COLLECTION_NAMES].sort());
    expect((await importReturnPacket(desk.desk, keys, back.text)).sequence).toBe(1);
  });

  it('moves keys an older desk kept in its local store into the secure store', async () => {
    const desk = await enrolledDesk(centre);
    const old = await generatePartyKeys();
    await desk.desk.db.upsertLocal('sync-packets', {
      keys: old,
      sequence: 0,
      checkpoints: {},
      imported: [],
    } as never);
    const keys = memorySecrets();
    logInManager(desk.desk);
    await registerPacketKeys(desk.desk, keys, { baseUrl: district.url, token: desk.token });
    expect(JSON.parse(keys.held.get('packetKeys')!)).toEqual(old);
    const local = JSON.stringify((await desk.desk.db.getLocal('sync-packets'))?.toJSON());
    expect(local).not.toContain(old.private.sign);
    await registerSharing(desk.desk, { ...grandma, name: '郑奶奶' });
    const packet = await writePacket(desk.desk, keys);
    expect((await packets().importPacket(packet.text, admin)).documents).toBe(packet.documents);
  });
});
