/**
 * Device tokens rotate without interrupting a desk: once a token is due, the district offers a new
 * one in the answer; it becomes the device's token when the desk first uses it, and the old one
 * keeps working for a grace period. An offer the desk lost is made again; revoking stops them all.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { NEW_DEVICE_TOKEN_HEADER, type ApiError } from '../shared/sync/protocol';
import { revokeDevice } from './admin';
import { sha256 } from './crypto';
import { forEachBackend } from './testing/backends';
import { startTestDistrict, type EnrolledDevice, type TestDistrict } from './testing/harness';

forEachBackend((backend) => {
  let d: TestDistrict;
  let centre: string;
  beforeAll(async () => {
    d = await startTestDistrict(backend);
    centre = await d.createCentre('Sunrise');
  });
  afterAll(async () => {
    await d?.close();
  });

  /** A sync round as the desk sends it. */
  const batch = async (token: string) => {
    const res = await fetch(`${d.url}/api/sync/batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ pulls: { members: { checkpoint: null, batchSize: 1 } } }),
    });
    return {
      status: res.status,
      offered: res.headers.get(NEW_DEVICE_TOKEN_HEADER),
      exposed: res.headers.get('access-control-expose-headers'),
      body: (await res.json()) as ApiError,
    };
  };
  const ageToken = (desk: EnrolledDevice, days: number) =>
    d.db.query(
      'UPDATE devices SET token_issued_at = now() - make_interval(days => $2) WHERE id = $1',
      [desk.deviceId, days],
    );
  const hashes = async (desk: EnrolledDevice) =>
    (
      await d.db.query<{
        token_hash: string;
        next_token_hash: string | null;
        previous_token_hash: string | null;
      }>('SELECT token_hash, next_token_hash, previous_token_hash FROM devices WHERE id = $1', [
        desk.deviceId,
      ])
    ).rows[0]!;

  it('offers a due desk a new token, which takes over when the desk uses it; the old one works a while longer', async () => {
    const desk = await d.enrolDevice(centre);
    // A fresh token: nothing is offered.
    expect(await batch(desk.token)).toMatchObject({ status: 200, offered: null });

    await ageToken(desk, 8);
    const first = await batch(desk.token);
    expect(first.status).toBe(200);
    const offered = first.offered!;
    expect(offered).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(offered).not.toBe(desk.token);
    // A desk in a browser may read it (CORS), and only its hash is stored.
    expect(first.exposed).toContain(NEW_DEVICE_TOKEN_HEADER);
    expect(await hashes(desk)).toEqual({
      token_hash: sha256(desk.token),
      next_token_hash: sha256(offered),
      previous_token_hash: null,
    });

    // A request already under way with the old token still works, and nothing more is offered.
    expect(await batch(desk.token)).toMatchObject({ status: 200, offered: null });

    // The desk has stored the new token and uses it: it becomes the device's token.
    expect(await batch(offered)).toMatchObject({ status: 200, offered: null });
    expect(await hashes(desk)).toEqual({
      token_hash: sha256(offered),
      next_token_hash: null,
      previous_token_hash: sha256(desk.token),
    });
    expect(await batch(offered)).toMatchObject({ status: 200, offered: null });

    // The old token keeps working for the grace period (a day), then not.
    expect(await batch(desk.token)).toMatchObject({ status: 200, offered: null });
    await d.db.query(
      "UPDATE devices SET previous_token_expires_at = now() - interval '1 second' WHERE id = $1",
      [desk.deviceId],
    );
    const late = await batch(desk.token);
    expect(late.status).toBe(401);
    expect(late.body.error.code).toBe('unauthorized');
    expect(await batch(offered)).toMatchObject({ status: 200 });
  });

  it('offers again when the desk did not take an offer within an hour; the lost offer never works', async () => {
    const desk = await d.enrolDevice(centre);
    await ageToken(desk, 30);
    const lost = (await batch(desk.token)).offered!;
    expect(lost).toBeTruthy();
    // Within the hour the desk may still be storing it: no second offer.
    expect((await batch(desk.token)).offered).toBeNull();
    await d.db.query(
      "UPDATE devices SET next_token_offered_at = now() - interval '61 minutes' WHERE id = $1",
      [desk.deviceId],
    );
    const again = await batch(desk.token);
    expect(again.status).toBe(200);
    expect(again.offered).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(again.offered).not.toBe(lost);
    expect((await batch(lost)).status).toBe(401);
    expect((await batch(again.offered!)).status).toBe(200);
  });

  it('a desk that stays offline keeps its token: rotation waits for it', async () => {
    const desk = await d.enrolDevice(centre);
    await ageToken(desk, 400);
    const back = await batch(desk.token);
    expect(back.status).toBe(200);
    expect(back.offered).toBeTruthy();
  });

  it('revoking a device stops its token, the one it was offered and the one it had before', async () => {
    const desk = await d.enrolDevice(centre);
    await ageToken(desk, 8);
    const next = (await batch(desk.token)).offered!;
    expect((await batch(next)).status).toBe(200);
    await ageToken(desk, 8);
    const unused = (await batch(next)).offered!;
    await revokeDevice(d.db, desk.deviceId, 'stolen');
    for (const token of [desk.token, next, unused]) {
      const res = await batch(token);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('device_revoked');
      expect(res.offered).toBeNull();
    }
  });
});
