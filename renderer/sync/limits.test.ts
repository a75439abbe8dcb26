/**
 * Issue 16, point 9, on the desk: a record the district cannot take is set aside (and shown)
 * instead of holding up everything written after it; pushes too large for one request are split;
 * pulls go on while the district says there is more; and the desk's clock does not follow a
 * timestamp far ahead of the district's. Real desks (RxDB on fake-indexeddb) against a real
 * district, on PGlite and PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { formatHlc, parseHlc } from '../../shared/hlc';
import { newId } from '../../shared/ids';
import type { AuditLogDoc, MemberDoc } from '../../shared/schemas';
import { forEachBackend } from '../../server/testing/backends';
import { startTestDistrict, type TestDistrict } from '../../server/testing/harness';
import { grandma, SYNC_TEST_COLLECTIONS } from '../../tests/support/desks';
import type { Desk } from '../data/desk';
import { consentDocs } from '../data/consents';
import { adoptCentre } from '../data/enrolment';
import { registerMember } from '../data/members';
import { guardianConsent } from '../testing/consents';
import { simulatedMachine } from '../testing/node-desk';
import { startSync, type SyncHandle } from './replication';

const MB = 1024 * 1024;
const DAY = 86_400_000;
const YEAR_2100 = Date.UTC(2100, 0, 1);
/** How long a synced change may take to show (two backends share two cores). */
const WAIT = { timeout: 20_000, interval: 100 };

/** A photo as the desk stores it: a JPEG data URL (random, so it does not compress). */
const photo = (chars: number) =>
  `data:image/jpeg;base64,${randomBytes(chars)
    .toString('base64')
    .slice(0, chars - 23)}`;

/** A child with `adults` pick-up adults, each with a photo of `photoChars` characters. */
function child(desk: Desk, adults: number, photoChars: number): MemberDoc {
  return {
    id: newId(),
    centreId: desk.settings.centreId,
    createdAt: new Date().toISOString(),
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
    kind: 'child',
    name: '小明',
    pinyin: 'xiaoming',
    initials: 'xm',
    gender: 'M',
    birthDate: '2023-05-01',
    pickupAdults: Array.from({ length: adults }, (_, i) => ({
      id: `p${i + 1}`,
      name: `接送人${i + 1}`,
      relation: '祖母',
      photo: photo(photoChars),
    })),
  };
}

/**
 * The children's guardians consented to sharing with the district, photos included, so their
 * records go up whole (docs/DOMAIN.md "Privacy and safety"). The records are then written after
 * their consents, as a registration writes them.
 */
async function shareInFull(desk: Desk, children: MemberDoc[]) {
  const consent = guardianConsent('districtSharing', 'photo');
  await desk.db.consents.bulkInsert(
    children.flatMap((c) => consentDocs(desk, c.id, consent, new Date())),
  );
  for (const c of children) c.updatedAt = desk.clock.tick();
}

/** The district's copy of a nginx in front of it that takes bodies of at most `limit` bytes. */
function behindProxy(limit: number): typeof fetch {
  return async (input, init) => {
    const body = init?.body;
    const size =
      typeof body === 'string'
        ? new TextEncoder().encode(body).length
        : body instanceof ArrayBuffer
          ? body.byteLength
          : 0;
    if (size > limit) {
      return new Response(
        '<html><head><title>413 Request Entity Too Large</title></head><body>nginx</body></html>',
        { status: 413, headers: { 'content-type': 'text/html' } },
      );
    }
    return fetch(input, init);
  };
}

forEachBackend((backend) => {
  let d: TestDistrict;
  let centre: string;
  const cleanups: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    d = await startTestDistrict(backend);
  });
  // A centre of its own for each test: what one test leaves on the district is not pulled by the next.
  beforeEach(async () => {
    centre = await d.createCentre('Sunrise');
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(async () => {
    await d?.close();
  });

  /** A machine with an enrolled desk; `reopen()` closes its store and opens it again. */
  async function enrolledMachine() {
    const machine = simulatedMachine({ collections: SYNC_TEST_COLLECTIONS });
    const desk = await machine.open();
    const { token, deviceId } = await d.enrolDevice(centre, 'desk');
    await adoptCentre(desk, {
      centreId: centre,
      centreName: 'Sunrise',
      deviceId,
      districtUrl: d.url,
    });
    let current = desk;
    cleanups.push(() => current.db.close());
    return {
      machine,
      token,
      get desk() {
        return current;
      },
      async reopen() {
        await current.db.close();
        current = await machine.open();
        return current;
      },
      async sync(fetchImpl?: typeof fetch): Promise<SyncHandle> {
        const handle = await startSync(current, {
          baseUrl: d.url,
          token,
          ...(fetchImpl ? { fetch: fetchImpl } : {}),
        });
        cleanups.push(() => handle.stop());
        return handle;
      },
    };
  }

  const onDistrict = async (collection: string, ids: string[]) => {
    const { rows } = await d.db.query<{ id: string }>(
      'SELECT id FROM documents WHERE collection = $1 AND id = ANY($2::text[]) ORDER BY id',
      [collection, ids],
    );
    return rows.map((r) => r.id);
  };
  const sorted = (ids: string[]) => [...ids].sort();

  it('opens a store written before the limits and sets aside the record the district cannot take, while the rest flow', async () => {
    const m = await enrolledMachine();
    // Written by a desk before the limits: twelve pick-up adults were valid then, and still are
    // for the desk's own store.
    const crowded = child(m.desk, 12, 2_000);
    await shareInFull(m.desk, [crowded]);
    await m.desk.db.members.insert(crowded);
    const others = [
      await registerMember(m.desk, { ...grandma, name: '赵一' }),
      await registerMember(m.desk, { ...grandma, name: '钱二' }),
    ];
    const desk = await m.reopen();
    expect((await desk.db.members.findOne(crowded.id).exec())?.pickupAdults).toHaveLength(12);

    const sync = await m.sync();
    const ids = others.map((o) => o.id);
    await expect.poll(() => onDistrict('members', ids), WAIT).toEqual(sorted(ids));
    await expect
      .poll(() => sync.status$.value.setAside, WAIT)
      .toEqual([
        {
          collection: 'members',
          id: crowded.id,
          updatedAt: crowded.updatedAt,
          reason: '/pickupAdults must NOT have more than 8 items',
        },
      ]);
    expect(await onDistrict('members', [crowded.id])).toEqual([]);

    // What is written afterwards keeps going up.
    const later = await registerMember(desk, { ...grandma, name: '孙三' });
    await expect.poll(() => onDistrict('members', [later.id]), WAIT).toEqual([later.id]);
    await expect.poll(() => sync.status$.value.pending, WAIT).toBe(0);

    // Still listed after a restart; once corrected, it goes up and is no longer set aside.
    await sync.stop();
    const again = await m.sync();
    expect(again.status$.value.setAside.map((s) => s.id)).toEqual([crowded.id]);
    const doc = await desk.db.members.findOne(crowded.id).exec();
    await doc!.incrementalPatch({
      pickupAdults: crowded.pickupAdults!.slice(0, 4),
      updatedAt: desk.clock.tick(),
    });
    await expect.poll(() => onDistrict('members', [crowded.id]), WAIT).toEqual([crowded.id]);
    await expect.poll(() => again.status$.value.setAside, WAIT).toEqual([]);
  });

  it('splits pushes too large for one request, and sets aside the one record a proxy will never let through', async () => {
    const m = await enrolledMachine();
    // 26 children with eight photos each: about 12 MB, more than the district takes at once.
    const many = Array.from({ length: 26 }, () => child(m.desk, 8, 60_000));
    await shareInFull(m.desk, many);
    expect((await m.desk.db.members.bulkInsert(many)).error).toEqual([]);
    const sync = await m.sync();
    const ids = many.map((c) => c.id);
    await expect
      .poll(() => onDistrict('members', ids), { timeout: 60_000, interval: 500 })
      .toEqual(sorted(ids));
    expect(sync.status$.value.setAside).toEqual([]);
    await sync.stop();

    // Behind a proxy that takes 450 KB a request (gzipped, a child with eight photos is about
    // 360 KB): pieces are halved until they pass, and a record larger than that alone (a legacy
    // child with twelve adults, about 540 KB) is set aside.
    const proxied = await enrolledMachine();
    const fits = [child(proxied.desk, 8, 60_000), child(proxied.desk, 8, 60_000)];
    const alone = child(proxied.desk, 12, 60_000);
    await shareInFull(proxied.desk, [...fits, alone]);
    expect((await proxied.desk.db.members.bulkInsert([...fits, alone])).error).toEqual([]);
    const small = await registerMember(proxied.desk, { ...grandma, name: '李四' });
    const viaProxy = await proxied.sync(behindProxy(450 * 1024));
    const fitIds = [...fits.map((c) => c.id), small.id];
    await expect
      .poll(() => onDistrict('members', fitIds), { timeout: 60_000, interval: 500 })
      .toEqual(sorted(fitIds));
    await expect
      .poll(() => viaProxy.status$.value.setAside.map((s) => s.id), WAIT)
      .toEqual([alone.id]);
    expect(viaProxy.status$.value.setAside[0]!.reason).toMatch(/too large for one request/);
  });

  it('pulls on while the district says there is more, so stored giants do not stop a desk', async () => {
    // Each about half the district's 4 MB answer budget: the district answers them one at a time.
    const legacy: AuditLogDoc[] = [2.1 * MB, 2.1 * MB, 2.1 * MB, 100].map((size) => ({
      id: newId(),
      centreId: centre,
      createdAt: new Date().toISOString(),
      updatedAt: formatHlc({ wallMs: Date.now(), counter: 0, node: 'oldDesk' }),
      updatedBy: 'staff-1',
      action: 'sync.conflictLost',
      subjectCollection: 'members',
      subjectId: 'm1',
      data: { note: 'x'.repeat(size) },
    }));
    for (const doc of legacy) {
      await d.db.query(
        `INSERT INTO documents (collection, id, centre_id, seq, deleted, data, content_hash)
         VALUES ('auditLog', $1, $2, nextval('doc_seq'), false, $3::jsonb, 'legacy')`,
        [doc.id, centre, JSON.stringify(doc)],
      );
    }
    const m = await enrolledMachine();
    await m.sync();
    const ids = legacy.map((doc) => doc.id);
    await expect
      .poll(async () => (await m.desk.db.auditLog.findByIds(ids).exec()).size, { timeout: 60_000 })
      .toBe(legacy.length);
  });

  it('does not follow a clock far ahead of the district, says so, and heals a clock that did', async () => {
    // A record stamped in 2100, stored by the district before such stamps were refused.
    const far = formatHlc({ wallMs: YEAR_2100, counter: 0, node: 'evil' });
    const poisoned: MemberDoc = {
      id: newId(),
      centreId: centre,
      createdAt: new Date().toISOString(),
      updatedAt: far,
      updatedBy: 'staff-1',
      ...grandma,
      name: '周五',
      pinyin: 'zhouwu',
      initials: 'zw',
    };
    await d.db.query(
      `INSERT INTO documents (collection, id, centre_id, seq, deleted, data, content_hash)
       VALUES ('members', $1, $2, nextval('doc_seq'), false, $3::jsonb, 'legacy')`,
      [poisoned.id, centre, JSON.stringify(poisoned)],
    );

    const m = await enrolledMachine();
    const sync = await m.sync();
    await expect
      .poll(async () => (await m.desk.db.members.findOne(poisoned.id).exec())?.updatedAt, {
        timeout: 20_000,
      })
      .toBe(far);
    expect(parseHlc(m.desk.clock.tick())!.wallMs).toBeLessThan(Date.now() + DAY);
    expect(sync.status$.value.ignoredClocks).toContainEqual({
      collection: 'members',
      id: poisoned.id,
      updatedAt: far,
      reason: expect.stringMatching(/^updatedAt is \d+ days ahead of the district's clock/),
    });

    // A desk that followed it before the fix: its store holds the 2100 stamp, so it starts there;
    // the district's clock puts it right, and what it writes next reaches the district.
    const before = await enrolledMachine();
    await before.desk.db.members.insert({ ...poisoned, id: newId(), updatedAt: far });
    const desk = await before.reopen();
    expect(parseHlc(desk.clock.current())!.wallMs).toBe(YEAR_2100);
    const healed = await before.sync();
    await expect
      .poll(() => healed.status$.value.ignoredClocks.some((c) => !c.collection), WAIT)
      .toBe(true);
    const fresh = await registerMember(desk, { ...grandma, name: '吴六' });
    expect(parseHlc(fresh.updatedAt)!.wallMs).toBeLessThan(Date.now() + DAY);
    await expect.poll(() => onDistrict('members', [fresh.id]), WAIT).toEqual([fresh.id]);
  });
});
