import { combineLatest, map, of, type Observable } from 'rxjs';
import { newId } from '../../shared/ids';
import { withDailyDefaults, type DailyRules } from '../../shared/rules/dailySettings';
import { inCare } from '../../shared/rules/people';
import {
  monthlyCompletion,
  nextDue,
  visitDuties,
  type Incident,
  type VisitCompletion,
  type VisitDue,
  type VisitListEntry,
  type VisitRecord,
} from '../../shared/rules/visits';
import type { VisitDoc } from '../../shared/schemas';
import type { RiskLevel } from '../../shared/schemas/members';
import { VISIT_FINDINGS, listingId } from '../../shared/schemas/visits';
import { CareInputError, checkVisit, type VisitInput } from '../../shared/validation/care';
import { localDay } from '../../shared/time';
import { audit } from './audit';
import type { Desk } from './desk';
import { peopleOnRecord$, type VisibleMember } from './people';
import { plain } from './plain';
import { dailyRulesInForce$ } from './rules';
import { requirePermission } from './staff';

/** The visit rules of a set of daily rules, over the defaults (shared/rules/dailySettings.ts). */
export const visitRules = (stored?: Partial<DailyRules>): DailyRules['visits'] =>
  withDailyDefaults(stored).visits;

/** The visit rules in force on this desk (the district's push), or the ones a caller gives. */
const visitRules$ = (desk: Desk, given?: DailyRules['visits']) =>
  given ? of(given) : dailyRulesInForce$(desk).pipe(map((r) => r.rules.visits));

const stamp = (desk: Desk, at: Date) => ({
  centreId: desk.settings.centreId,
  createdAt: at.toISOString(),
  updatedAt: desk.clock.tick(),
  updatedBy: desk.actor(),
});

/**
 * Puts an elder on the visit list with a risk level, or changes their risk (or lists them again
 * after they were taken off). One listing document per elder: see shared/schemas/visits.ts.
 */
export async function listElder(
  desk: Desk,
  input: { memberId: string; risk: RiskLevel; listedOn?: string },
  at = new Date(),
): Promise<VisitDoc> {
  const staff = requirePermission(desk, 'recordVisits');
  const member = await desk.db.members.findOne(input.memberId).exec();
  if (!member || member.kind !== 'elder' || !inCare(member))
    throw new CareInputError([{ field: 'memberId', problem: 'unknownValue' }]);
  const day = input.listedOn || localDay(at);
  if (day > localDay(at)) throw new CareInputError([{ field: 'listedOn', problem: 'future' }]);
  const existing = await desk.db.visits.findOne(listingId(input.memberId)).exec();
  const change = { risk: input.risk, from: day, by: staff.id };
  if (!existing) {
    const doc: VisitDoc = {
      id: listingId(input.memberId),
      ...stamp(desk, at),
      kind: 'listing',
      memberId: input.memberId,
      risk: input.risk,
      listedOn: day,
      riskHistory: [change],
    };
    await desk.db.visits.insert(doc);
    return doc;
  }
  const relisted = existing.offListOn !== undefined;
  if (!relisted && existing.risk === input.risk) return existing.toMutableJSON();
  const updated = await existing.incrementalModify((doc) => {
    const next = {
      ...doc,
      risk: input.risk,
      riskHistory: [...(doc.riskHistory ?? []), change].slice(-200),
      updatedAt: desk.clock.tick(),
      updatedBy: desk.actor(),
    };
    if (relisted) {
      delete next.offListOn;
      next.listedOn = day;
    }
    return next;
  });
  return updated.toMutableJSON();
}

/** Takes an elder off the visit list (moved away, now in residential care…); history stays. */
export async function takeOffList(desk: Desk, memberId: string, at = new Date()) {
  requirePermission(desk, 'recordVisits');
  const existing = await desk.db.visits.findOne(listingId(memberId)).exec();
  if (!existing || existing.offListOn) return;
  await existing.incrementalPatch({
    offListOn: localDay(at),
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
  });
}

/**
 * Records a visit or call. Checked first (shared/validation/care.ts): a `CareInputError` names each
 * field that is wrong, and nothing is stored. What the visit found is sensitive: its change is
 * audited by field name.
 */
export async function recordVisit(desk: Desk, input: VisitInput, now = new Date()) {
  const staff = requirePermission(desk, 'recordVisits');
  const errors = checkVisit(input, now);
  if (errors.length) throw new CareInputError(errors);
  const listing = await desk.db.visits.findOne(listingId(input.memberId)).exec();
  if (!listing) throw new CareInputError([{ field: 'memberId', problem: 'unknownValue' }]);
  const findings = Object.fromEntries(
    VISIT_FINDINGS.flatMap((f) => {
      const text = input.findings?.[f]?.trim();
      return text ? [[f, text]] : [];
    }),
  );
  const doc: VisitDoc = {
    id: newId(),
    ...stamp(desk, now),
    kind: 'visit',
    memberId: input.memberId,
    visitKind: input.visitKind,
    at: input.at.toISOString(),
    visitedBy: staff.id,
    reached: input.reached,
    ...(input.visitorName?.trim() ? { visitorName: input.visitorName.trim() } : {}),
    ...(input.nextDueOn ? { nextDueOn: input.nextDueOn } : {}),
    ...findings,
  };
  await desk.db.visits.insert(doc);
  if (Object.keys(findings).length)
    await audit(desk, {
      action: 'sensitive.change',
      subjectCollection: 'visits',
      subjectId: doc.id,
      fields: Object.keys(findings),
    });
  return doc;
}

/** An elder on the list as the screens show them: the listing and the member. */
export interface ListedElder {
  listing: VisitDoc;
  member: VisibleMember;
}

interface VisitData {
  listed: ListedElder[];
  visits: VisitRecord[];
  incidents: Incident[];
}

const toRecord = (d: VisitDoc): VisitRecord => ({
  id: d.id,
  centreId: d.centreId,
  memberId: d.memberId,
  kind: d.visitKind!,
  at: d.at!,
  visitedBy: d.visitedBy!,
  ...(d.reached !== undefined ? { reached: d.reached } : {}),
  ...(d.nextDueOn ? { nextDueOn: d.nextDueOn } : {}),
});

/**
 * The listings, visits and incidents the visit rules read. Incidents come from the care records
 * as an elder's id and a time only (the 24-hour rule), never their details, so staff who keep the
 * visit list without the health permission see that a visit is due after an incident, not what
 * happened.
 */
function visitData$(desk: Desk): Observable<VisitData> {
  const docs$ = desk.db.visits.find().$.pipe(map(plain));
  const members$ = peopleOnRecord$(desk, 'elder').pipe(
    map((elders) => new Map(elders.map((m) => [m.id, m]))),
  );
  const incidents$ = desk.db.care
    .find({ selector: { kind: 'incident' } })
    .$.pipe(map((d) => d.map((x) => ({ id: x.id, memberId: x.memberId, at: x.at }))));
  return combineLatest([docs$, members$, incidents$]).pipe(
    map(([docs, members, incidents]) => ({
      listed: docs.flatMap((listing) => {
        const member = members.get(listing.memberId);
        return listing.kind === 'listing' && member ? [{ listing, member }] : [];
      }),
      visits: docs.filter((d) => d.kind === 'visit' && d.visitKind && d.at).map(toRecord),
      incidents,
    })),
  );
}

const onList = (l: ListedElder, from: string): boolean =>
  l.listing.offListOn === undefined || l.listing.offListOn >= from;

const entry = ({ listing }: ListedElder): VisitListEntry => ({
  memberId: listing.memberId,
  risk: listing.risk!,
  ...(listing.listedOn ? { listedOn: listing.listedOn } : {}),
});

export interface DueElder extends VisitDue {
  member: VisibleMember;
  daysOverdue?: number | null;
}

export interface VisitDuties {
  overdue: DueElder[];
  dueThisWeek: DueElder[];
  /** Everyone on the list now, soonest due first. */
  listed: (ListedElder & { due: VisitDue })[];
  /** Each listed elder's visits, newest first. */
  visitsOf: Map<string, VisitRecord[]>;
}

function dutiesOf(data: VisitData, rules: DailyRules['visits'], today: string): VisitDuties {
  const current = data.listed.filter((l) => l.listing.offListOn === undefined);
  const byId = new Map(current.map((l) => [l.listing.memberId, l]));
  const entries = current.map(entry);
  const { overdue, dueThisWeek } = visitDuties(entries, data.visits, data.incidents, rules, today);
  const listed = entries
    .map((e) => ({ ...byId.get(e.memberId)!, due: nextDue(e, data.visits, data.incidents, rules) }))
    .sort((a, b) => (a.due.dueOn ?? '').localeCompare(b.due.dueOn ?? ''));
  const withMember = <T extends VisitDue>(d: T) => ({ ...d, member: byId.get(d.memberId)!.member });
  const visitsOf = new Map<string, VisitRecord[]>();
  for (const v of [...data.visits].sort((a, b) => b.at.localeCompare(a.at)))
    if (byId.has(v.memberId)) visitsOf.set(v.memberId, [...(visitsOf.get(v.memberId) ?? []), v]);
  return {
    overdue: overdue.map(withMember),
    dueThisWeek: dueThisWeek.map(withMember),
    listed,
    visitsOf,
  };
}

/** Overdue and due-this-week visits on `today`, and the whole list, as they change. */
export function visitDuties$(
  desk: Desk,
  today: string,
  rules?: DailyRules['visits'],
): Observable<VisitDuties> {
  return combineLatest([visitData$(desk), visitRules$(desk, rules)]).pipe(
    map(([data, inForce]) => dutiesOf(data, inForce, today)),
  );
}

/** The monthly completion rate ('yyyy-MM') of the visit list, as seen on `today`. */
export function monthlyCompletion$(
  desk: Desk,
  month: string,
  today: string,
  rules?: DailyRules['visits'],
): Observable<VisitCompletion & { names: Map<string, string> }> {
  return combineLatest([visitData$(desk), visitRules$(desk, rules)]).pipe(
    map(([data, inForce]) => {
      const listed = data.listed.filter((l) => onList(l, `${month}-01`));
      return {
        ...monthlyCompletion(listed.map(entry), data.visits, data.incidents, inForce, month, today),
        names: new Map(listed.map((l) => [l.member.id, l.member.name])),
      };
    }),
  );
}
