/**
 * What the district pushes (shared/schemas/district.ts) reaching real desks: RxDB's replication
 * client against the real district, on PGlite and PostgreSQL. A desk that was offline when the
 * district published gets it at its next sync; a desk online gets the next push within seconds.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { loadDailyRules, loadRules } from '../../renderer/data/rules';
import { publishToCentres } from '../../server/publish';
import { forEachBackend } from '../../server/testing/backends';
import { startTestDistrict, type TestDistrict } from '../../server/testing/harness';
import { deskHarness, settle } from '../support/desks';

forEachBackend((backend) => {
  let district: TestDistrict;
  let centre: string;
  const { enrolledDesk, closeAll } = deskHarness(() => district);
  const publish = (input: Parameters<typeof publishToCentres>[2]) =>
    publishToCentres(district.db, district.app.sync, input, 'admin-li');

  beforeAll(async () => {
    district = await startTestDistrict(backend);
    centre = await district.createCentre('东村老幼中心');
  });
  afterEach(closeAll);
  afterAll(() => district.close());

  it('applies rules published while a desk was offline at its next sync, and the next push live', async () => {
    const { desk, connect } = await enrolledDesk(centre, {
      collections: ['members', 'district', 'auditLog'],
    });
    expect((await loadDailyRules(desk)).mealSubsidies.age70?.lunch).toBe(500);

    // Published while the desk is off the network.
    await publish({
      kind: 'rules',
      title: '2027 年助餐补贴',
      settings: {
        feverFrom: 37.5,
        daily: {
          mealSubsidies: { neediest: { lunch: 1800 }, age70: { lunch: 600 } },
          visits: { frequency: { key: { every: 2, unit: 'week' } } },
        } as never,
      },
    });
    expect((await loadDailyRules(desk)).mealSubsidies.age70?.lunch).toBe(500);

    const sync = await connect();
    await settle(sync);
    const daily = await loadDailyRules(desk);
    expect(daily.mealSubsidies).toEqual({ neediest: { lunch: 1800 }, age70: { lunch: 600 } });
    expect(daily.visits.frequency.key).toEqual({ every: 2, unit: 'week' });
    expect((await loadRules(desk)).feverFrom).toBe(37.5);

    // Online now: the next push arrives by the event stream, without waiting for a sync round.
    await publish({
      kind: 'rules',
      title: '2027 年助餐补贴（修订）',
      settings: { feverFrom: 37.5, daily: { mealSubsidies: { age70: { lunch: 700 } } } as never },
    });
    await expect
      .poll(async () => (await loadDailyRules(desk)).mealSubsidies.age70?.lunch, {
        timeout: 10_000,
      })
      .toBe(700);
  });
});
