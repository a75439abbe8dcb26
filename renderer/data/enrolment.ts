import { UNENROLLED_CENTRE_ID } from '../../shared/schemas';
import { deskCollections, saveSettings, type Desk } from './desk';
import { moveStaffToCentre } from './staff';

/**
 * A desk may be used before it is enrolled; its records wait under the "unenrolled" centre. On
 * enrolment they move to the real centre, before the first sync, so they go up with it. Staff
 * records go first: each is signed again by the manager enrolling the desk, and without one
 * logged in nothing moves.
 */
export async function adoptCentre(
  desk: Desk,
  enrolment: { centreId: string; centreName: string; deviceId: string; districtUrl: string },
): Promise<number> {
  const collections = deskCollections(desk);
  let moved = collections.includes('staff') ? await moveStaffToCentre(desk, enrolment.centreId) : 0;
  for (const name of collections) {
    if (name === 'staff') continue;
    const collection = desk.db.collections[name];
    const docs = await collection.find({ selector: { centreId: UNENROLLED_CENTRE_ID } }).exec();
    for (const doc of docs) {
      await doc.incrementalPatch({
        centreId: enrolment.centreId,
        updatedAt: desk.clock.tick(),
        updatedBy: desk.actor(),
      } as never);
      moved++;
    }
  }
  Object.assign(desk.settings, enrolment);
  await saveSettings(desk.db, desk.settings);
  return moved;
}
