import { firstValueFrom, map, skip, type Observable } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { MemberDoc } from '../../shared/schemas';
import { PERSONAL_RECORDS } from '../testing/personal-records';
import { simulatedMachine } from '../testing/node-desk';
import type { Desk } from './desk';
import { plain } from './plain';

describe('plain documents', () => {
  let desk: Desk | undefined;
  afterEach(async () => {
    await desk?.db.close();
    desk = undefined;
  });

  it('hands the screens the same object for a document that did not change, and a new one for a new version', async () => {
    desk = await simulatedMachine({ collections: ['members'] }).open();
    const [first, second] = PERSONAL_RECORDS.members as MemberDoc[];
    await desk.db.members.bulkInsert([first!, second!]);
    const members$: Observable<MemberDoc[]> = desk.db.members
      .find({ sort: [{ id: 'asc' }] })
      .$.pipe(map((docs) => plain(docs)));

    const before = await firstValueFrom(members$);
    const after = firstValueFrom(members$.pipe(skip(1)));
    await desk.db.members
      .findOne(second!.id)
      .exec()
      .then((d) => d!.incrementalPatch({ note: '新的备注' }));
    const [unchanged, changed] = await after;

    // A memoised row of the first person (check-in's PresentRow) does not render again.
    expect(unchanged).toBe(before[0]);
    expect(changed).not.toBe(before[1]);
    expect(changed!.note).toBe('新的备注');
    expect(before[1]!.note).toBe(second!.note);
  });
});
