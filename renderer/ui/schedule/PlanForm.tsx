import { useMemo, useState } from 'react';
import { useForm, type FieldErrors, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  ACTIVITY_CATEGORIES,
  validatePlan,
  type ActivityPlan,
  type ActivityCategory,
  type Clash,
  type Weekday,
} from '../../../shared/rules/schedule';
import type { DistrictDoc, MemberDoc, StaffDoc } from '../../../shared/schemas';
import { searchPeople } from '../../../shared/search';
import {
  checkPlan,
  planActivity,
  planFromTemplate,
  updateActivity,
  type PlanInput,
} from '../../data/activities';
import { useDesk } from '../app/DeskContext';
import { saveErrorText } from '../kit/errors';

interface FormValues {
  title: string;
  category: ActivityCategory;
  room: string;
  leaderId: string;
  capacity: string;
  start: string;
  end: string;
  repeat: 'weekly' | 'once';
  weekdays: string[];
  everyWeeks: string;
  from: string;
  until: string;
  date: string;
}

const WEEKDAYS: Weekday[] = [1, 2, 3, 4, 5, 6, 7];

/** A message that has just appeared is scrolled into view (clear of the status bar). */
const intoView = (el: HTMLElement | null) => el?.scrollIntoView({ block: 'nearest' });

/** What the form does not edit: a template's title and category, and an edited plan's exceptions. */
interface Kept {
  title?: string;
  category?: ActivityCategory;
  templateId?: string;
  exceptions?: ActivityPlan['exceptions'];
}

function toInput(v: FormValues, enrolled: string[], template?: Kept): PlanInput {
  return {
    // An adopted template's title and category are the district's: shown, not edited.
    title: template?.title ?? v.title,
    category: template?.category ?? v.category,
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
    ...(template?.templateId ? { templateId: template.templateId } : {}),
    ...(template?.exceptions?.length ? { exceptions: template.exceptions } : {}),
  };
}

/** The form's field for each of validatePlan's dotted paths. */
const FIELD_OF: Record<string, keyof FormValues> = {
  'recurrence.date': 'date',
  'recurrence.weekdays': 'weekdays',
  'recurrence.everyWeeks': 'everyWeeks',
  'recurrence.from': 'from',
  'recurrence.until': 'until',
};

/** A clash in words that name both activities, the room or leader, the day and the time. */
export function clashText(
  t: TFunction,
  clash: Clash,
  names: { staff(id: string): string; member(id: string): string },
): string {
  if (clash.kind === 'overCapacity')
    return t('schedule.clash.overCapacity', {
      title: clash.title,
      enrolled: clash.enrolled,
      capacity: clash.capacity,
    });
  const when = { date: clash.date, from: clash.from, to: clash.to, a: clash.a.title };
  const b = clash.b.title;
  if (clash.kind !== 'member')
    return clash.kind === 'room'
      ? t('schedule.clash.room', { ...when, b, room: clash.what })
      : t('schedule.clash.leader', { ...when, b, leader: names.staff(clash.what) });
  return t('schedule.clash.member', {
    ...when,
    b,
    names: clash.memberIds.map(names.member).join('、'),
  });
}

/**
 * Plans an activity: the rules' field errors under each field, then the clashes with the rest of
 * the timetable in words, before anything is saved; the manager fixes them or saves anyway.
 */
export function PlanForm({
  staff,
  members,
  today,
  template,
  editing,
  onSaved,
  onCancel,
}: {
  staff: StaffDoc[];
  members: MemberDoc[];
  today: string;
  template?: DistrictDoc;
  /** The activity being changed; a new one when absent. */
  editing?: ActivityPlan;
  onSaved(title: string): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [enrolled, setEnrolled] = useState<string[]>(editing?.enrolled ?? []);
  const [query, setQuery] = useState('');
  const [clashes, setClashes] = useState<Clash[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const staffName = (id: string) => staff.find((s) => s.id === id)?.name ?? id;
  const memberName = (id: string) => members.find((m) => m.id === id)?.name ?? id;

  const fromTemplate = useMemo(
    () =>
      template
        ? planFromTemplate(template, {
            room: '',
            leaderId: '',
            start: '09:00',
            recurrence: { kind: 'once', date: today },
          })
        : undefined,
    [template, today],
  );
  const kept: Kept | undefined = editing
    ? {
        ...(editing.templateId
          ? { title: editing.title, category: editing.category, templateId: editing.templateId }
          : {}),
        exceptions: editing.exceptions,
      }
    : fromTemplate;
  const readOnlyName = !!(template || editing?.templateId);
  const defaults = useMemo((): FormValues => {
    if (editing) {
      const r = editing.recurrence;
      return {
        title: editing.title,
        category: editing.category,
        room: editing.room,
        leaderId: editing.leaderId,
        capacity: String(editing.capacity),
        start: editing.start,
        end: editing.end,
        repeat: r.kind,
        weekdays: r.kind === 'weekly' ? r.weekdays.map(String) : [],
        everyWeeks: String(r.kind === 'weekly' ? (r.everyWeeks ?? 1) : 1),
        from: r.kind === 'weekly' ? r.from : today,
        until: r.kind === 'weekly' ? (r.until ?? '') : '',
        date: r.kind === 'once' ? r.date : today,
      };
    }
    return {
      title: fromTemplate?.title ?? '',
      category: fromTemplate?.category ?? 'intergenerational',
      room: '',
      leaderId: '',
      capacity: String(fromTemplate?.capacity || ''),
      start: '09:00',
      end: fromTemplate?.end ?? '10:00',
      repeat: 'weekly',
      weekdays: [],
      everyWeeks: '1',
      from: today,
      until: '',
      date: today,
    };
  }, [editing, fromTemplate, today]);

  const resolver: Resolver<FormValues> = async (values) => {
    const errors: Record<string, { type: string; message: string }> = {};
    const input = toInput(values, enrolled, kept);
    for (const e of validatePlan({ ...input, id: 'form', centreId: desk.settings.centreId })) {
      const field = FIELD_OF[e.field] ?? e.field;
      errors[field] ??= { type: 'validate', message: e.problem };
    }
    return Object.keys(errors).length
      ? { values: {}, errors: errors as FieldErrors<FormValues> }
      : { values, errors: {} };
  };
  const {
    register,
    handleSubmit,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<FormValues>({ defaultValues: defaults, resolver });
  const repeat = watch('repeat');

  const save = handleSubmit(async (values) => {
    setFailure(null);
    const input = toInput(values, enrolled, kept);
    try {
      if (clashes === null) {
        const check = await checkPlan(desk, input, editing?.id, today);
        if (check.clashes.length) {
          setClashes(check.clashes);
          return;
        }
      }
      const { plan } = editing
        ? await updateActivity(desk, editing.id, input)
        : await planActivity(desk, input);
      onSaved(plan.title);
    } catch (e) {
      setFailure(saveErrorText(t, e));
    }
  });
  // A change to the form asks for a fresh check before saving.
  const changed = () => setClashes(null);

  const error = (field: keyof FormValues) => {
    const message = errors[field]?.message;
    return message ? (
      <span className="field-error" role="alert" id={`plan-${field}-error`}>
        {t(`schedule.problem.${message}`)}
      </span>
    ) : null;
  };
  const aria = (field: keyof FormValues) => ({
    'aria-invalid': !!errors[field],
    'aria-describedby': errors[field] ? `plan-${field}-error` : undefined,
  });
  const found = query.trim()
    ? searchPeople(
        members.filter((m) => !enrolled.includes(m.id)),
        query,
        6,
      )
    : [];

  return (
    <form
      className="plan-form"
      aria-labelledby="plan-title"
      noValidate
      onChange={changed}
      onSubmit={(e) => void save(e)}
    >
      <h2 id="plan-title">{editing ? t('schedule.editTitle') : t('schedule.planTitle')}</h2>
      {template && (
        <p className="notice info">{t('schedule.fromTemplate', { title: template.title })}</p>
      )}
      <div className="plan-columns">
        <div>
          <div className="field">
            <label htmlFor="plan-name">{t('schedule.field.title')}</label>
            <input
              id="plan-name"
              readOnly={readOnlyName}
              {...aria('title')}
              {...register('title')}
            />
            {error('title')}
          </div>
          <div className="field">
            <label htmlFor="plan-category">{t('schedule.field.category')}</label>
            {readOnlyName ? (
              <input
                id="plan-category"
                readOnly
                value={t(`schedule.category.${defaults.category}`)}
              />
            ) : (
              <select id="plan-category" {...register('category')}>
                {ACTIVITY_CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {t(`schedule.category.${c}`)}
                  </option>
                ))}
              </select>
            )}
          </div>
          <div className="field">
            <label htmlFor="plan-room">{t('schedule.field.room')}</label>
            <input id="plan-room" {...aria('room')} {...register('room')} />
            {error('room')}
          </div>
          <div className="field">
            <label htmlFor="plan-leader">{t('schedule.field.leader')}</label>
            <select id="plan-leader" {...aria('leaderId')} {...register('leaderId')}>
              <option value="">{t('schedule.choose')}</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}（{t(`role.${s.role}`)}）
                </option>
              ))}
            </select>
            {error('leaderId')}
          </div>
          <div className="field">
            <label htmlFor="plan-capacity">{t('schedule.field.capacity')}</label>
            <input
              id="plan-capacity"
              type="number"
              inputMode="numeric"
              min={1}
              {...aria('capacity')}
              {...register('capacity')}
            />
            {error('capacity')}
          </div>
        </div>
        <div>
          <div className="time-pair">
            <div className="field">
              <label htmlFor="plan-start">{t('schedule.field.start')}</label>
              <input
                id="plan-start"
                className="short"
                inputMode="numeric"
                maxLength={5}
                placeholder={t('schedule.timeHint')}
                {...aria('start')}
                {...register('start')}
              />
              {error('start')}
            </div>
            <div className="field">
              <label htmlFor="plan-end">{t('schedule.field.end')}</label>
              <input
                id="plan-end"
                className="short"
                inputMode="numeric"
                maxLength={5}
                placeholder={t('schedule.timeHint')}
                {...aria('end')}
                {...register('end')}
              />
              {error('end')}
            </div>
          </div>
          <fieldset className="field">
            <legend>{t('schedule.field.repeat')}</legend>
            <label className="choice">
              <input type="radio" value="weekly" {...register('repeat')} />{' '}
              {t('schedule.repeat.weekly')}
            </label>
            <label className="choice">
              <input type="radio" value="once" {...register('repeat')} />{' '}
              {t('schedule.repeat.once')}
            </label>
          </fieldset>
          {repeat === 'weekly' ? (
            <>
              <fieldset className="field" aria-invalid={!!errors.weekdays}>
                <legend>{t('schedule.field.weekdays')}</legend>
                {WEEKDAYS.map((d) => (
                  <label className="check" key={d}>
                    <input type="checkbox" value={String(d)} {...register('weekdays')} />{' '}
                    {t(`schedule.weekday.${d}`)}
                  </label>
                ))}
                {error('weekdays')}
              </fieldset>
              <div className="time-pair">
                <div className="field">
                  <label htmlFor="plan-from">{t('schedule.field.from')}</label>
                  <input
                    id="plan-from"
                    className="date"
                    inputMode="numeric"
                    maxLength={10}
                    placeholder={t('schedule.dateHint')}
                    {...aria('from')}
                    {...register('from')}
                  />
                  {error('from')}
                </div>
                <div className="field">
                  <label htmlFor="plan-until">{t('schedule.field.until')}</label>
                  <input
                    id="plan-until"
                    className="date"
                    inputMode="numeric"
                    maxLength={10}
                    placeholder={t('schedule.dateHint')}
                    {...aria('until')}
                    {...register('until')}
                  />
                  {error('until')}
                </div>
              </div>
              <div className="field">
                <label htmlFor="plan-every">{t('schedule.field.everyWeeks')}</label>
                <input
                  id="plan-every"
                  type="number"
                  min={1}
                  inputMode="numeric"
                  {...aria('everyWeeks')}
                  {...register('everyWeeks')}
                />
                {error('everyWeeks')}
              </div>
            </>
          ) : (
            <div className="field">
              <label htmlFor="plan-date">{t('schedule.field.date')}</label>
              <input
                id="plan-date"
                className="date"
                inputMode="numeric"
                maxLength={10}
                placeholder={t('schedule.dateHint')}
                {...aria('date')}
                {...register('date')}
              />
              {error('date')}
            </div>
          )}
        </div>
        <div>
          <div className="field">
            <label htmlFor="plan-enrol">{t('schedule.field.enrol')}</label>
            <input
              id="plan-enrol"
              value={query}
              placeholder={t('schedule.searchHint')}
              onChange={(e) => setQuery(e.target.value)}
            />
          </div>
          {found.length > 0 && (
            <ul className="pick-list" aria-label={t('schedule.searchResults')}>
              {found.map((m) => (
                <li key={m.id}>
                  <button
                    type="button"
                    onClick={() => {
                      setEnrolled([...enrolled, m.id]);
                      setQuery('');
                      setClashes(null);
                    }}
                  >
                    + {m.name}（{t(`kind.${m.kind}`)}）
                  </button>
                </li>
              ))}
            </ul>
          )}
          <p>{t('schedule.enrolledCount', { count: enrolled.length })}</p>
          <ul className="chips" aria-label={t('schedule.enrolledList')}>
            {enrolled.map((id) => (
              <li key={id}>
                {memberName(id)}
                <button
                  type="button"
                  className="link"
                  aria-label={t('schedule.unenrol', { name: memberName(id) })}
                  onClick={() => {
                    setEnrolled(enrolled.filter((x) => x !== id));
                    setClashes(null);
                  }}
                >
                  ✕
                </button>
              </li>
            ))}
          </ul>
        </div>
      </div>
      {clashes && (
        <div className="notice warn clashes" role="alert" ref={intoView}>
          <strong>{t('schedule.clashTitle', { count: clashes.length })}</strong>
          <ul>
            {clashes.map((c, i) => (
              <li key={i}>{clashText(t, c, { staff: staffName, member: memberName })}</li>
            ))}
          </ul>
          <p>{t('schedule.clashHelp')}</p>
        </div>
      )}
      {failure && (
        <p className="notice error" role="alert">
          {failure}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary big" disabled={isSubmitting}>
          {clashes ? t('schedule.saveAnyway') : t('schedule.save')}
        </button>
        <button type="button" className="big" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
