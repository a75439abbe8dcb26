import { map, type Observable } from 'rxjs';
import {
  validateRules,
  withDefaults,
  type CentreRules,
  type RulesError,
} from '../../shared/rules/settings';
import type { Desk } from './desk';
import { requirePermission } from './staff';

const RULES_ID = 'centre-rules';

/**
 * The centre's rules (ratio limits, times, outbreak thresholds…): the defaults, overridden by what
 * the manager set on this desk. The district's pushed rules take this place once it sends them.
 */
export function rules$(desk: Desk): Observable<CentreRules> {
  return desk.db
    .getLocal$<Partial<CentreRules>>(RULES_ID)
    .pipe(map((doc) => withDefaults(doc?.toJSON().data as Partial<CentreRules> | undefined)));
}

export async function loadRules(desk: Desk): Promise<CentreRules> {
  return withDefaults(
    (await desk.db.getLocal<Partial<CentreRules>>(RULES_ID))?.toJSON().data as
      Partial<CentreRules> | undefined,
  );
}

export async function saveRules(
  desk: Desk,
  rules: CentreRules,
): Promise<{ ok: true } | { ok: false; errors: RulesError[] }> {
  requirePermission(desk, 'manageStaff');
  const checked = validateRules(rules);
  if (!checked.ok) return checked;
  await desk.db.upsertLocal(RULES_ID, { ...checked.value });
  return { ok: true };
}
