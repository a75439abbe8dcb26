import { combineLatest, map, type Observable } from 'rxjs';
import { newId } from '../../shared/ids';
import {
  admissionProblem,
  checkConcerns,
  healthFlags,
  type HealthFlag,
} from '../../shared/rules/alerts';
import type { HealthDoc } from '../../shared/schemas';
import { localDay } from '../../shared/time';
import { audit } from './audit';
import type { Desk } from './desk';
import { plain } from './plain';
import { loadRules, rules$ } from './rules';
import { requirePermission } from './staff';

export type HealthCheckInput = Pick<
  HealthDoc,
  | 'kind'
  | 'memberId'
  | 'temperature'
  | 'observations'
  | 'symptoms'
  | 'medicine'
  | 'outcome'
  | 'overrideReason'
  | 'note'
>;

/**
 * A check that found a fever, a symptom or something abnormal was to be stored as 正常入班 without
 * the health worker's reason (`overrideReasonNeeded`), or with one too long; nothing was stored.
 */
export class HealthCheckRefused extends Error {
  readonly field = 'overrideReason';
  constructor(readonly problem: 'overrideReasonNeeded' | 'overrideReasonTooLong') {
    super(`health:${problem}`);
  }
}

/** A child's morning or noon check, by the health worker (or a manager). */
export async function recordHealthCheck(
  desk: Desk,
  input: HealthCheckInput,
  at = new Date(),
): Promise<HealthDoc> {
  const staff = requirePermission(desk, 'viewHealth');
  if (input.temperature !== undefined && !(input.temperature >= 34 && input.temperature <= 43))
    throw new Error('temperatureRange');
  // Not trusted from the screen: a child with a fever or a symptom goes in as normal only with a
  // reason (shared/rules/alerts.ts), by the centre's fever rule in force.
  const { feverFrom } = await loadRules(desk);
  const reason = input.overrideReason?.trim();
  const problem = admissionProblem({ ...input, overrideReason: reason }, feverFrom);
  if (problem) throw new HealthCheckRefused(problem);
  // A reason is kept only where it overrides something: a normal entry despite what was found.
  const overrides = input.outcome === 'admitted' && checkConcerns(input, feverFrom).length > 0;
  input = { ...input, overrideReason: overrides ? reason : undefined };
  const doc: HealthDoc = {
    id: newId(),
    centreId: desk.settings.centreId,
    createdAt: at.toISOString(),
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
    day: localDay(at),
    at: at.toISOString(),
    by: staff.id,
    ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== '')),
    kind: input.kind,
    memberId: input.memberId,
  };
  if (doc.temperature !== undefined) doc.temperature = Math.round(doc.temperature * 10) / 10;
  await desk.db.health.insert(doc);
  await audit(desk, {
    action: 'sensitive.change',
    subjectCollection: 'health',
    subjectId: doc.id,
    fields: Object.entries(input)
      .filter(([k, v]) => k !== 'kind' && k !== 'memberId' && v !== undefined && v !== '')
      .map(([k]) => k),
  });
  return doc;
}

/** The health checks recorded from day `from` to day `to` (both included), as they change. */
export function healthChecks$(desk: Desk, from: string, to: string): Observable<HealthDoc[]> {
  return desk.db.health
    .find({ selector: { day: { $gte: from, $lte: to } } })
    .$.pipe(map((docs) => plain(docs)));
}

/**
 * The children flagged by today's checks (a fever, a symptom or something abnormal), with the
 * override reason when admitted as normal: for the in-building list, the home screen's alerts and
 * the manager, on every desk once the checks have synced. Derived from the day's health documents.
 */
export function healthFlags$(desk: Desk, day: string): Observable<Map<string, HealthFlag>> {
  return combineLatest([healthChecks$(desk, day, day), rules$(desk)]).pipe(
    map(([checks, rules]) => healthFlags(checks, rules.feverFrom)),
  );
}

/** One person's checks that found something, newest first (their health record). */
export function flaggedChecksOf$(
  desk: Desk,
  memberId: string,
  since: string,
): Observable<HealthFlag[]> {
  requirePermission(desk, 'viewHealth');
  return combineLatest([
    desk.db.health
      .find({ selector: { memberId, day: { $gte: since } } })
      .$.pipe(map((docs) => plain(docs))),
    rules$(desk),
  ]).pipe(
    map(([checks, rules]) =>
      checks
        .map((c) => healthFlags([c], rules.feverFrom).get(c.memberId))
        .filter((f): f is HealthFlag => f !== undefined)
        .sort((a, b) => b.at.localeCompare(a.at)),
    ),
  );
}
