import { useTranslation } from 'react-i18next';
import { ACTIVITY_CATEGORIES, type ActivityCategory } from '../../../shared/rules/schedule';
import type { StaffDoc } from '../../../shared/schemas';
import { Field, Options, SelectField } from '../kit/Field';
import { PlanField, planFieldId, planProblem, type PlanFormFields } from './PlanField';

/**
 * What the activity is: its name and kind (shown, not edited, when they are a district template's),
 * the room, who leads it and how many places it has.
 */
export function PlanWhatFields({
  fields,
  staff,
  readOnlyName,
  category,
}: {
  fields: PlanFormFields;
  staff: readonly StaffDoc[];
  /** The name and kind are the district template's. */
  readOnlyName: boolean;
  category: ActivityCategory;
}) {
  const { t } = useTranslation();
  const leader = planFieldId('leaderId');
  const leaderError = planProblem(t, fields, 'leaderId');
  return (
    <div>
      <PlanField
        fields={fields}
        name="title"
        label={t('schedule.field.title')}
        readOnly={readOnlyName}
      />
      <Field id={planFieldId('category')} label={t('schedule.field.category')}>
        {readOnlyName ? (
          <input id={planFieldId('category')} readOnly value={t(`schedule.category.${category}`)} />
        ) : (
          <select id={planFieldId('category')} {...fields.register('category')}>
            <Options options={ACTIVITY_CATEGORIES} label={(c) => t(`schedule.category.${c}`)} />
          </select>
        )}
      </Field>
      <PlanField fields={fields} name="room" label={t('schedule.field.room')} />
      <SelectField
        id={leader}
        label={t('schedule.field.leader')}
        error={leaderError}
        {...fields.register('leaderId')}
      >
        <Options
          options={staff}
          label={(s) => (
            <>
              {s.name}（{t(`role.${s.role}`)}）
            </>
          )}
          value={(s) => s.id}
          none={t('schedule.choose')}
        />
      </SelectField>
      <PlanField
        fields={fields}
        name="capacity"
        label={t('schedule.field.capacity')}
        type="number"
        inputMode="numeric"
        min={1}
      />
    </div>
  );
}
