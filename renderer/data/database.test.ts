import { afterEach, describe, expect, it } from 'vitest';
import { PERSONAL_RECORDS } from '../testing/personal-records';
import { simulatedMachine } from '../testing/node-desk';
import type { Desk } from './desk';

/** A member whose `kind` no schema version allows. */
const badMember = (id: string) => ({ ...PERSONAL_RECORDS.members[0]!, id, kind: 'robot' });

/** One raw write to the members' storage, as RxDB's own code makes it with this context. */
async function rawWrite(desk: Desk, id: string, context: string) {
  return desk.db.collections.members.storageInstance.bulkWrite(
    [
      {
        document: { ...badMember(id), _meta: { lwt: Date.now() }, _rev: '1-x', _attachments: {} },
      },
    ] as never,
    context,
  );
}

describe('schema validation of the desk store', () => {
  let desk: Desk | undefined;
  afterEach(async () => {
    await desk?.db.close();
    desk = undefined;
  });

  it('refuses what this desk writes against the schema, and stores what a pull brings without checking it again', async () => {
    desk = await simulatedMachine({ collections: ['members'] }).open();
    const members = desk.db.collections.members;

    await expect(members.insert(badMember('local') as never)).rejects.toThrow(/kind/);
    const other = await rawWrite(desk, 'other', 'rx-collection-bulk-upsert');
    expect(other.error.map((e) => e.status)).toEqual([422]);

    // The district validated what it serves (server/sync/collections.ts): a pull's writes skip
    // the desk's own check, which cost over a third of a new desk's initial sync.
    const pulled = await rawWrite(desk, 'pulled', 'replication-downstream-cocare:test');
    expect(pulled.error).toEqual([]);
    expect((await members.findByIds(['local', 'other', 'pulled']).exec()).size).toBe(1);
  });
});
