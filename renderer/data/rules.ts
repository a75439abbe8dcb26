import { combineLatest, map, of, type Observable } from 'rxjs';
import {
  mergeRules,
  rulePaths,
  validateRules,
  withDefaults,
  type CentreRules,
  type RulesError,
} from '../../shared/rules/settings';
import { DISTRICT_RULES_ID, type DistrictDoc } from '../../shared/schemas';
import type { Desk } from './desk';
import { requirePermission } from './staff';

const RULES_ID = 'centre-rules';

/** The rules in force on this desk, and which of them the district decides. */
export interface RulesInForce {
  rules: CentreRules;
  /** Dotted paths set by the district's push: read-only on the desk. */
  fromDistrict: string[];
  /** The district's push, when there is one in force. */
  district: { title: string; publishedAt: string } | null;
  /** A push whose figures fail the checks is not applied; these say why. */
  districtProblems: RulesError[];
}

function districtRulesDoc$(desk: Desk): Observable<DistrictDoc | null> {
  const collection = desk.db.collections.district;
  if (!collection) return of(null);
  return collection
    .findOne(DISTRICT_RULES_ID)
    .$.pipe(map((doc) => (doc ? (doc.toJSON() as DistrictDoc) : null)));
}

export function inForce(
  own: Partial<CentreRules> | undefined,
  pushed: DistrictDoc | null,
): RulesInForce {
  const settings =
    pushed?.kind === 'rules' ? (pushed.settings as Partial<CentreRules> | undefined) : undefined;
  if (!pushed || !settings) {
    return { rules: withDefaults(own), fromDistrict: [], district: null, districtProblems: [] };
  }
  const checked = validateRules(mergeRules(own, settings));
  if (!checked.ok) {
    return {
      rules: withDefaults(own),
      fromDistrict: [],
      district: null,
      districtProblems: checked.errors,
    };
  }
  return {
    rules: checked.value,
    fromDistrict: rulePaths(settings),
    district: { title: pushed.title, publishedAt: pushed.publishedAt },
    districtProblems: [],
  };
}

/**
 * The centre's rules (ratio limits, times, outbreak thresholds…): the defaults, overridden by what
 * the manager set on this desk, overridden in turn by what the district pushed (after sync).
 */
export function rulesInForce$(desk: Desk): Observable<RulesInForce> {
  return combineLatest([
    desk.db.getLocal$<Partial<CentreRules>>(RULES_ID),
    districtRulesDoc$(desk),
  ]).pipe(
    map(([own, pushed]) => inForce(own?.toJSON().data as Partial<CentreRules> | undefined, pushed)),
  );
}

export function rules$(desk: Desk): Observable<CentreRules> {
  return rulesInForce$(desk).pipe(map((r) => r.rules));
}

export async function loadRules(desk: Desk): Promise<CentreRules> {
  const own = (await desk.db.getLocal<Partial<CentreRules>>(RULES_ID))?.toJSON().data as
    Partial<CentreRules> | undefined;
  const pushed = (await desk.db.collections.district?.findOne(DISTRICT_RULES_ID).exec()) ?? null;
  return inForce(own, pushed ? (pushed.toJSON() as DistrictDoc) : null).rules;
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
