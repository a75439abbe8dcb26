import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ConsentRefused } from '../../data/consents';
import { correctMember } from '../../data/members';
import type { VisibleMember } from '../../data/people';
import { codeText } from '../../i18n/keys';
import { useDesk } from '../app/DeskContext';
import { saveErrorText } from '../kit/errors';
import { Field, fieldAria, InputField } from '../kit/Field';
import type { NoticeText } from '../kit/Notice';
import { TitledForm } from '../kit/TitledForm';
import { AdultFields } from './AdultFields';
import { ChildFields } from './ChildFields';
import { correctionOf, correctionResolver, valuesOf, type CorrectValues } from './correctForm';
import { ElderFields } from './ElderFields';
import { PersonFields } from './PersonFields';

/**
 * 修改信息: the registration form's fields (and its rules), prefilled from the record, and a
 * reason, required. Only what changed is written; the audit log keeps each field's before and
 * after with the reason.
 */
export function CorrectionForm({
  member,
  onDone,
}: {
  member: VisibleMember;
  onDone(message: NoticeText): void;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<CorrectValues>({
    defaultValues: valuesOf(member),
    resolver: correctionResolver,
  });
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = form;
  const problem = (message: string | undefined) =>
    message ? codeText(t, 'problem', message) : null;

  const onSubmit = handleSubmit(async (values) => {
    setFailure(null);
    try {
      await correctMember(desk, member.id, correctionOf(member, values), values.reason);
      onDone({ tone: 'ok', text: t('people.saved') });
    } catch (e) {
      setFailure(
        e instanceof ConsentRefused
          ? e.problems.map((p) => codeText(t, 'problem', p.problem)).join('；')
          : saveErrorText(t, e),
      );
    }
  });

  return (
    // The registration form's components read the form through its context, typed as theirs.
    <FormProvider {...(form as never as ReturnType<typeof useForm>)}>
      <TitledForm
        titleId="correct-title"
        title={t('people.correct')}
        heading="h3"
        className="register correct"
        onSubmit={onSubmit}
      >
        <div className="columns">
          <PersonFields />
          <div>
            {member.kind === 'elder' ? <ElderFields /> : <ChildFields />}
            <AdultFields legend={t('register.emergency')} idPrefix="emergency" path="emergency" />
          </div>
        </div>
        <Field id="note" label={t('register.note')} error={problem(errors.note?.message)}>
          <textarea
            id="note"
            rows={2}
            {...fieldAria('note', problem(errors.note?.message))}
            {...register('note')}
          />
        </Field>
        {!member.withheld.includes('healthNotes') && (
          <Field
            id="healthNotes"
            label={t('people.healthNotes')}
            error={problem(errors.healthNotes?.message)}
          >
            <textarea
              id="healthNotes"
              rows={2}
              {...fieldAria('healthNotes', problem(errors.healthNotes?.message))}
              {...register('healthNotes')}
            />
          </Field>
        )}
        <InputField
          id="correct-reason"
          label={t('people.correctReason')}
          hint={t('people.correctReasonHint')}
          error={problem(errors.reason?.message)}
          {...register('reason')}
        />
        <button type="submit" className="primary" disabled={isSubmitting}>
          {t('people.correctSave')}
        </button>
        {failure && (
          <p className="error" role="alert">
            {failure}
          </p>
        )}
      </TitledForm>
    </FormProvider>
  );
}
