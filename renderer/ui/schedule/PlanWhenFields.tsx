import { useTranslation } from 'react-i18next';
import type { Weekday } from '../../../shared/rules/schedule';
import { ChoiceGroup } from '../kit/Choices';
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
      <ChoiceGroup
        type="radio"
        look="field"
        legend={t('schedule.field.repeat')}
        options={['weekly', 'once'] as const}
        label={(kind) => t(`schedule.repeat.${kind}`)}
        input={(kind) => ({ value: kind, ...fields.register('repeat') })}
      />
      {repeat === 'weekly' ? (
        <>
          <ChoiceGroup
            type="checkbox"
            look="field"
            legend={t('schedule.field.weekdays')}
            invalid={!!weekdaysError}
            options={WEEKDAYS}
            label={(d) => t(`schedule.weekday.${d}`)}
            input={(d) => ({ value: String(d), ...fields.register('weekdays') })}
          >
            <FieldError id={errorId(planFieldId('weekdays'))} error={weekdaysError} />
          </ChoiceGroup>
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
