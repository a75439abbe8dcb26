import { describe, expect, it } from 'vitest';
import { HybridClock } from './hlc';
import type { StaffDoc } from './schemas';
import {
  judgeStaffChanges,
  newManagerKey,
  rewrapManagerKey,
  signedText,
  signStaff,
  unlockManagerKey,
  type SigningKey,
  type StaffVersion,
} from './staffAuthority';

/** Fewer iterations than a desk uses: these tests are about keys and signatures, not their cost. */
const FAST = 100_000;
const clock = new HybridClock('testdesk');

function record(id: string, fields: Partial<StaffDoc> = {}): StaffVersion & StaffDoc {
  return {
    id,
    centreId: 'c1',
    createdAt: '2026-11-23T08:00:00.000Z',
    updatedAt: clock.tick(),
    updatedBy: 'm1',
    name: id,
    pinyin: id,
    initials: id,
    role: 'reception',
    active: true,
    _deleted: false,
    ...fields,
  };
}

async function manager(id: string) {
  const { managerKey, signingKey } = await newManagerKey(id, 'zhou2580', FAST);
  return { doc: record(id, { role: 'manager', managerKey }), key: signingKey };
}

const sign = <T extends StaffVersion>(doc: T, by: string, key: SigningKey) =>
  signStaff({ ...doc, updatedAt: clock.tick() }, by, key);
const ids = (docs: StaffVersion[]) => docs.map((d) => d.id).sort();

describe('manager keys', () => {
  it('unlocks only with the password, for the record it was made for', async () => {
    const m = await manager('m1');
    expect(await unlockManagerKey('m1', m.doc.managerKey!, 'zhou2580')).not.toBeNull();
    expect(await unlockManagerKey('m1', m.doc.managerKey!, 'zhou2581')).toBeNull();
    // The same encrypted key moved onto another record does not open there.
    expect(await unlockManagerKey('m2', m.doc.managerKey!, 'zhou2580')).toBeNull();
    const rewrapped = await rewrapManagerKey('m1', m.doc.managerKey!, 'zhou2580', 'li369abc', FAST);
    expect(rewrapped!.publicKey).toBe(m.doc.managerKey!.publicKey);
    expect(await unlockManagerKey('m1', rewrapped!, 'li369abc')).not.toBeNull();
    expect(await unlockManagerKey('m1', rewrapped!, 'zhou2580')).toBeNull();
    expect(
      await rewrapManagerKey('m1', m.doc.managerKey!, 'wrong123', 'li369abc', FAST),
    ).toBeNull();
  });

  it('signs every field, the deletion flag and updatedAt, but not the grant itself', async () => {
    const doc = record('r1');
    expect(signedText(doc)).toContain(`"updatedAt":"${doc.updatedAt}"`);
    expect(signedText({ ...doc, _deleted: true })).not.toBe(signedText(doc));
    expect(signedText({ ...doc, grant: { by: 'x', signature: '0'.repeat(128) } })).toBe(
      signedText(doc),
    );
  });
});

describe('judging staff changes', () => {
  it("takes a centre's first manager key once, and then only keys a known manager signed", async () => {
    const m1 = await manager('m1');
    const root = await sign(m1.doc, 'm1', m1.key);
    const first = await judgeStaffChanges([root], new Map(), 'firstRoot');
    expect(first).toMatchObject({ refused: [], root: { id: 'm1' } });

    const known = new Map([['m1', root]]);
    const intruder = await manager('x1');
    const self = await sign(intruder.doc, 'x1', intruder.key);
    const refused = await judgeStaffChanges([self], known, 'chain');
    expect(refused.accepted).toEqual([]);
    expect(refused.refused[0]!.reason).toMatch(/must be signed by another manager/);
    // A second self-signed first key in one batch: only the first is the root.
    const twice = await judgeStaffChanges([root, self], new Map(), 'firstRoot');
    expect(ids(twice.accepted)).toEqual(['m1']);

    const m2 = await manager('m2');
    const byRoot = await sign(m2.doc, 'm1', m1.key);
    const byNew = await sign(record('r1'), 'm2', m2.key);
    // In either order: the record signed by the new manager waits for the new manager's own.
    for (const batch of [
      [byNew, byRoot],
      [byRoot, byNew],
    ]) {
      const judged = await judgeStaffChanges(batch, known, 'chain');
      expect(judged.refused).toEqual([]);
      expect(ids(judged.accepted)).toEqual(['m2', 'r1']);
    }
  });

  it('refuses what is unsigned, altered after signing, signed by a non-manager or sent again', async () => {
    const m1 = await manager('m1');
    const root = await sign(m1.doc, 'm1', m1.key);
    const r1 = await sign(record('r1'), 'm1', m1.key);
    const r2 = await sign(record('r2'), 'm1', m1.key);
    const known = new Map<string, StaffVersion>([
      ['m1', root],
      ['r1', r1],
      ['r2', r2],
    ]);
    const { grant, ...unsigned } = await sign({ ...r1, role: 'manager' as const }, 'm1', m1.key);
    void grant;
    const altered = { ...(await sign(r1, 'm1', m1.key)), role: 'manager' as const };
    // A receptionist with a key of their own making signs a colleague's record.
    const receptionKey = (await manager('r2')).key;
    const byReception = await sign({ ...r1, name: 'x' }, 'r2', receptionKey);
    const newer = await sign({ ...r1, active: false }, 'm1', m1.key);
    const judged = await judgeStaffChanges([unsigned as StaffVersion], known, 'chain');
    expect(judged.refused[0]!.reason).toMatch(/not signed by a manager/);
    expect((await judgeStaffChanges([altered], known, 'chain')).refused[0]!.reason).toMatch(
      /does not match its content/,
    );
    expect((await judgeStaffChanges([byReception], known, 'chain')).refused[0]!.reason).toMatch(
      /not an active manager/,
    );
    // The deactivation is known; the earlier, validly signed version is refused as stale.
    const replay = await judgeStaffChanges([r1], new Map([...known, ['r1', newer]]), 'chain');
    expect(replay.refused).toEqual([expect.objectContaining({ id: 'r1', stale: true })]);
  });

  it('refuses what a manager signs in the batch that removes that manager', async () => {
    const m1 = await manager('m1');
    const m2 = await manager('m2');
    const known = new Map<string, StaffVersion>([
      ['m1', await sign(m1.doc, 'm1', m1.key)],
      ['m2', await sign(m2.doc, 'm1', m1.key)],
    ]);
    const removed = await sign({ ...m2.doc, active: false }, 'm1', m1.key);
    const byRemoved = await sign(record('r9'), 'm2', m2.key);
    const judged = await judgeStaffChanges([byRemoved, removed], known, 'chain');
    expect(ids(judged.accepted)).toEqual(['m2']);
    expect(judged.refused[0]!.reason).toMatch(/not an active manager/);
  });

  it("lets a desk with no staff take the district's records as one set, managers signing each other", async () => {
    const m1 = await manager('m1');
    const m2 = await manager('m2');
    const set = [
      await sign(m1.doc, 'm2', m2.key),
      await sign(m2.doc, 'm1', m1.key),
      await sign(record('r1'), 'm2', m2.key),
    ];
    const judged = await judgeStaffChanges(set, new Map(), 'set');
    expect(judged.refused).toEqual([]);
    expect(ids(judged.accepted)).toEqual(['m1', 'm2', 'r1']);
    // A desk that already has its staff does not take a new set of managers this way.
    const later = await judgeStaffChanges(set, new Map([['r7', record('r7')]]), 'legacy');
    expect(later.accepted).toEqual([]);
  });

  it('lets a manager known from before keys take a first key on a desk, but not on the district once it has one', async () => {
    const m1 = await manager('m1');
    const legacy = record('m1', { role: 'manager' });
    const upgraded = await sign(m1.doc, 'm1', m1.key);
    const known = new Map([['m1', legacy]]);
    expect(ids((await judgeStaffChanges([upgraded], known, 'legacy')).accepted)).toEqual(['m1']);
    expect((await judgeStaffChanges([upgraded], known, 'chain')).accepted).toEqual([]);
  });
});
