/**
 * Change hints across server instances (server/sync/changes.ts). PostgreSQL refuses a NOTIFY
 * payload of 8000 bytes or more; a district job touching a thousand centres in one transaction
 * must still tell every instance about every centre.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestDistrict, type TestDistrict } from '../testing/harness';
import { createChangeBus, notifyPayloads, type ChangeBus, type ChangeEvent } from './changes';

const thousandCentres = (): ChangeEvent[] =>
  Array.from({ length: 1000 }, () => ({
    centreId: randomUUID(),
    collections: ['attendance', 'members', 'meals'],
  }));

describe('notifyPayloads', () => {
  it('packs events into as few payloads as fit under the limit, losing none', () => {
    const events = thousandCentres();
    const payloads = notifyPayloads(events);
    expect(payloads.length).toBeGreaterThan(1);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThan(8000);
    expect(payloads.flatMap((p) => JSON.parse(p) as ChangeEvent[])).toEqual(events);
    // One small event: one payload, as before.
    expect(notifyPayloads(events.slice(0, 1))).toEqual([JSON.stringify(events.slice(0, 1))]);
    expect(notifyPayloads([])).toEqual([]);
  });
});

const postgresUrl = inject('postgresUrl');
if (!postgresUrl)
  console.warn(`NOTIFY across instances skipped: ${inject('postgresMissingReason')}`);

describe.skipIf(!postgresUrl)('on PostgreSQL, two instances listening', () => {
  let district: TestDistrict;
  const buses: ChangeBus[] = [];

  beforeAll(async () => {
    district = await startTestDistrict({ kind: 'postgres', postgresUrl });
  });
  afterAll(async () => {
    for (const bus of buses) await bus.close();
    await district.close();
  });

  it('tells every instance about all 1,000 centres one transaction touched', async () => {
    const heard: ChangeEvent[][] = [[], []];
    for (const list of heard) {
      const bus = await createChangeBus(district.db);
      buses.push(bus);
      bus.subscribe((e) => list.push(e));
    }
    const events = thousandCentres();
    await district.db.transaction((tx) => buses[0]!.publishInTransaction(tx, events));
    for (const list of heard) {
      await expect.poll(() => list.length, { timeout: 10_000 }).toBe(1000);
      expect(list).toEqual(events);
    }
  });

  it('tells no instance anything when the transaction rolls back', async () => {
    const heard: ChangeEvent[] = [];
    buses[1]!.subscribe((e) => heard.push(e));
    await expect(
      district.db.transaction(async (tx) => {
        await buses[0]!.publishInTransaction(tx, thousandCentres());
        throw new Error('push refused');
      }),
    ).rejects.toThrow('push refused');
    // A later hint arrives; the rolled-back ones never do.
    const later = thousandCentres().slice(0, 1);
    await district.db.transaction((tx) => buses[0]!.publishInTransaction(tx, later));
    await expect.poll(() => heard.length, { timeout: 10_000 }).toBe(1);
    expect(heard).toEqual(later);
  });
});
