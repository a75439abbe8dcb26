/**
 * The district's cluster rule (issue 17, part 4; docs/DOMAIN.md "Outbreaks across centres"): the
 * centres' illness absences and abnormal health checks arrive with the sync as symptom groups
 * only (./districtShare.ts), and the district looks across centres for the same symptom in more
 * children than its rules allow — within one township's centres, or in the whole district — over
 * a window of days (`CentreRules['clusters']`, ./settings.ts). One desk's rule (./outbreak.ts)
 * looks at one class; this one sees what no single centre can.
 *
 * Pure: the server (server/district/outbreaks.ts) reads the cases and the centres and calls it on
 * every request, so a cluster is raised as soon as the case that makes it has synced.
 */
import { groupBy } from '../groupBy';
import { addDays, format, parseISO } from 'date-fns';
import type { Symptom } from '../schemas/absences';
import type { CentreRules } from './settings';

/** One record of a child ill with these symptoms, as the district holds it (no name). */
export interface DistrictCase {
  centreId: string;
  /** Tells one child from another so a child counts once; never shown. */
  personKey: string;
  /** The record's day (the absence's or the check's). */
  day: string;
  /** The onset day, where the record says it (an illness absence). */
  onset?: string;
  symptoms: readonly Symptom[];
  source: 'absence' | 'check';
  /** When the district received the record (ISO time): when the cluster was raised. */
  receivedAt: string;
}

export interface CentrePlace {
  id: string;
  name: string;
  /** The township (街道/乡镇) the centre lies in; null until the district records it. */
  township: string | null;
}

export type ClusterScope = 'township' | 'district';

export interface Cluster {
  /** `township:<name>:<symptom>` or `district:*:<symptom>`: stable while the cluster lasts. */
  key: string;
  scope: ClusterScope;
  township: string | null;
  symptom: Symptom;
  /** The rule's threshold that was reached. */
  threshold: number;
  /** Children with the symptom in the window (each once). */
  cases: number;
  /** The first day one of them was recorded ill, in the window. */
  since: string;
  /** The earliest onset any of their records gives (首例发病时间), else `since`. */
  firstOnset: string;
  /** When the district received the case that reached the threshold: the 24-hour duty starts. */
  raisedAt: string;
  /** Of the cases, how many came from illness absences and how many from health checks. */
  fromAbsences: number;
  fromChecks: number;
  /** The centres with cases, most first. */
  centres: { centreId: string; name: string; township: string | null; cases: number }[];
  /** New cases per day of the window, by the day each child was first recorded ill. */
  trend: { day: string; cases: number }[];
}

type ClusterRules = Pick<CentreRules, 'clusters'> & {
  outbreak: Pick<CentreRules['outbreak'], 'symptoms'>;
};

const iso = (d: Date) => format(d, 'yyyy-MM-dd');

/** The days of the window that ends on `today`, oldest first. */
export function windowDays(today: string, days: number): string[] {
  const end = parseISO(today);
  return Array.from({ length: days }, (_, i) => iso(addDays(end, i - days + 1)));
}

interface Person {
  first: DistrictCase;
  /** The earliest the district received a record of this child's illness in the window. */
  receivedAt: string;
  onset: string;
  fromCheck: boolean;
  fromAbsence: boolean;
}

/**
 * The clusters on `today`: for each symptom the rules watch, each township whose centres have at
 * least `clusters.township` children with it, and the whole district when it has at least
 * `clusters.district`, over the `clusters.windowDays` days ending today. A centre without a
 * township counts towards the district only.
 */
export function findClusters(
  cases: readonly DistrictCase[],
  centres: readonly CentrePlace[],
  rules: ClusterRules,
  today: string,
): Cluster[] {
  const days = windowDays(today, rules.clusters.windowDays);
  const from = days[0]!;
  const centreById = new Map(centres.map((c) => [c.id, c]));
  // symptom → personKey → what the window holds of that child.
  const bySymptom = new Map<Symptom, Map<string, Person>>();
  for (const c of cases) {
    if (c.day < from || c.day > today || !centreById.has(c.centreId)) continue;
    for (const symptom of new Set(c.symptoms)) {
      if (!rules.outbreak.symptoms.includes(symptom)) continue;
      const people = bySymptom.get(symptom) ?? new Map<string, Person>();
      bySymptom.set(symptom, people);
      const key = `${c.centreId}|${c.personKey}`;
      const onset = c.onset && c.onset <= c.day ? c.onset : c.day;
      const known = people.get(key);
      if (!known) {
        people.set(key, {
          first: c,
          receivedAt: c.receivedAt,
          onset,
          fromCheck: c.source === 'check',
          fromAbsence: c.source === 'absence',
        });
        continue;
      }
      if (c.day < known.first.day) known.first = c;
      if (c.receivedAt < known.receivedAt) known.receivedAt = c.receivedAt;
      if (onset < known.onset) known.onset = onset;
      known.fromCheck ||= c.source === 'check';
      known.fromAbsence ||= c.source === 'absence';
    }
  }

  const clusters: Cluster[] = [];
  const raise = (
    scope: ClusterScope,
    township: string | null,
    symptom: Symptom,
    people: Person[],
    threshold: number,
  ) => {
    if (people.length < threshold) return;
    const received = people.map((p) => p.receivedAt).sort();
    const perCentre = new Map<string, number>();
    for (const p of people)
      perCentre.set(p.first.centreId, (perCentre.get(p.first.centreId) ?? 0) + 1);
    const perDay = new Map<string, number>();
    for (const p of people) perDay.set(p.first.day, (perDay.get(p.first.day) ?? 0) + 1);
    const since = people.map((p) => p.first.day).sort()[0]!;
    clusters.push({
      key: `${scope}:${township ?? '*'}:${symptom}`,
      scope,
      township,
      symptom,
      threshold,
      cases: people.length,
      since,
      firstOnset: people.map((p) => p.onset).sort()[0]!,
      raisedAt: received[threshold - 1]!,
      fromAbsences: people.filter((p) => p.fromAbsence).length,
      fromChecks: people.filter((p) => p.fromCheck && !p.fromAbsence).length,
      centres: [...perCentre]
        .map(([centreId, n]) => {
          const centre = centreById.get(centreId)!;
          return { centreId, name: centre.name, township: centre.township, cases: n };
        })
        .sort((a, b) => b.cases - a.cases || a.name.localeCompare(b.name, 'zh')),
      trend: days.map((day) => ({ day, cases: perDay.get(day) ?? 0 })),
    });
  };

  for (const [symptom, people] of bySymptom) {
    const all = [...people.values()];
    const byTownship = groupBy(all, (p) => centreById.get(p.first.centreId)?.township || undefined);
    for (const [township, list] of byTownship)
      raise('township', township, symptom, list, rules.clusters.township);
    raise('district', null, symptom, all, rules.clusters.district);
  }
  return clusters.sort(
    (a, b) =>
      a.raisedAt.localeCompare(b.raisedAt) ||
      (a.scope === b.scope ? 0 : a.scope === 'district' ? -1 : 1) ||
      a.key.localeCompare(b.key),
  );
}

/** The hours within which a cluster is to be reported to the disease-control centre (docs/DOMAIN.md). */
export const REPORT_WITHIN_HOURS = 24;

/** When the report of a cluster raised at `raisedAt` is due (ISO time). */
export function reportDue(raisedAt: string): string {
  return new Date(Date.parse(raisedAt) + REPORT_WITHIN_HOURS * 3_600_000).toISOString();
}
