import { combineLatest, map, of, type Observable } from 'rxjs';
import {
  mergeRules,
  rulePaths,
  validateRules,
  withDefaults,
  type CentreRules,
  type RulesError,
} from '../../shared/rules/settings';
import {
  validateDailyRules,
  withDailyDefaults,
  type DailyRules,
  type DailyRulesError,
} from '../../shared/rules/dailySettings';
import {
  nextVersion,
  versionOn,
  versionsOf,
  type PublishedSettings,
  type RulesVersion,
} from '../../shared/rules/ruleVersions';
import { DISTRICT_RULES_ID, type DistrictDoc } from '../../shared/schemas';
import { localDay } from '../../shared/time';
import type { Desk } from './desk';
import { plainDoc } from './plain';
import { requirePermission } from './staff';

const RULES_ID = 'centre-rules';

/** The rules in force on this desk, and which of them the district decides. */
export interface RulesInForce {
  rules: CentreRules;
  /** Dotted paths set by the district's push: read-only on the desk. */
  fromDistrict: string[];
  /** The district's push, when there is one in force (since `effectiveFrom`, '' since always). */
  district: { title: string; publishedAt: string; effectiveFrom: string } | null;
  /** A push whose figures fail the checks is not applied; these say why. */
  districtProblems: RulesError[];
  /** Rules the district published that take effect on a later day. */
  upcoming: { title: string; effectiveFrom: string } | null;
}

function districtRulesDoc$(desk: Desk): Observable<DistrictDoc | null> {
  const collection = desk.db.collections.district;
  if (!collection) return of(null);
  return collection.findOne(DISTRICT_RULES_ID).$.pipe(map((doc) => (doc ? plainDoc(doc) : null)));
}

/** The district's versions of its rules (shared/rules/ruleVersions.ts); none without a push. */
const versionsPushed = (pushed: DistrictDoc | null): RulesVersion[] =>
  pushed?.kind === 'rules' ? versionsOf(pushed) : [];

const upcomingOf = (versions: RulesVersion[], day: string) => {
  const next = nextVersion(versions, day);
  return next ? { title: next.title, effectiveFrom: next.effectiveFrom } : null;
};

/** The centre rules in force on `day` (today by default): the district's version of that day. */
export function inForce(
  own: Partial<CentreRules> | undefined,
  pushed: DistrictDoc | null,
  day = localDay(new Date()),
): RulesInForce {
  const versions = versionsPushed(pushed);
  const version = versionOn(versions, day);
  const upcoming = upcomingOf(versions, day);
  // `daily` carries the rules of daily operations (dailyInForce below), not centre rules.
  const settings: PublishedSettings = { ...version?.settings };
  delete settings.daily;
  if (!version || Object.keys(settings).length === 0) {
    return {
      rules: withDefaults(own),
      fromDistrict: [],
      district: null,
      districtProblems: [],
      upcoming,
    };
  }
  const checked = validateRules(mergeRules(own, settings));
  if (!checked.ok) {
    return {
      rules: withDefaults(own),
      fromDistrict: [],
      district: null,
      districtProblems: checked.errors,
      upcoming,
    };
  }
  return {
    rules: checked.value,
    fromDistrict: rulePaths(settings),
    district: {
      title: version.title,
      publishedAt: version.publishedAt,
      effectiveFrom: version.effectiveFrom,
    },
    districtProblems: [],
    upcoming,
  };
}

/** The daily rules in force (meal subsidies, visit frequencies, food samples), and whence. */
export interface DailyRulesInForce {
  rules: DailyRules;
  /** The district's push that set them, when one does. */
  district: { title: string; publishedAt: string } | null;
  /** A push whose figures fail the checks is not applied; these say why. */
  districtProblems: DailyRulesError[];
}

/**
 * The district decides the daily rules: its push (`settings.daily` of the rules document) over the
 * defaults of shared/rules/dailySettings.ts. A push the checks refuse leaves the defaults in force.
 */
export function dailyInForce(
  pushed: DistrictDoc | null,
  day = localDay(new Date()),
): DailyRulesInForce {
  const version = versionOn(versionsPushed(pushed), day);
  const daily = version?.settings.daily;
  const defaults = { rules: withDailyDefaults(undefined), district: null, districtProblems: [] };
  if (!version || !daily || typeof daily !== 'object') return defaults;
  let checked: ReturnType<typeof validateDailyRules>;
  try {
    checked = validateDailyRules(withDailyDefaults(daily));
  } catch {
    // A shape the checks cannot even read (a list where a table belongs…).
    return { ...defaults, districtProblems: [{ field: 'daily', problem: 'unknown' }] };
  }
  if (!checked.ok) return { ...defaults, districtProblems: checked.errors };
  return {
    rules: checked.value,
    district: { title: version.title, publishedAt: version.publishedAt },
    districtProblems: [],
  };
}

export function dailyRulesInForce$(desk: Desk): Observable<DailyRulesInForce> {
  return districtRulesDoc$(desk).pipe(map((pushed) => dailyInForce(pushed)));
}

/**
 * The daily rules of each day, as they change: a claim prices each meal by the rule in force on
 * the day it was served (issue 15, point 8), not by today's.
 */
export function dailyRulesByDay$(desk: Desk): Observable<(day: string) => DailyRules> {
  return districtRulesDoc$(desk).pipe(
    map((pushed) => {
      const cache = new Map<string, DailyRules>();
      return (day: string) => {
        let rules = cache.get(day);
        if (!rules) cache.set(day, (rules = dailyInForce(pushed, day).rules));
        return rules;
      };
    }),
  );
}

/** The daily rules in force on `day` (today by default). */
export async function loadDailyRules(desk: Desk, day?: string): Promise<DailyRules> {
  const pushed = (await desk.db.collections.district?.findOne(DISTRICT_RULES_ID).exec()) ?? null;
  return dailyInForce(pushed ? plainDoc(pushed) : null, day).rules;
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
    map(([own, pushed]) =>
      inForce(own?.toJSON().data as Partial<CentreRules> | undefined, pushed, localDay(new Date())),
    ),
  );
}

export function rules$(desk: Desk): Observable<CentreRules> {
  return rulesInForce$(desk).pipe(map((r) => r.rules));
}

export async function loadRules(desk: Desk): Promise<CentreRules> {
  const own = (await desk.db.getLocal<Partial<CentreRules>>(RULES_ID))?.toJSON().data as
    Partial<CentreRules> | undefined;
  const pushed = (await desk.db.collections.district?.findOne(DISTRICT_RULES_ID).exec()) ?? null;
  return inForce(own, pushed ? plainDoc(pushed) : null).rules;
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
