import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EnrolResponse } from '../shared/sync/protocol';
import { randomBytes } from 'node:crypto';
import { BAD_CODE, enrolmentCodeHash } from './admin';
import { normaliseEnrolmentCode, sha256 } from './crypto';
import { forEachBackend } from './testing/backends';
import { createSyncClient, startTestDistrict, type TestDistrict } from './testing/harness';

forEachBackend((backend) => {
  let d: TestDistrict;
  let centre: string;

  beforeAll(async () => {
    d = await startTestDistrict(backend);
    centre = await d.createCentre('Sunrise 阳光');
  });
  afterAll(async () => {
    await d?.close();
  });

  const enrol = (code: string, deviceName = 'front desk') =>
    createSyncClient(d.url, null).request<
      EnrolResponse & { error: { code: string; message: string } }
    >('POST', '/api/enrol', { code, deviceName });

  it('trades a code for a working token, once', async () => {
    const code = await d.issueCode(centre);
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    // Typed in lower case without the dash: still the same code.
    const first = await enrol(code.toLowerCase().replace('-', ' '));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ centreId: centre, centreName: 'Sunrise 阳光' });
    expect(first.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const pulled = await d
      .client(first.body.token)
      .pull('members', { checkpoint: null, batchSize: 1 });
    expect(pulled.documents).toEqual([]);
    // The token is stored only as a hash.
    const { rows } = await d.db.query<{ token_hash: string }>(
      'SELECT token_hash FROM devices WHERE id = $1',
      [first.body.deviceId],
    );
    expect(rows[0]!.token_hash).not.toContain(first.body.token);

    const again = await enrol(code);
    expect(again.status).toBe(400);
    expect(again.body.error).toEqual({ code: 'enrolment_code_invalid', message: BAD_CODE });
  });

  it("stores a code only as an HMAC under the district's key, not as its plain SHA-256", async () => {
    const code = await d.issueCode(centre);
    const { rows } = await d.db.query<{ code_hash: string }>(
      'SELECT code_hash FROM enrolment_codes ORDER BY created_at DESC LIMIT 1',
    );
    const stored = rows[0]!.code_hash;
    // A copy of the table cannot be searched for codes without the key …
    expect(stored).not.toBe(sha256(normaliseEnrolmentCode(code)));
    expect(stored).toBe(enrolmentCodeHash(d.serverKey, code));
    expect(stored).not.toBe(enrolmentCodeHash(randomBytes(32), code));
    // … and the desk's code works.
    expect((await enrol(code)).status).toBe(200);
  });

  it('refuses an expired code and an unknown one with the same answer', async () => {
    const code = await d.issueCode(centre, 1);
    await d.db.query(
      "UPDATE enrolment_codes SET expires_at = now() - interval '1 minute' WHERE code_hash = $1",
      [enrolmentCodeHash(d.serverKey, code)],
    );
    const expired = await enrol(code);
    const unknown = await enrol('AAAA-BBBB');
    // The same answer for both (and for a used one, above).
    for (const res of [expired, unknown]) {
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual({ code: 'enrolment_code_invalid', message: BAD_CODE });
    }

    const malformed = await createSyncClient(d.url, null).request<{ error: { code: string } }>(
      'POST',
      '/api/enrol',
      { code: 5 },
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('bad_request');
  });

  it('lets only one of two desks racing with the same code win', async () => {
    const code = await d.issueCode(centre);
    const results = await Promise.all([enrol(code, 'a'), enrol(code, 'b'), enrol(code, 'c')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400]);
  });
});
