import { addDays, differenceInCalendarDays, parseISO } from 'date-fns';
import type { AbsenceDoc, HealthDoc, MemberDoc } from '../schemas';
import type { Symptom } from '../schemas/absences';
import type { ChildClass } from '../schemas/members';
import { classForAge } from './people';
import type { CentreRules } from './settings';

/** One child ill with these symptoms on this day (from an illness absence or a health check). */
export interface IllnessCase {
  memberId: string;
  childClass: ChildClass;
  day: string;
  symptoms: readonly Symptom[];
}

export interface OutbreakAlert {
  childClass: ChildClass;
  symptom: Symptom;
  rule: 'sameDay' | 'window';
  /** The last day of the cases that triggered it. */
  day: string;
  /** The cases behind the alert, one per child. */
  cases: IllnessCase[];
}

/**
 * The outbreak rule of docs/DOMAIN.md: in one class, `sameDay` cases of the same symptom on one day, or
 * `inWindow` cases over `windowDays` consecutive days, alert the manager (report to the CDC within
 * 24 h). A child counts once per window, however many days they are recorded ill.
 */
export function findOutbreaks(
  cases: readonly IllnessCase[],
  rules: CentreRules['outbreak'],
  today: string,
): OutbreakAlert[] {
  const from = addDays(parseISO(today), -(rules.windowDays - 1));
  const alerts: OutbreakAlert[] = [];
  const groups = new Map<string, IllnessCase[]>();
  for (const c of cases) {
    const age = differenceInCalendarDays(parseISO(today), parseISO(c.day));
    if (age < 0 || parseISO(c.day) < from) continue;
    for (const symptom of new Set(c.symptoms)) {
      if (!rules.symptoms.includes(symptom)) continue;
      const key = `${c.childClass}|${symptom}`;
      const list = groups.get(key) ?? [];
      list.push(c);
      groups.set(key, list);
    }
  }
  for (const [key, list] of groups) {
    const [childClass, symptom] = key.split('|') as [ChildClass, Symptom];
    const byChild = (xs: IllnessCase[]) => [...new Map(xs.map((c) => [c.memberId, c])).values()];
    const todays = byChild(list.filter((c) => c.day === today));
    const windowed = byChild(list);
    if (todays.length >= rules.sameDay)
      alerts.push({ childClass, symptom, rule: 'sameDay', day: today, cases: todays });
    else if (windowed.length >= rules.inWindow)
      alerts.push({ childClass, symptom, rule: 'window', day: today, cases: windowed });
  }
  return alerts.sort(
    (a, b) => a.childClass.localeCompare(b.childClass) || a.symptom.localeCompare(b.symptom),
  );
}

/**
 * The cases the rule counts, from `since` on: illness absences and health checks with symptoms,
 * each with the child's class (as registered, or by age on `today`).
 */
export function illnessCases(
  children: readonly MemberDoc[],
  absences: readonly AbsenceDoc[],
  checks: readonly HealthDoc[],
  since: string,
  today: string,
): IllnessCase[] {
  const byId = new Map(children.map((c) => [c.id, c]));
  return [
    ...absences
      .filter((a) => a.illness && a.day >= since)
      .map((a) => ({ memberId: a.memberId, day: a.day, symptoms: a.illness!.symptoms })),
    ...checks
      .filter((h) => h.symptoms?.length && h.day >= since)
      .map((h) => ({ memberId: h.memberId, day: h.day, symptoms: h.symptoms! })),
  ].flatMap((c) => {
    const child = byId.get(c.memberId);
    return child
      ? [{ ...c, childClass: child.childClass ?? classForAge(child.birthDate, today) }]
      : [];
  });
}
