import type { DailyRules } from './dailySettings';
import type { CentreRules } from './settings';

/**
 * Rules take effect from a date (issue 15, point 8). The district's one `rules` document keeps
 * every version it published, each with the day it takes effect, so that a claim prices each meal
 * by the rule in force on the day it was served, on the desk and at the district alike.
 *
 * The document's `settings` stay readable by desks that know nothing of versions: at its top level
 * they are the settings in force on the day of publishing (what such a desk applies), and under
 * `versions` is the dated list. A document written before versions (no `versions`) is one version
 * in force since always.
 */

/** What a rules document carries: centre rules (settings.ts) and, under `daily`, daily rules. */
export type PublishedSettings = Partial<CentreRules> & { daily?: Partial<DailyRules> };

export interface RulesVersion {
  /** The first day (YYYY-MM-DD) it is in force; '' for "since always" (a document from before). */
  effectiveFrom: string;
  /** When the district published it (ISO time): of two versions from the same day, the later wins. */
  publishedAt: string;
  title: string;
  settings: PublishedSettings;
}

/** A rules document as stored (shared/schemas/district.ts), read loosely: it comes from outside. */
export interface RulesDocLike {
  title: string;
  publishedAt: string;
  settings?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The settings without the version list (what one version says). */
export function bareSettings(settings: Record<string, unknown> | undefined): PublishedSettings {
  const rest = { ...(settings ?? {}) };
  delete rest.versions;
  delete rest.effectiveFrom;
  return rest as PublishedSettings;
}

/** Every version a rules document holds, oldest first by (effectiveFrom, publishedAt). */
export function versionsOf(doc: RulesDocLike | null | undefined): RulesVersion[] {
  if (!doc) return [];
  const settings = isObject(doc.settings) ? doc.settings : undefined;
  const listed = settings?.versions;
  if (!Array.isArray(listed)) {
    // A document from before versions: in force since always.
    return [
      {
        effectiveFrom: '',
        publishedAt: doc.publishedAt,
        title: doc.title,
        settings: bareSettings(settings),
      },
    ];
  }
  return listed
    .filter(
      (v): v is RulesVersion =>
        isObject(v) &&
        typeof v.effectiveFrom === 'string' &&
        (v.effectiveFrom === '' || DAY.test(v.effectiveFrom)) &&
        typeof v.publishedAt === 'string' &&
        isObject(v.settings),
    )
    .map((v) => ({
      effectiveFrom: v.effectiveFrom,
      publishedAt: v.publishedAt,
      title: typeof v.title === 'string' ? v.title : doc.title,
      settings: bareSettings(v.settings as Record<string, unknown>),
    }))
    .sort(
      (a, b) =>
        a.effectiveFrom.localeCompare(b.effectiveFrom) ||
        a.publishedAt.localeCompare(b.publishedAt),
    );
}

/** The version in force on `day`: the latest that took effect on or before it; null before any. */
export function versionOn(versions: readonly RulesVersion[], day: string): RulesVersion | null {
  let found: RulesVersion | null = null;
  for (const v of versions) if (v.effectiveFrom <= day) found = v; // sorted oldest first
  return found;
}

/** The version taking effect after `day`, if one is published (shown as "from … on"). */
export function nextVersion(versions: readonly RulesVersion[], day: string): RulesVersion | null {
  return versions.find((v) => v.effectiveFrom > day) ?? null;
}

/**
 * The periods of a span of days, each with the version in force: [from, to] (inclusive) within
 * `first`…`last`. A span before any version has `version: null` (the defaults).
 */
export function periodsWithin(
  versions: readonly RulesVersion[],
  first: string,
  last: string,
): { from: string; version: RulesVersion | null }[] {
  const periods = [{ from: first, version: versionOn(versions, first) }];
  for (const v of versions) {
    if (v.effectiveFrom <= first || v.effectiveFrom > last) continue;
    const current = versionOn(versions, v.effectiveFrom);
    const prev = periods[periods.length - 1]!;
    if (prev.from === v.effectiveFrom) prev.version = current;
    else periods.push({ from: v.effectiveFrom, version: current });
  }
  return periods;
}

/**
 * The `settings` of a rules document after publishing `next`: at the top level the settings in
 * force on `today` (what a desk that knows no versions applies), and every version kept.
 */
export function settingsWithVersion(
  before: RulesDocLike | null,
  next: RulesVersion,
  today: string,
): Record<string, unknown> {
  const versions = [...versionsOf(before), next].sort(
    (a, b) =>
      a.effectiveFrom.localeCompare(b.effectiveFrom) || a.publishedAt.localeCompare(b.publishedAt),
  );
  const now = versionOn(versions, today);
  return { ...(now?.settings ?? {}), versions };
}
