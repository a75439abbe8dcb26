import { afterAll, beforeAll, expect, it } from 'vitest';
import { publishToCentres } from '../publish';
import { forEachBackend } from '../testing/backends';
import { makeMember, wire } from '../testing/docs';
import { startTestDistrict, type TestDistrict } from '../testing/harness';

/** Opens the SSE stream as the desk does (fetch streaming) and collects what arrives. */
async function openStream(url: string, token: string) {
  const controller = new AbortController();
  const res = await fetch(`${url}/api/sync/stream`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  let text = '';
  let ended = false;
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const pump = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
      ended = true;
    } catch {
      // aborted
    }
  })();
  return {
    text: () => text,
    /** The server ended the stream. */
    ended: () => ended,
    events: () =>
      text
        .split('\n\n')
        .filter((block) => block.includes('event: change'))
        .map((block) => JSON.parse(/data: (.*)/.exec(block)![1]!) as { collections: string[] }),
    async until(predicate: (t: string) => boolean, ms = 5000) {
      const start = Date.now();
      while (!predicate(text) && Date.now() - start < ms)
        await new Promise((r) => setTimeout(r, 20));
      return predicate(text);
    },
    async close() {
      controller.abort();
      await pump;
    },
  };
}

forEachBackend((backend) => {
  let d: TestDistrict;

  beforeAll(async () => {
    d = await startTestDistrict({ ...backend, streamPingMs: 200 });
  });
  afterAll(async () => {
    await d?.close();
  });

  it("sends a change hint to a same-centre device after a push, not to another centre's", async () => {
    const centre = await d.createCentre('Sunrise');
    const other = await d.createCentre('Riverside');
    const writer = await d.enrolDevice(centre, 'writer');
    const sameCentre = await d.enrolDevice(centre, 'listener');
    const otherCentre = await d.enrolDevice(other, 'elsewhere');
    const same = await openStream(d.url, sameCentre.token);
    const elsewhere = await openStream(d.url, otherCentre.token);
    const own = await openStream(d.url, writer.token);
    try {
      await same.until((t) => t.includes(': connected'));
      await elsewhere.until((t) => t.includes(': connected'));
      const m = makeMember(centre);
      await d.client(writer.token).batch({
        pushes: { members: [{ newDocumentState: wire(m) }] },
      });
      expect(await same.until((t) => t.includes('event: change'))).toBe(true);
      expect(same.events()).toEqual([{ collections: ['members'] }]);
      // Pings keep the link alive.
      expect(await elsewhere.until((t) => t.includes(': ping'), 3000)).toBe(true);
      // Pushing the same again changes nothing, so no hint.
      await d.client(writer.token).push('members', [{ newDocumentState: wire(m) }]);
      // Then the district publishes, which every stream hears of. A stream gets its hints in
      // the order the pushes committed, so once this one is in, any hint about the members
      // pushes would be there too.
      await publishToCentres(d.db, d.app.sync, { kind: 'announcement', title: '通知' }, 'admin');
      for (const stream of [same, elsewhere, own])
        expect(await stream.until((t) => t.includes('"district"'))).toBe(true);
      const aboutMembers = (stream: typeof same) =>
        stream.events().filter((e) => e.collections.includes('members'));
      // The other centre and the writer itself got no hint; the same push again gave none.
      expect(aboutMembers(elsewhere)).toEqual([]);
      expect(aboutMembers(own)).toEqual([]);
      expect(aboutMembers(same)).toHaveLength(1);
    } finally {
      await Promise.all([same.close(), elsewhere.close(), own.close()]);
    }
  });

  it("re-checks every open stream's token at each ping: a device revoked or a token dropped behind the server's back is cut off, the others ping on", async () => {
    const centre = await d.createCentre('Hillside');
    const devices = [];
    for (let i = 0; i < 12; i++) devices.push(await d.enrolDevice(centre, `desk ${i}`));
    const streams = await Promise.all(devices.map((device) => openStream(d.url, device.token)));
    try {
      for (const s of streams) expect(await s.until((t) => t.includes(': ping'))).toBe(true);
      // Straight in the database, so no event tells the server (as the admin CLI on PGlite).
      const [revoked, dropped, kept] = devices;
      await d.db.query(
        `UPDATE devices SET revoked_at = now(), revoked_reason = 'PC stolen' WHERE id = $1`,
        [revoked!.deviceId],
      );
      await d.db.query(`UPDATE devices SET token_hash = 'not-this-one' WHERE id = $1`, [
        dropped!.deviceId,
      ]);
      await d.db.query(`UPDATE devices SET last_seen_at = NULL WHERE id = $1`, [kept!.deviceId]);

      expect(await streams[0]!.until((t) => t.includes('event: error'))).toBe(true);
      expect(streams[0]!.text()).toMatch(/"code":"device_revoked".*PC stolen/);
      expect(await streams[1]!.until((t) => t.includes('event: error'))).toBe(true);
      expect(streams[1]!.text()).toContain('"code":"unauthorized"');
      for (const cut of streams.slice(0, 2)) {
        expect(await cut.until(() => cut.ended())).toBe(true);
      }
      // The others keep being pinged, and their devices are seen.
      for (const s of streams.slice(2)) {
        const pings = s.text().split(': ping').length;
        expect(await s.until((t) => t.split(': ping').length > pings + 1)).toBe(true);
        expect(s.text()).not.toContain('event: error');
        expect(s.ended()).toBe(false);
      }
      const { rows } = await d.db.query<{ seen: boolean }>(
        'SELECT last_seen_at IS NOT NULL AS seen FROM devices WHERE id = $1',
        [kept!.deviceId],
      );
      expect(rows[0]!.seen).toBe(true);
    } finally {
      await Promise.all(streams.map((s) => s.close()));
    }
  });
});

it('ends the stream when the server closes', async () => {
  const d = await startTestDistrict({ kind: 'pglite' });
  const centre = await d.createCentre('Sunrise');
  const desk = await d.enrolDevice(centre);
  const s = await openStream(d.url, desk.token);
  await d.close();
  await s.close();
  expect(s.text()).toContain(': connected');
});
