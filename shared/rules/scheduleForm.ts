import type { ActivityCategory, ActivityPlan, PlanInput, Weekday } from './schedule';

/*
 * The activity plan form (the desk's 安排活动 / 修改活动) and the plan it saves. The form holds
 * what was typed, numbers and dates as text, and both kinds of repeat at once, so switching
 * between "weekly" and "once" loses nothing; validatePlan (./schedule.ts) judges the plan made.
 */

export interface PlanFormValues {
  title: string;
  category: ActivityCategory;
  room: string;
  leaderId: string;
  capacity: string;
  start: string;
  end: string;
  repeat: 'weekly' | 'once';
  /** The ticked weekdays, '1' (Monday) to '7'. */
  weekdays: string[];
  everyWeeks: string;
  from: string;
  until: string;
  date: string;
}

/**
 * What the form shows but does not edit: an adopted template's title and category (the district's),
 * the template it came from, and an edited plan's exceptions (cancelled or moved dates).
 */
export type PlanKept = Partial<
  Pick<ActivityPlan, 'title' | 'category' | 'templateId' | 'exceptions'>
>;

/** What an edit of `plan` keeps: its exceptions, and its template's title and category. */
export function keptOf(plan: ActivityPlan): PlanKept {
  return {
    ...(plan.templateId
      ? { title: plan.title, category: plan.category, templateId: plan.templateId }
      : {}),
    ...(plan.exceptions ? { exceptions: plan.exceptions } : {}),
  };
}

/** The plan the form's values make, with the people enrolled and what the form keeps. */
export function planOfForm(v: PlanFormValues, enrolled: string[], kept: PlanKept = {}): PlanInput {
  return {
    title: kept.title ?? v.title,
    category: kept.category ?? v.category,
    room: v.room,
    leaderId: v.leaderId,
    capacity: Number(v.capacity),
    enrolled,
    start: v.start,
    end: v.end,
    recurrence:
      v.repeat === 'once'
        ? { kind: 'once', date: v.date }
        : {
            kind: 'weekly',
            weekdays: v.weekdays.map(Number) as Weekday[],
            everyWeeks: Number(v.everyWeeks) || 1,
            from: v.from,
            ...(v.until ? { until: v.until } : {}),
          },
    ...(kept.templateId ? { templateId: kept.templateId } : {}),
    ...(kept.exceptions?.length ? { exceptions: kept.exceptions } : {}),
  };
}

/** The form filled in with a plan being changed; the repeat kind it does not use starts at today. */
export function formOfPlan(plan: ActivityPlan, today: string): PlanFormValues {
  const r = plan.recurrence;
  return {
    title: plan.title,
    category: plan.category,
    room: plan.room,
    leaderId: plan.leaderId,
    capacity: String(plan.capacity),
    start: plan.start,
    end: plan.end,
    repeat: r.kind,
    weekdays: r.kind === 'weekly' ? r.weekdays.map(String) : [],
    everyWeeks: String(r.kind === 'weekly' ? (r.everyWeeks ?? 1) : 1),
    from: r.kind === 'weekly' ? r.from : today,
    until: r.kind === 'weekly' ? (r.until ?? '') : '',
    date: r.kind === 'once' ? r.date : today,
  };
}

/**
 * A new plan's form: weekly from today, 09:00–10:00; from a template, its title, category, places
 * and length (the end it gives a 09:00 start).
 */
export function newPlanForm(today: string, template?: PlanInput): PlanFormValues {
  return {
    title: template?.title ?? '',
    category: template?.category ?? 'intergenerational',
    room: '',
    leaderId: '',
    capacity: String(template?.capacity || ''),
    start: '09:00',
    end: template?.end ?? '10:00',
    repeat: 'weekly',
    weekdays: [],
    everyWeeks: '1',
    from: today,
    until: '',
    date: today,
  };
}

const FIELD_OF_PATH: Record<string, keyof PlanFormValues> = {
  'recurrence.date': 'date',
  'recurrence.weekdays': 'weekdays',
  'recurrence.everyWeeks': 'everyWeeks',
  'recurrence.from': 'from',
  'recurrence.until': 'until',
};

/** The form field that shows an error of validatePlan's (a dotted path into the plan). */
export function formFieldOf(path: string): string {
  return FIELD_OF_PATH[path] ?? path;
}
