/**
 * Outbreaks across centres (issue 17, part 4; docs/API.md "Outbreaks"): the clusters the district
 * rule finds (shared/rules/districtOutbreak.ts) in the centres' synced illness absences and
 * health checks — symptom groups only, whatever the families consented to
 * (shared/rules/districtShare.ts) — worked out on every request, so a cluster is raised as soon as
 * the desk's sync has brought the case that makes it; the report to the disease-control centre
 * drafted from them; and each report sent, from the action log.
 */
import { addDays, format, parseISO } from 'date-fns';
import {
  findClusters,
  reportDue,
  type CentrePlace,
  type Cluster,
  type DistrictCase,
} from '../../shared/rules/districtOutbreak';
import { versionOn, versionsOf, type RulesDocLike } from '../../shared/rules/ruleVersions';
import { mergeRules, type CentreRules } from '../../shared/rules/settings';
import { SYMPTOMS, type Symptom } from '../../shared/schemas/absences';
import type { Queryable } from '../db/db';
import { HttpError } from '../errors';
import { listPublished } from '../publish';
import { FieldError } from './publishRequest';
import type {
  OutbreakCluster,
  OutbreakMonth,
  OutbreakReportDraft,
  OutbreakReportFields,
  OutbreaksResponse,
} from './types';

/** The rules in force on `day`: the district's published ones over the defaults. */
export async function clusterRules(db: Queryable, day: string): Promise<CentreRules> {
  const doc = (await listPublished(db)).find((d) => d.kind === 'rules') as
    (RulesDocLike & { kind: string }) | undefined;
  const settings = versionOn(versionsOf(doc ?? null), day)?.settings;
  return mergeRules(undefined, settings as Partial<CentreRules> | undefined);
}

const isSymptom = (s: unknown): s is Symptom =>
  typeof s === 'string' && (SYMPTOMS as readonly string[]).includes(s);

/**
 * The illness absences and the health checks with symptoms of `from`…`to`, as the rule reads
 * them, each with the time the district first received it.
 */
async function districtCases(db: Queryable, from: string, to: string): Promise<DistrictCase[]> {
  const { rows } = await db.query<{
    collection: 'absences' | 'health';
    centre_id: string;
    data: Record<string, unknown>;
    received_at: Date;
  }>(
    `SELECT d.collection, d.centre_id, d.data,
            coalesce((SELECT min(v.at) FROM document_versions v
                       WHERE v.collection = d.collection AND v.id = d.id),
                     d.server_updated_at) AS received_at
       FROM documents d
      WHERE d.collection IN ('absences', 'health') AND NOT d.deleted
        AND d.data->>'day' BETWEEN $1 AND $2`,
    [from, to],
  );
  const cases: DistrictCase[] = [];
  for (const r of rows) {
    const { data } = r;
    if (typeof data.memberId !== 'string' || typeof data.day !== 'string') continue;
    const illness = data.illness as { onset?: unknown; symptoms?: unknown } | undefined;
    const symptoms = (
      r.collection === 'absences'
        ? data.reason === 'illness' && Array.isArray(illness?.symptoms)
          ? illness.symptoms
          : []
        : Array.isArray(data.symptoms)
          ? data.symptoms
          : []
    ).filter(isSymptom);
    if (symptoms.length === 0) continue;
    cases.push({
      centreId: r.centre_id,
      personKey: data.memberId,
      day: data.day,
      ...(typeof illness?.onset === 'string' ? { onset: illness.onset } : {}),
      symptoms,
      source: r.collection === 'absences' ? 'absence' : 'check',
      receivedAt: new Date(r.received_at).toISOString(),
    });
  }
  return cases;
}

async function centrePlaces(db: Queryable): Promise<CentrePlace[]> {
  const { rows } = await db.query<{ id: string; name: string; township: string | null }>(
    'SELECT id, name, township FROM centres ORDER BY name, id',
  );
  return rows;
}

const shift = (day: string, days: number) => format(addDays(parseISO(day), days), 'yyyy-MM-dd');

/** The clusters on `today`. */
export async function currentClusters(db: Queryable, today: string) {
  const rules = await clusterRules(db, today);
  const [cases, centres] = await Promise.all([
    districtCases(db, shift(today, -(rules.clusters.windowDays - 1)), today),
    centrePlaces(db),
  ]);
  return { rules, centres, clusters: findClusters(cases, centres, rules, today) };
}

interface ReportRow {
  at: Date;
  actor: string;
  target: string;
  details: Record<string, unknown> | null;
}

async function reportsOf(db: Queryable, keys: string[]): Promise<ReportRow[]> {
  if (keys.length === 0) return [];
  const { rows } = await db.query<ReportRow>(
    `SELECT at, actor, target, details FROM district_action_log
      WHERE action = 'outbreak.report' AND target = ANY($1) ORDER BY at`,
    [keys],
  );
  return rows;
}

function withReports(c: Cluster, reports: ReportRow[]): OutbreakCluster {
  return {
    ...c,
    dueAt: reportDue(c.raisedAt),
    // A report of an earlier cluster under the same key (weeks ago) is not this one's.
    reports: reports
      .filter((r) => r.target === c.key && r.at.getTime() >= Date.parse(c.raisedAt))
      .map((r) => ({ at: r.at.toISOString(), by: r.actor })),
  };
}

/** `GET /api/district/outbreaks` */
export async function outbreaks(db: Queryable, today: string): Promise<OutbreaksResponse> {
  const { rules, clusters, centres } = await currentClusters(db, today);
  const reports = await reportsOf(
    db,
    clusters.map((c) => c.key),
  );
  return {
    today,
    rules: { ...rules.clusters, symptoms: rules.outbreak.symptoms },
    clusters: clusters.map((c) => withReports(c, reports)),
    centres,
  };
}

/** The cluster `key` as it stands today, or 404. */
export async function clusterNow(
  db: Queryable,
  key: unknown,
  today: string,
): Promise<OutbreakCluster> {
  if (typeof key !== 'string' || key.length === 0 || key.length > 120) {
    throw new HttpError(
      400,
      'bad_request',
      'cluster must be the key of a cluster (see GET /outbreaks)',
    );
  }
  const { clusters } = await currentClusters(db, today);
  const found = clusters.find((c) => c.key === key);
  if (!found) {
    throw new HttpError(
      404,
      'not_found',
      `no cluster "${key.slice(0, 60)}" today: it may have ended (fewer cases in the window); reload the outbreak page`,
    );
  }
  return withReports(found, await reportsOf(db, [key]));
}

/**
 * What the report form starts from (`GET /outbreaks/report?cluster=`): the cluster, and how many
 * children its centres have on their books (涉及人数). The dashboard words the text fields.
 */
export async function reportDraft(
  db: Queryable,
  key: unknown,
  today: string,
): Promise<OutbreakReportDraft> {
  const cluster = await clusterNow(db, key, today);
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM documents
      WHERE collection = 'members' AND NOT deleted AND centre_id = ANY($1)
        AND data->>'kind' = 'child' AND coalesce(data->>'status', 'active') = 'active'`,
    [cluster.centres.map((c) => c.centreId)],
  );
  return { cluster, children: rows[0]?.n ?? 0 };
}

/** The report's fields: each one's longest text, and which must be filled. */
export const REPORT_FIELDS: Record<keyof OutbreakReportFields, { max: number }> = {
  reportingUnit: { max: 60 },
  eventName: { max: 80 },
  category: { max: 20 },
  place: { max: 200 },
  firstOnset: { max: 10 },
  cases: { max: 6 },
  involved: { max: 6 },
  deaths: { max: 6 },
  symptoms: { max: 200 },
  measures: { max: 500 },
  reporter: { max: 30 },
  phone: { max: 20 },
  reportedAt: { max: 16 },
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MINUTE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;
const PHONE = /^[0-9+\- ]{7,20}$/;
const WHOLE = /^\d{1,6}$/;

/** The form as sent, checked field by field; the first problem names its field and the fix. */
export function parseReportFields(raw: unknown): OutbreakReportFields {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new HttpError(400, 'bad_request', 'fields must be an object with the report’s fields');
  }
  const body = raw as Record<string, unknown>;
  const out: Record<string, string> = {};
  const bad = (field: string, fix: string): never => {
    throw new FieldError(`fields.${field}`, fix);
  };
  for (const [field, { max }] of Object.entries(REPORT_FIELDS)) {
    const value = body[field];
    if (typeof value !== 'string' || value.trim() === '') bad(field, 'must be filled in');
    const text = (value as string).trim();
    if (text.length > max) bad(field, `must be at most ${max} characters`);
    out[field] = text;
  }
  for (const extra of Object.keys(body))
    if (!(extra in REPORT_FIELDS)) bad(extra, 'is not a field of the report');
  if (!DAY.test(out.firstOnset!)) bad('firstOnset', 'write the day as YYYY-MM-DD, e.g. 2026-12-03');
  if (!MINUTE.test(out.reportedAt!))
    bad('reportedAt', 'write the time as YYYY-MM-DD HH:mm, e.g. 2026-12-05 09:30');
  for (const field of ['cases', 'involved', 'deaths'])
    if (!WHOLE.test(out[field]!)) bad(field, 'must be a whole number, e.g. 12');
  if (Number(out.cases) < 1) bad('cases', 'must be at least 1');
  if (Number(out.involved) < Number(out.cases))
    bad('involved', 'cannot be fewer than the cases (发病人数)');
  if (!PHONE.test(out.phone!)) bad('phone', 'write 7 to 20 digits, e.g. 0571-88001234');
  return out as unknown as OutbreakReportFields;
}

/**
 * The month's outbreaks for the monthly report: the clusters found on any day of it (up to
 * today), each once, with whether a report was sent for it; for one centre, those it had cases in.
 */
export async function outbreakMonth(
  db: Queryable,
  options: { first: string; last: string; today: string; centreId: string | null },
): Promise<OutbreakMonth> {
  const end = options.last < options.today ? options.last : options.today;
  if (end < options.first) return { raised: 0, reported: 0, clusters: [] };
  const rules = await clusterRules(db, end);
  const [cases, centres] = await Promise.all([
    districtCases(db, shift(options.first, -(rules.clusters.windowDays - 1)), end),
    centrePlaces(db),
  ]);
  const seen = new Map<string, Cluster>();
  for (let day = options.first; day <= end; day = shift(day, 1)) {
    for (const c of findClusters(cases, centres, rules, day)) {
      if (options.centreId && !c.centres.some((x) => x.centreId === options.centreId)) continue;
      // The largest the cluster grew in the month; raised when it first was.
      const known = seen.get(c.key);
      seen.set(c.key, known ? { ...c, raisedAt: known.raisedAt, since: known.since } : c);
    }
  }
  const reports = await reportsOf(db, [...seen.keys()]);
  const clusters = [...seen.values()].map((c) => {
    const sent = reports.find(
      (r) => r.target === c.key && r.at.getTime() >= Date.parse(c.raisedAt),
    );
    return {
      key: c.key,
      scope: c.scope,
      township: c.township,
      symptom: c.symptom,
      cases: c.cases,
      centres: c.centres.length,
      raisedAt: c.raisedAt,
      reportedAt: sent ? sent.at.toISOString() : null,
    };
  });
  return {
    raised: clusters.length,
    reported: clusters.filter((c) => c.reportedAt !== null).length,
    clusters,
  };
}
