import { useMemo, useState } from 'react';
import { useForm, type FieldErrors, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { validatePlan, type ActivityPlan, type Clash } from '../../../shared/rules/schedule';
import {
  formFieldOf,
  formOfPlan,
  keptOf,
  newPlanForm,
  planOfForm,
  type PlanFormValues,
  type PlanKept,
} from '../../../shared/rules/scheduleForm';
import type { DistrictDoc, MemberDoc, StaffDoc } from '../../../shared/schemas';
import { checkPlan, planActivity, planFromTemplate, updateActivity } from '../../data/activities';
import { useDesk } from '../app/DeskContext';
import { saveErrorText } from '../kit/errors';
import { ClashList } from './ClashList';
import { PlanEnrolment } from './PlanEnrolment';
import { PlanWhatFields } from './PlanWhatFields';
import { PlanWhenFields } from './PlanWhenFields';
import { NoticeLine } from '../kit/Notice';
import { TitledForm } from '../kit/TitledForm';
import { Actions } from '../kit/Actions';
import { useNameOf } from '../kit/PersonName';

/**
 * How the form starts: a plan being changed as it stands, or a new one (from a template, with its
 * title, category, places and length); and what the form keeps but does not edit.
 */
function planStart(today: string, template?: DistrictDoc, editing?: ActivityPlan) {
  if (editing)
    return {
      kept: keptOf(editing),
      defaults: formOfPlan(editing, today),
      readOnlyName: !!editing.templateId,
    };
  const fromTemplate = template
    ? planFromTemplate(template, {
        room: '',
        leaderId: '',
        start: '09:00',
        recurrence: { kind: 'once', date: today },
      })
    : undefined;
  // An adopted template's title and category are the district's: shown, not edited.
  return {
    kept: fromTemplate,
    defaults: newPlanForm(today, fromTemplate),
    readOnlyName: !!template,
  };
}

/** The form's check: validatePlan's errors of the plan it makes, each under its field. */
function planResolver(
  centreId: string,
  enrolled: string[],
  kept?: PlanKept,
): Resolver<PlanFormValues> {
  return async (values) => {
    const errors: Record<string, { type: string; message: string }> = {};
    const plan = planOfForm(values, enrolled, kept);
    for (const e of validatePlan({ ...plan, id: 'form', centreId }))
      errors[formFieldOf(e.field)] ??= { type: 'validate', message: e.problem };
    return Object.keys(errors).length
      ? { values: {}, errors: errors as FieldErrors<PlanFormValues> }
      : { values, errors: {} };
  };
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
  staff: readonly StaffDoc[];
  members: readonly MemberDoc[];
  today: string;
  template?: DistrictDoc;
  /** The activity being changed; a new one when absent. */
  editing?: ActivityPlan;
  onSaved(title: string): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const { desk } = useDesk();
  const [enrolled, setEnrolled] = useState<string[]>(editing?.enrolled ?? []);
  const [clashes, setClashes] = useState<Clash[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const staffName = (id: string) => staff.find((s) => s.id === id)?.name ?? id;
  const memberName = (id: string) => {
    const member = members.find((m) => m.id === id);
    return member ? nameOf(member) : id;
  };

  const start = useMemo(() => planStart(today, template, editing), [today, template, editing]);
  const { kept, defaults } = start;
  const resolver = planResolver(desk.settings.centreId, enrolled, kept);
  const {
    register,
    handleSubmit,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<PlanFormValues>({ defaultValues: defaults, resolver });

  const save = handleSubmit(async (values) => {
    setFailure(null);
    const input = planOfForm(values, enrolled, kept);
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

  return (
    <TitledForm
      titleId="plan-form-title"
      title={editing ? t('schedule.editTitle') : t('schedule.planTitle')}
      className="plan-form"
      // A change to the form asks for a fresh check before saving.
      onChange={() => setClashes(null)}
      onSubmit={save}
    >
      {template && (
        <p className="notice info">{t('schedule.fromTemplate', { title: template.title })}</p>
      )}
      <div className="plan-columns">
        <PlanWhatFields
          fields={{ register, errors }}
          staff={staff}
          readOnlyName={start.readOnlyName}
          category={defaults.category}
        />
        <PlanWhenFields fields={{ register, errors }} repeat={watch('repeat')} />
        <PlanEnrolment
          people={members}
          enrolled={enrolled}
          nameOf={memberName}
          onChange={(ids) => {
            setEnrolled(ids);
            setClashes(null);
          }}
        />
      </div>
      {clashes && <ClashList clashes={clashes} staffName={staffName} memberName={memberName} />}
      <NoticeLine tone="error" text={failure} />
      <Actions
        main={clashes ? t('schedule.saveAnyway') : t('schedule.save')}
        disabled={isSubmitting}
        onCancel={onCancel}
      />
    </TitledForm>
  );
}
