import { describe, expect, it } from 'vitest';
import type { ActivityPlan } from './schedule';
import {
  formFieldOf,
  formOfPlan,
  keptOf,
  newPlanForm,
  planOfForm,
  type PlanFormValues,
} from './scheduleForm';

const TODAY = '2026-11-25';

const weekly: ActivityPlan = {
  id: 'p1',
  centreId: 'c1',
  title: '祖孙剪纸',
  category: 'intergenerational',
  room: '手工室',
  leaderId: 's1',
  capacity: 4,
  enrolled: ['m1', 'm2'],
  start: '09:30',
  end: '10:30',
  recurrence: { kind: 'weekly', weekdays: [3, 5], everyWeeks: 2, from: '2026-11-02' },
  exceptions: [{ date: '2026-12-02', cancelled: true, reason: '停电' }],
};

describe('the plan form', () => {
  it('gives back the plan it was filled with, exceptions kept', () => {
    const form = formOfPlan(weekly, TODAY);
    expect(form).toMatchObject({ capacity: '4', weekdays: ['3', '5'], everyWeeks: '2', until: '' });
    // The repeat kind not in use starts at today.
    expect(form.date).toBe(TODAY);
    expect(planOfForm(form, weekly.enrolled, keptOf(weekly))).toEqual({
      ...weekly,
      id: undefined,
      centreId: undefined,
    });
  });

  it('makes a one-off plan when "once" is chosen, whatever the weekly fields hold', () => {
    const form: PlanFormValues = {
      ...formOfPlan(weekly, TODAY),
      repeat: 'once',
      date: '2026-12-09',
    };
    expect(planOfForm(form, []).recurrence).toEqual({ kind: 'once', date: '2026-12-09' });
  });

  it('repeats every week when the number of weeks is empty, and keeps an end date typed', () => {
    const form: PlanFormValues = { ...newPlanForm(TODAY), everyWeeks: '', until: '2027-01-31' };
    expect(planOfForm(form, []).recurrence).toEqual({
      kind: 'weekly',
      weekdays: [],
      everyWeeks: 1,
      from: TODAY,
      until: '2027-01-31',
    });
  });

  it('keeps an adopted template’s title and category, whatever the fields say', () => {
    const template = { ...planOfForm(newPlanForm(TODAY), []), title: '祖孙种植角', end: '09:45' };
    const form = newPlanForm(TODAY, { ...template, capacity: 16, templateId: 't1' });
    expect(form).toMatchObject({
      title: '祖孙种植角',
      capacity: '16',
      end: '09:45',
      start: '09:00',
    });
    const kept = { title: '祖孙种植角', category: 'elder' as const, templateId: 't1' };
    const plan = planOfForm({ ...form, title: '改了', category: 'child' }, [], kept);
    expect(plan).toMatchObject({ title: '祖孙种植角', category: 'elder', templateId: 't1' });
    // A plan not from a template keeps nothing but its exceptions.
    expect(keptOf({ ...weekly, exceptions: undefined })).toEqual({});
  });

  it('starts a new plan weekly from today, 09:00–10:00, with no places', () => {
    expect(newPlanForm(TODAY)).toMatchObject({
      repeat: 'weekly',
      from: TODAY,
      start: '09:00',
      end: '10:00',
      capacity: '',
    });
  });

  it('points a recurrence error at its field', () => {
    expect(formFieldOf('recurrence.weekdays')).toBe('weekdays');
    expect(formFieldOf('recurrence.date')).toBe('date');
    expect(formFieldOf('title')).toBe('title');
  });
});
