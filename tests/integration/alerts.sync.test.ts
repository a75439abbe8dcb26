/**
 * Issue 15, point 6: a child admitted despite a fever is flagged to the manager on the centre's
 * other desks once the check has synced — the notice is derived from the day's health checks, so
 * it travels with them (as far as the guardian's consents let the district hold them).
 */
import { firstValueFrom } from 'rxjs';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { healthFlags$, recordHealthCheck } from '../../renderer/data/health';
import { registerMember } from '../../renderer/data/members';
import { guardianConsent } from '../../renderer/testing/consents';
import { forEachBackend } from '../../server/testing/backends';
import { startTestDistrict, type TestDistrict } from '../../server/testing/harness';
import { deskHarness, logInManager, settle } from '../support/desks';

// RxDB's open core opens at most 13 collections in a process: two desks of what the notice reads.
const COLLECTIONS = ['members', 'consents', 'health'] as const;

forEachBackend((backend) => {
  let district: TestDistrict;
  let centre: string;
  const { enrolledDesk, closeAll } = deskHarness(() => district);

  beforeAll(async () => {
    district = await startTestDistrict(backend);
    centre = await district.createCentre('阳光社区老幼共托中心');
  });
  afterEach(closeAll);
  afterAll(() => district.close());

  it('shows the manager on a second desk the child admitted with a fever, with the health worker’s reason', async () => {
    const first = await enrolledDesk(centre, { collections: COLLECTIONS });
    logInManager(first.desk);
    const child = await registerMember(
      first.desk,
      { kind: 'child', name: '李小满', gender: 'M', birthDate: '2023-03-01' },
      new Date(),
      {},
      guardianConsent('health', 'districtSharing'),
    );
    const check = await recordHealthCheck(first.desk, {
      kind: 'morningCheck',
      memberId: child.id,
      temperature: 38.3,
      symptoms: ['fever'],
      outcome: 'admitted',
      overrideReason: '家长说明已服退烧药',
    });
    const firstSync = await first.connect();
    await settle(firstSync);

    const second = await enrolledDesk(centre, { collections: COLLECTIONS });
    logInManager(second.desk);
    const secondSync = await second.connect();
    await settle(secondSync);
    // What the manager's home screen lists (renderer/data/today.ts reads the same flags).
    const flags = await firstValueFrom(healthFlags$(second.desk, check.day));
    expect([...flags.values()]).toMatchObject([
      {
        memberId: child.id,
        outcome: 'admitted',
        overrideReason: '家长说明已服退烧药',
        concerns: [{ kind: 'fever', temperature: 38.3 }],
      },
    ]);
    expect((await second.desk.db.members.findOne(child.id).exec())?.name).toBe('李小满');
  });
});
