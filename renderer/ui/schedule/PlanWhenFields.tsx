import { useTranslation } from 'react-i18next';
import type { Weekday } from '../../../shared/rules/schedule';
import { errorId, FieldError } from '../kit/Field';
import { PlanField, planFieldId, planProblem, type PlanFormFields } from './PlanField';

const WEEKDAYS: Weekday[] = [1, 2, 3, 4, 5, 6, 7];

/**
 * When the activity runs: its times, and either the weekdays it repeats on (from, until, every how
 * many weeks) or its one date.
 */
export function PlanWhenFields({
  fields,
  repeat,
}: {
  fields: PlanFormFields;
  repeat: 'weekly' | 'once';
}) {
  const { t } = useTranslation();
  const weekdaysError = planProblem(t, fields, 'weekdays');
  const time = {
    className: 'short',
    inputMode: 'numeric',
    maxLength: 5,
    placeholder: t('schedule.timeHint'),
  } as const;
  const date = {
    className: 'date',
    inputMode: 'numeric',
    maxLength: 10,
    placeholder: t('schedule.dateHint'),
  } as const;
  return (
    <div>
      <div className="time-pair">
        <PlanField fields={fields} name="start" label={t('schedule.field.start')} {...time} />
        <PlanField fields={fields} name="end" label={t('schedule.field.end')} {...time} />
      </div>
      <fieldset className="field">
        <legend>{t('schedule.field.repeat')}</legend>
        {(['weekly', 'once'] as const).map((kind) => (
          <label className="choice" key={kind}>
            <input type="radio" value={kind} {...fields.register('repeat')} />{' '}
            {t(`schedule.repeat.${kind}`)}
          </label>
        ))}
      </fieldset>
      {repeat === 'weekly' ? (
        <>
          <fieldset className="field" aria-invalid={!!weekdaysError}>
            <legend>{t('schedule.field.weekdays')}</legend>
            {WEEKDAYS.map((d) => (
              <label className="check" key={d}>
                <input type="checkbox" value={String(d)} {...fields.register('weekdays')} />{' '}
                {t(`schedule.weekday.${d}`)}
              </label>
            ))}
            <FieldError id={errorId(planFieldId('weekdays'))} error={weekdaysError} />
          </fieldset>
          <div className="time-pair">
            <PlanField fields={fields} name="from" label={t('schedule.field.from')} {...date} />
            <PlanField fields={fields} name="until" label={t('schedule.field.until')} {...date} />
          </div>
          <PlanField
            fields={fields}
            name="everyWeeks"
            label={t('schedule.field.everyWeeks')}
            type="number"
            min={1}
            inputMode="numeric"
          />
        </>
      ) : (
        <PlanField fields={fields} name="date" label={t('schedule.field.date')} {...date} />
      )}
    </div>
  );
}
