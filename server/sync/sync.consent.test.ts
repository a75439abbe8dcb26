/**
 * The district keeps to a person's consents (server/sync/consent.ts; docs/DOMAIN.md "Privacy and
 * safety"): a withdrawal removes what it held — every document about the person and every
 * stored version — and a desk that has not heard of it yet cannot put it back.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { countsOnly, NOT_SHARED } from '../../shared/rules/districtShare';
import type { VisitDoc } from '../../shared/schemas';
import { forEachBackend } from '../testing/backends';
import { edit, makeConsent, makeMember, wire } from '../testing/docs';
import { startTestDistrict, type EnrolledDevice, type TestDistrict } from '../testing/harness';

const ID_NUMBER = '110101194912310021';
const FINDINGS = '独居，屋内潮湿，燃气未关';

forEachBackend((backend) => {
  let d: TestDistrict;
  let centre: string;
  let desk: EnrolledDevice;

  beforeAll(async () => {
    d = await startTestDistrict(backend);
    centre = await d.createCentre('阳光中心');
    desk = await d.enrolDevice(centre);
  });
  afterAll(async () => {
    await d?.close();
  });

  /** Everything the district stores about a person, current and past, as text. */
  async function storedAbout(memberId: string): Promise<string> {
    const { rows } = await d.db.query<{ data: unknown }>(
      `SELECT data FROM documents WHERE id = $1 OR data->>'memberId' = $1 OR data->>'subjectId' = $1
       UNION ALL
       SELECT v.data FROM document_versions v
        WHERE v.id = $1 OR v.data->>'memberId' = $1 OR v.data->>'subjectId' = $1`,
      [memberId],
    );
    return JSON.stringify(rows.map((r) => r.data));
  }

  const seq = async () =>
    Number(
      (await d.db.query<{ max: string }>('SELECT max(seq) AS max FROM documents')).rows[0]!.max,
    );

  function personWithRecords() {
    const person = makeMember(centre, {
      name: '王秀英',
      pinyin: 'wangxiuying',
      idNumber: ID_NUMBER,
      phone: '13800138000',
      healthNotes: '高血压',
      categories: ['livingAlone'],
      visitRisk: 'high',
    });
    const visit: VisitDoc = {
      id: newId(),
      centreId: centre,
      createdAt: new Date().toISOString(),
      updatedAt: edit(person, {}).updatedAt,
      updatedBy: 'staff-1',
      kind: 'visit',
      memberId: person.id,
      visitKind: 'home',
      at: '2026-03-02T02:00:00.000Z',
      visitedBy: 'staff-1',
      reached: true,
      livingConditions: FINDINGS,
    };
    const consents = (['districtSharing', 'idNumber', 'health'] as const).map((scope) =>
      makeConsent(centre, person.id, scope),
    );
    return { person, visit, consents };
  }

  it('removes what it held about a person when they withdraw their consent to sharing: every document and every version', async () => {
    const api = d.client(desk.token);
    const { person, visit, consents } = personWithRecords();
    await api.batch({
      pushes: {
        consents: consents.map((c) => ({ newDocumentState: wire(c) })),
        members: [{ newDocumentState: wire(person) }],
        visits: [{ newDocumentState: wire(visit) }],
      },
    });
    // An edit, so the district holds two versions of the record.
    const moved = edit(person, { phone: '13900139000' });
    await api.push('members', [
      { assumedMasterState: wire(person), newDocumentState: wire(moved) },
    ]);
    for (const secret of ['王秀英', ID_NUMBER, '13900139000', '13800138000', FINDINGS])
      expect(await storedAbout(person.id)).toContain(secret);
    const before = await seq();

    const sharing = consents[0]!;
    const withdrawn = edit(sharing, { withdrawnOn: '2026-03-10' });
    expect(
      await api.push('consents', [
        { assumedMasterState: wire(sharing), newDocumentState: wire(withdrawn) },
      ]),
    ).toEqual([]);

    const stored = await storedAbout(person.id);
    for (const secret of [
      '王秀英',
      'wangxiuying',
      ID_NUMBER,
      '13900139000',
      '13800138000',
      FINDINGS,
      '高血压',
    ])
      expect(stored).not.toContain(secret);
    // The counts stay: the record's kind, categories and risk, the visit's day and kind.
    const { rows } = await d.db.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM documents WHERE collection = 'members' AND id = $1`,
      [person.id],
    );
    expect(rows[0]!.data).toEqual(countsOnly('members', moved));
    expect(rows[0]!.data).toMatchObject({
      name: NOT_SHARED,
      categories: ['livingAlone'],
      visitRisk: 'high',
    });
    const visits = await api.pull('visits', { checkpoint: null, batchSize: 100 });
    expect(visits.documents.find((v) => v.id === visit.id)).toMatchObject({
      memberId: person.id,
      visitKind: 'home',
      reached: true,
    });
    // Reduced in place: only the withdrawal itself took a sequence number, nothing to pull again.
    expect(await seq()).toBe(before + 1);
  });

  it('stores only its copy when a desk that has not heard of the withdrawal sends more, and takes it as the version it holds', async () => {
    const api = d.client(desk.token);
    const { person, consents } = personWithRecords();
    const sharing = consents[0]!;
    await api.batch({
      pushes: {
        consents: [{ newDocumentState: wire(sharing) }],
        members: [{ newDocumentState: wire(person) }],
      },
    });
    await api.push('consents', [
      {
        assumedMasterState: wire(sharing),
        newDocumentState: wire(edit(sharing, { withdrawnOn: '2026-03-10' })),
      },
    ]);
    // This desk still has the whole record, and assumes the district does too.
    const stale = edit(person, { note: '住三楼', status: 'left' });
    expect(
      await api.push('members', [
        { assumedMasterState: wire(person), newDocumentState: wire(stale) },
      ]),
    ).toEqual([]);
    const stored = await storedAbout(person.id);
    for (const secret of ['王秀英', ID_NUMBER, '住三楼']) expect(stored).not.toContain(secret);
    const pulled = await api.pull('members', { checkpoint: null, batchSize: 1000 });
    expect(pulled.documents.find((m) => m.id === person.id)).toMatchObject({
      name: NOT_SHARED,
      status: 'left',
      updatedAt: stale.updatedAt,
    });
    // An edit that really is stale (another version came in between) is still a conflict.
    const later = edit(stale, { note: '又一次' });
    const conflicts = await api.push('members', [
      { assumedMasterState: wire(person), newDocumentState: wire(later) },
    ]);
    expect(conflicts.map((c) => c.updatedAt)).toEqual([stale.updatedAt]);
  });

  it('removes the ID number from every stored version when its own consent is withdrawn, and keeps the rest', async () => {
    const api = d.client(desk.token);
    const { person, consents } = personWithRecords();
    await api.batch({
      pushes: {
        consents: consents.map((c) => ({ newDocumentState: wire(c) })),
        members: [{ newDocumentState: wire(person) }],
      },
    });
    const idConsent = consents[1]!;
    await api.push('consents', [
      {
        assumedMasterState: wire(idConsent),
        newDocumentState: wire(edit(idConsent, { withdrawnOn: '2026-03-10' })),
      },
    ]);
    const stored = await storedAbout(person.id);
    expect(stored).not.toContain(ID_NUMBER);
    for (const kept of ['王秀英', '13800138000', '高血压']) expect(stored).toContain(kept);
  });

  it('stores a person of whom it holds no consent as the desk sent them', async () => {
    const api = d.client(desk.token);
    const person = makeMember(centre, { name: '赵建国', phone: '13700137000' });
    await api.push('members', [{ newDocumentState: wire(person) }]);
    expect(await storedAbout(person.id)).toContain('13700137000');
  });
});
