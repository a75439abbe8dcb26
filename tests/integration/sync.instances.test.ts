/**
 * Issue 18 §5: several district server instances on one PostgreSQL, behind a load balancer. Desks
 * reach a different instance at every request (tests/support/balancer.ts), their streams are cut
 * mid-sync and land elsewhere, and they must end exactly as with one server: every desk and the
 * district equal, deletions included. A write through one instance reaches a desk listening on
 * another live, by PostgreSQL's NOTIFY (server/sync/changes.ts), without waiting for a sync round.
 */
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { publishToCentres } from '../../server/publish';
import { startTestDistrict, type TestDistrict } from '../../server/testing/harness';
import { loadRules } from '../../renderer/data/rules';
import { balancer } from '../support/balancer';
import {
  deleteDocument,
  deskHarness,
  deskHashes,
  districtHashes,
  grandma,
  registerSharing,
  settle,
  SYNC_TEST_COLLECTIONS,
} from '../support/desks';

const postgresUrl = inject('postgresUrl');
if (!postgresUrl) {
  console.warn(
    `sync.instances skipped: several instances need one PostgreSQL (${inject('postgresMissingReason')})`,
  );
}

describe.skipIf(!postgresUrl)('three district instances on one PostgreSQL', () => {
  let district: TestDistrict;
  let urls: string[];
  let centre: string;
  const { enrolledDesk, closeAll } = deskHarness(() => district);

  beforeAll(async () => {
    district = await startTestDistrict({ kind: 'postgres', postgresUrl });
    urls = [district.url, (await district.addInstance()).url, (await district.addInstance()).url];
    centre = await district.createCentre('城关镇老幼共托中心');
  });
  afterEach(closeAll);
  afterAll(() => district.close());

  it('gives two desks moving between instances mid-sync the same store as the district', async () => {
    const lb = balancer(urls);
    const first = await enrolledDesk(centre, { fetch: lb.fetch });
    const second = await enrolledDesk(centre, { fetch: lb.fetch });
    const [a, b] = [await first.connect(), await second.connect()];

    const people = [];
    for (let i = 0; i < 12; i++) {
      people.push(await registerSharing(first.desk, { ...grandma, name: `实例${i}号` }));
      if (i === 5) lb.move(); // every request and stream in flight cut; they come back elsewhere
    }
    for (let i = 0; i < 4; i++)
      await registerSharing(second.desk, { ...grandma, name: `二号${i}` });
    await deleteDocument(first.desk, 'members', people[0]!.id);
    lb.move();
    await settle(a, b, a, b);

    // Every instance answered a share of the requests.
    expect(lb.hits().every((n) => n > 0)).toBe(true);
    const onDistrict = await districtHashes(district.db, centre);
    // A cut stream reconnects after its back-off, on another instance, and catches up by itself.
    for (const desk of [first.desk, second.desk]) {
      await expect
        .poll(async () => Object.fromEntries(await deskHashes(desk)), { timeout: 20_000 })
        .toEqual(Object.fromEntries(onDistrict));
    }
    expect([...onDistrict.keys()].filter((k) => k.startsWith('members/'))).toHaveLength(16);
    expect(a.status$.value.mode, JSON.stringify(a.status$.value.error)).toBe('online');
    expect(b.status$.value.mode, JSON.stringify(b.status$.value.error)).toBe('online');
  });

  it('brings a write through one instance to a desk listening on another, live', async () => {
    const pushing = balancer(urls);
    pushing.pin(0);
    const listening = balancer(urls);
    listening.pin(2);
    const writer = await enrolledDesk(centre, { fetch: pushing.fetch });
    const reader = await enrolledDesk(centre, {
      fetch: listening.fetch,
      collections: [...SYNC_TEST_COLLECTIONS, 'district'],
    });
    const [w, r] = [await writer.connect(), await reader.connect()];
    await settle(w, r);

    const member = await registerSharing(writer.desk, { ...grandma, name: '跨实例' });
    await w.awaitInSync();
    // The reader's instance heard the writer's instance through PostgreSQL: a hint, then a pull.
    await expect
      .poll(async () => (await reader.desk.db.members.findOne(member.id).exec())?.name, {
        timeout: 10_000,
      })
      .toBe('跨实例');

    // A district push committed by the second instance's service reaches the same desk live.
    const second = await district.addInstance();
    await publishToCentres(
      district.db,
      second.app.sync,
      { kind: 'rules', title: '实例规则', settings: { feverFrom: 37.6 } },
      'admin-li',
    );
    await expect
      .poll(async () => (await loadRules(reader.desk)).feverFrom, { timeout: 10_000 })
      .toBe(37.6);
    expect(listening.hits()).toEqual([0, 0, listening.hits()[2]]);
  });
});
