/**
 * A link that fails in the middle of a sync, through the link simulator: lost answers after the
 * district committed, and a link cut in the middle of a long pull. After each, desk and district
 * hold exactly the same documents (same ids, same content hashes), none duplicated, none lost.
 */
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { checkIn } from '../../renderer/data/attendance';
import type { Desk } from '../../renderer/data/desk';
import { registerMember } from '../../renderer/data/members';
import { stableStringify } from '../../shared/sync/conflict';
import { forEachBackend } from '../../server/testing/backends';
import { startTestDistrict, type TestDistrict } from '../../server/testing/harness';
import { deskHarness, grandma, settle } from '../support/desks';
import { startLinkProxy, type LinkProxy } from '../support/link-proxy';

const hash = (doc: Record<string, unknown>, deleted: boolean) =>
  createHash('sha256')
    .update(stableStringify({ ...doc, _deleted: deleted }))
    .digest('hex');

/** Every document of the desk, as `collection/id → content hash`. */
async function deskHashes(desk: Desk): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const name of ['members', 'attendance', 'auditLog'] as const) {
    for (const doc of await desk.db.collections[name].find().exec()) {
      const { _meta, _rev, _attachments, _deleted, ...data } = doc.toJSON(true) as Record<
        string,
        unknown
      >;
      void _meta;
      void _rev;
      void _attachments;
      out.set(`${name}/${doc.primary}`, hash(data, _deleted === true));
    }
  }
  return out;
}

forEachBackend((backend) => {
  let district: TestDistrict;
  let centre: string;
  let link: LinkProxy;
  const { enrolledDesk, closeAll } = deskHarness(() => district);

  beforeAll(async () => {
    district = await startTestDistrict(backend);
    centre = await district.createCentre('断线测试中心');
  });
  afterEach(async () => {
    await closeAll();
    await link?.close();
  });
  afterAll(() => district.close());

  async function districtHashes(): Promise<Map<string, string>> {
    const { rows } = await district.db.query<{
      collection: string;
      id: string;
      content_hash: string;
    }>('SELECT collection, id, content_hash FROM documents WHERE centre_id = $1', [centre]);
    return new Map(rows.map((r) => [`${r.collection}/${r.id}`, r.content_hash]));
  }

  /** A desk whose every call to the district goes through a fresh link simulator. */
  async function deskBehindLink(options: { bytesPerSecond?: number } = {}) {
    const port = Number(new URL(district.url).port);
    link = await startLinkProxy({ targetPort: port, ...options });
    const viaLink: typeof fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      return fetch(new URL(url.pathname + url.search, link.url), init);
    };
    return enrolledDesk(centre, { fetch: viaLink });
  }

  it('changes nothing when the answers to committed pushes are lost and the desk sends again', async () => {
    const desk = await deskBehindLink();
    const sync = await desk.connect();
    await settle(sync);

    link.loseResponses(true);
    const member = await registerMember(desk.desk, { ...grandma, name: '吴秀兰' });
    await checkIn(desk.desk, member.id);
    // The district commits the push even though the desk never hears so.
    await expect.poll(async () => (await districtHashes()).size, { timeout: 15_000 }).toBe(2);
    // …and still counts them as waiting, since no answer came.
    await expect.poll(() => sync.status$.value.pending).toBe(2);

    link.loseResponses(false);
    await expect.poll(() => sync.status$.value.pending, { timeout: 45_000 }).toBe(0);
    await settle(sync);
    expect(await districtHashes()).toEqual(await deskHashes(desk.desk));
    // The retry was recognised as the same write: one version each, no second sequence number.
    const versions = await district.db.query<{ n: string }>(
      'SELECT count(*) AS n FROM document_versions WHERE id = ANY($1)',
      [[member.id]],
    );
    expect(Number(versions.rows[0]!.n)).toBe(1);
  });

  it('completes a long pull that the link cut halfway, without gaps or duplicates', async () => {
    // One desk records a busy month; it goes up over a good link.
    const writer = await enrolledDesk(centre);
    for (let i = 0; i < 40; i++) {
      const member = await registerMember(writer.desk, { ...grandma, name: `老人${i}` });
      await checkIn(writer.desk, member.id);
    }
    const writerSync = await writer.connect();
    await settle(writerSync);
    await writerSync.stop();

    // A new desk pulls it over a slow line that is cut once data is flowing.
    const reader = await deskBehindLink({ bytesPerSecond: 20_000 });
    const readerSync = await reader.connect();
    await expect.poll(() => link.stats().bytesDown, { timeout: 15_000 }).toBeGreaterThan(2_000);
    link.cut();
    await new Promise((r) => setTimeout(r, 500));
    link.restore();
    await expect
      .poll(async () => (await deskHashes(reader.desk)).size, { timeout: 60_000 })
      .toBe((await districtHashes()).size);
    await settle(readerSync);
    expect(await deskHashes(reader.desk)).toEqual(await districtHashes());
    expect(readerSync.status$.value.mode).toBe('online');
  });
});
