import { CHILD_CLASSES, type ChildClass } from '../schemas/members';
import type { CentreRules } from './settings';

export interface ClassRatio {
  childClass: ChildClass;
  children: number;
  staff: number;
  limit: number;
  /** Staff needed for this many children at the limit. */
  staffNeeded: number;
  ok: boolean;
}

/** Children and assigned staff in the building, per class, against the ratio limits. */
export function classRatios(
  children: readonly { childClass?: ChildClass | undefined }[],
  staff: readonly { childClass?: ChildClass | undefined }[],
  limits: CentreRules['ratioLimits'],
): ClassRatio[] {
  return CHILD_CLASSES.map((childClass) => {
    const nChildren = children.filter((c) => c.childClass === childClass).length;
    const nStaff = staff.filter((s) => s.childClass === childClass).length;
    const limit = limits[childClass];
    const staffNeeded = Math.ceil(nChildren / limit);
    return {
      childClass,
      children: nChildren,
      staff: nStaff,
      limit,
      staffNeeded,
      ok: nStaff >= staffNeeded,
    };
  }).filter((r) => r.children > 0 || r.staff > 0);
}
