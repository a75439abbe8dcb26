import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICT_RULES_ID } from '../shared/schemas';
import { AdminError } from './admin';
import { publishToCentres } from './publish';
import { forEachBackend } from './testing/backends';
import { startTestDistrict, type TestDistrict } from './testing/harness';

forEachBackend((backend) => {
  describe('publishing to every centre', () => {
    let d: TestDistrict;
    beforeAll(async () => {
      d = await startTestDistrict(backend);
    });
    afterAll(() => d.close());

    const publish = (input: Parameters<typeof publishToCentres>[2]) =>
      publishToCentres(d.db, d.app.sync, input, 'admin-li');

    it('sends rules and announcements to the desks of every centre, which may read but not write them', async () => {
      const a = await d.enrolDevice(await d.createCentre('东村中心'));
      const b = await d.enrolDevice(await d.createCentre('西村中心'));
      await publish({ kind: 'rules', title: '2027 年托育标准', settings: { feverFrom: 37.5 } });
      await publish({
        kind: 'announcement',
        title: '流感季',
        text: '入园请戴口罩',
        shownFrom: '2026-11-01',
        shownUntil: '2027-02-28',
      });
      for (const desk of [a, b]) {
        const pulled = await d
          .client(desk.token)
          .pull('district', { checkpoint: null, batchSize: 10 });
        expect(pulled.documents.map((doc) => [doc.kind, doc.title])).toEqual([
          ['rules', '2027 年托育标准'],
          ['announcement', '流感季'],
        ]);
      }
      const rules = (await d.client(a.token).pull('district', { checkpoint: null, batchSize: 1 }))
        .documents[0]!;
      const res = await d
        .client(a.token)
        .request<{ error: { code: string } }>('POST', '/api/sync/district/push', [
          {
            assumedMasterState: rules,
            newDocumentState: { ...rules, settings: { feverFrom: 39 } },
          },
        ]);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('read_only');
    });

    it('replaces the one rules document on each push, keeping one version per push', async () => {
      await publish({ kind: 'rules', title: '第二版', settings: { idleLockMinutes: 3 } });
      const { rows } = await d.db.query<{ title: string; versions: string }>(
        `SELECT d.data->>'title' AS title,
                (SELECT count(*) FROM document_versions v WHERE v.collection = 'district' AND v.id = d.id) AS versions
           FROM documents d WHERE d.collection = 'district' AND d.id = $1`,
        [DISTRICT_RULES_ID],
      );
      expect(rows).toEqual([{ title: '第二版', versions: expect.any(String) }]);
      expect(Number(rows[0]!.versions)).toBe(2);
    });

    it('refuses rules out of range, naming each, and stores nothing', async () => {
      const before = await d.db.query('SELECT count(*) AS n FROM document_versions');
      await expect(
        publish({ kind: 'rules', title: '错的', settings: { feverFrom: 41, pinMaxFailures: 1 } }),
      ).rejects.toThrow(AdminError);
      await expect(
        publish({ kind: 'rules', title: '错的', settings: { feverFrom: 41, pinMaxFailures: 1 } }),
      ).rejects.toThrow(/feverFrom \(range 37–38\.5\), pinMaxFailures \(range 3–10\)/);
      await expect(
        publish({
          kind: 'rules',
          title: '错的',
          settings: { daily: { foodSample: { minGrams: 5, keepHours: 48 } } },
        }),
      ).rejects.toThrow(/daily\.foodSample\.minGrams \(range 50–1000\)/);
      await expect(publish({ kind: 'rules', title: '空的', settings: {} })).rejects.toThrow(
        /at least one setting/,
      );
      expect(await d.db.query('SELECT count(*) AS n FROM document_versions')).toEqual(before);
    });
  });
});
