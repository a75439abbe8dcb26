import { useTranslation } from 'react-i18next';
import { ACTIVITY_CATEGORIES, type ActivityCategory } from '../../../shared/rules/schedule';
import type { StaffDoc } from '../../../shared/schemas';
import { Field, fieldAria } from '../kit/Field';
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
            {ACTIVITY_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`schedule.category.${c}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <PlanField fields={fields} name="room" label={t('schedule.field.room')} />
      <Field id={leader} label={t('schedule.field.leader')} error={leaderError}>
        <select id={leader} {...fieldAria(leader, leaderError)} {...fields.register('leaderId')}>
          <option value="">{t('schedule.choose')}</option>
          {staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}（{t(`role.${s.role}`)}）
            </option>
          ))}
        </select>
      </Field>
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
