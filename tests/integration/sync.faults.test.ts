/**
 * A link that fails in the middle of a sync, through the link simulator: lost answers after the
 * district committed, and a link cut in the middle of a long pull. After each, desk and district
 * hold exactly the same documents (same ids, same content hashes), none duplicated, none lost.
 */
import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { checkIn } from '../../renderer/data/attendance';
import { forEachBackend } from '../../server/testing/backends';
import { startTestDistrict, type TestDistrict } from '../../server/testing/harness';
import {
  deskHarness,
  deskHashes,
  districtHashes as hashesOf,
  grandma,
  registerSharing,
  settle,
} from '../support/desks';
import { startLinkProxy, type LinkProxy } from '../support/link-proxy';
import { formatHlc } from '../../shared/hlc';
import { newId } from '../../shared/ids';
import type { AuditLogDoc } from '../../shared/schemas';
import type { BatchRequest, BatchResponse } from '../../shared/sync/protocol';
import { wire } from '../../server/testing/docs';
import type { Incoming } from '../../renderer/sync/incoming';
import { PULL_BATCH } from '../../renderer/sync/replication';

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

  const districtHashes = () => hashesOf(district.db, centre);

  /** A desk whose every call to the district goes through a fresh link simulator. */
  async function deskBehindLink(
    options: {
      bytesPerSecond?: number;
      timeoutMs?: number;
      /** Told what each answer that arrived whole brought, per collection. */
      onAnswer?: (pulls: BatchResponse['pulls']) => void;
      /** Told the pulls of each request. */
      onRequest?: (pulls: BatchRequest['pulls']) => void;
    } = {},
  ) {
    const port = Number(new URL(district.url).port);
    link = await startLinkProxy({
      targetPort: port,
      ...(options.bytesPerSecond ? { bytesPerSecond: options.bytesPerSecond } : {}),
    });
    const { onAnswer, onRequest } = options;
    const viaLink: typeof fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (onRequest && url.pathname.endsWith('/sync/batch')) {
        const body = init?.body;
        const text =
          typeof body === 'string'
            ? body
            : body instanceof ArrayBuffer
              ? gunzipSync(Buffer.from(body)).toString('utf8')
              : null;
        if (text) onRequest((JSON.parse(text) as BatchRequest).pulls);
      }
      const answer = await fetch(new URL(url.pathname + url.search, link.url), init);
      if (onAnswer && url.pathname.endsWith('/sync/batch') && answer.ok) {
        const body = (await answer
          .clone()
          .json()
          .catch(() => null)) as BatchResponse | null;
        if (body) onAnswer(body.pulls);
      }
      return answer;
    };
    return enrolledDesk(centre, {
      fetch: viaLink,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
  }

  it('changes nothing when the answers to committed pushes are lost and the desk sends again', async () => {
    const desk = await deskBehindLink();
    const sync = await desk.connect();
    await settle(sync);

    link.loseResponses(true);
    const member = await registerSharing(desk.desk, { ...grandma, name: '吴秀兰' });
    await checkIn(desk.desk, member.id);
    // The district commits the push (the person, their consent, their visit) even though the
    // desk never hears so…
    await expect.poll(async () => (await districtHashes()).size, { timeout: 15_000 }).toBe(3);
    // …and still counts them as waiting, since no answer came.
    await expect.poll(() => sync.status$.value.pending).toBe(3);

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
      const member = await registerSharing(writer.desk, { ...grandma, name: `老人${i}` });
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
    // Restored once the desk has felt the cut: its live link to the district went down with it.
    await expect.poll(() => readerSync.status$.value.mode, { timeout: 15_000 }).toBe('offline');
    link.restore();
    await expect
      .poll(async () => (await deskHashes(reader.desk)).size, { timeout: 60_000 })
      .toBe((await districtHashes()).size);
    await settle(readerSync);
    expect(await deskHashes(reader.desk)).toEqual(await districtHashes());
    expect(
      readerSync.status$.value.mode,
      String(readerSync.status$.value.error?.code + ': ' + readerSync.status$.value.error?.message),
    ).toBe('online');
  });

  it('shows a new desk its progress while the history comes, and resumes after a link cut from where it stopped, not from zero', async () => {
    // A centre's years of log entries, already at the district.
    const { token } = await district.enrolDevice(centre, 'writer');
    // Ten answers' worth: the cut comes after two, with answers on the line and two asked ahead.
    const total = 10 * PULL_BATCH;
    const entries = Array.from({ length: total }, (_, i) => ({
      newDocumentState: wire({
        id: newId(),
        centreId: centre,
        createdAt: new Date(Date.now() - i * 60_000).toISOString(),
        updatedAt: formatHlc({ wallMs: Date.now(), counter: i, node: 'writer' }),
        updatedBy: 'staff-1',
        action: 'staff.login',
        subjectCollection: 'members',
        subjectId: `m${i}`,
      } satisfies AuditLogDoc),
    }));
    for (let i = 0; i < entries.length; i += 600)
      await district.client(token).push('auditLog', entries.slice(i, i + 600));
    const onDistrict = await districtHashes();

    // A new desk on a slow line, counting the log entries the district serves it.
    let served = 0;
    const asked: Array<number | null> = [];
    const reader = await deskBehindLink({
      bytesPerSecond: 200_000,
      onAnswer: (pulls) => {
        served += pulls.auditLog?.documents.length ?? 0;
      },
      onRequest: (pulls) => {
        if (pulls?.auditLog) asked.push(pulls.auditLog.checkpoint?.seq ?? null);
      },
    });
    const stored = async () => (await reader.collection('auditLog').count().exec()) as number;
    const seen: Incoming[] = [];
    const sync = await reader.connect();
    const watching = sync.status$.subscribe((s) => s.incoming && seen.push(s.incoming));
    await expect
      .poll(stored, { timeout: 30_000, interval: 20 })
      .toBeGreaterThanOrEqual(2 * PULL_BATCH);
    const askedBeforeCut = asked.length;
    link.cut();
    await expect.poll(() => sync.status$.value.mode, { timeout: 15_000 }).toBe('offline');
    expect(await stored()).toBeLessThan(onDistrict.size);
    // It said how many had come and how many were left, and the count went down as they came.
    expect(seen[0]!.remaining).toBeGreaterThanOrEqual(total - PULL_BATCH);
    expect(seen.at(-1)!.received).toBeGreaterThanOrEqual(2 * PULL_BATCH);
    expect(seen.at(-1)!.remaining).toBeLessThan(seen[0]!.remaining);

    link.restore();
    await expect.poll(stored, { timeout: 60_000 }).toBe(total);
    await settle(sync);
    watching.unsubscribe();
    expect(await deskHashes(reader.desk)).toEqual(onDistrict);
    expect(sync.status$.value.incoming).toBeNull();
    // What came before the cut was kept and not asked for again: only the very first pull asked
    // from the start, every pull from the cut on started past what was stored, and at most the
    // answers the cut lost (the one on the line and the two asked ahead) came twice.
    expect(asked.filter((seq) => seq === null)).toHaveLength(1);
    expect(asked.slice(askedBeforeCut).every((seq) => seq !== null && seq > 0)).toBe(true);
    expect(served).toBeLessThanOrEqual(total + 3 * PULL_BATCH);
  }, 120_000);

  it('sends everything once when the link drops in the middle of a push', async () => {
    // An afternoon recorded offline goes up over a slow line that dies while the batch is going up.
    const desk = await deskBehindLink({ bytesPerSecond: 15_000 });
    for (let i = 0; i < 80; i++) {
      const member = await registerSharing(desk.desk, { ...grandma, name: `断线${i}号` });
      await checkIn(desk.desk, member.id);
    }
    const local = await deskHashes(desk.desk);
    const sync = await desk.connect();
    await expect.poll(() => link.stats().bytesUp, { timeout: 15_000 }).toBeGreaterThan(3_000);
    link.cut();
    await expect.poll(() => sync.status$.value.mode, { timeout: 15_000 }).toBe('offline');
    // Counted a moment after the desk's own writes: still waiting, nothing lost.
    await expect.poll(() => sync.status$.value.pending).toBeGreaterThan(0);
    link.restore();

    await expect.poll(() => sync.status$.value.pending, { timeout: 60_000 }).toBe(0);
    await settle(sync);
    expect(
      sync.status$.value.mode,
      String(sync.status$.value.error?.code + ': ' + sync.status$.value.error?.message),
    ).toBe('online');
    // The desk also received what earlier tests left at this centre; all of its own is there.
    const onDistrict = await districtHashes();
    expect(await deskHashes(desk.desk)).toEqual(onDistrict);
    for (const [key, hash] of local) expect(onDistrict.get(key), key).toBe(hash);
    const twice = await district.db.query(
      'SELECT id FROM document_versions WHERE centre_id = $1 GROUP BY id HAVING count(*) > 1',
      [centre],
    );
    expect(twice.rows).toEqual([]);
  });

  it('gives up on a link too slow to answer, says so, and finishes when the line clears', async () => {
    const desk = await deskBehindLink({ bytesPerSecond: 150, timeoutMs: 2_000 });
    for (let i = 0; i < 10; i++) {
      const member = await registerSharing(desk.desk, { ...grandma, name: `慢线${i}号` });
      await checkIn(desk.desk, member.id);
    }
    const local = await deskHashes(desk.desk);
    const sync = await desk.connect();
    // Nothing completes at 150 bytes a second: each round is cut off at its time limit, and the
    // status bar says why instead of spinning for ever.
    await expect.poll(() => sync.status$.value.error?.code, { timeout: 20_000 }).toBe('timed_out');
    expect(sync.status$.value.mode).toBe('offline');
    // Ten people, each with their consent to sharing and a visit.
    expect(sync.status$.value.pending).toBe(30);

    link.setBandwidth(undefined);
    await expect.poll(() => sync.status$.value.pending, { timeout: 90_000 }).toBe(0);
    await settle(sync);
    expect(sync.status$.value).toMatchObject({ mode: 'online', error: null });
    // The desk also received what earlier tests left at this centre; all of its own is there.
    const onDistrict = await districtHashes();
    expect(await deskHashes(desk.desk)).toEqual(onDistrict);
    for (const [key, hash] of local) expect(onDistrict.get(key), key).toBe(hash);
  });
});
