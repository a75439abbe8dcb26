import type { InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import type { PlanFormValues } from '../../../shared/rules/scheduleForm';
import { codeText } from '../../i18n/keys';
import { InputField } from '../kit/Field';

/** The plan form's fields as its parts need them: to register a control, and the errors. */
export interface PlanFormFields {
  register: UseFormRegister<PlanFormValues>;
  errors: FieldErrors<PlanFormValues>;
}

/** The id of a plan field's control (its error is `errorId` of it: `plan-title-error`). */
export const planFieldId = (name: keyof PlanFormValues) => `plan-${name}`;

/** What is wrong with a plan field, in words; undefined when nothing is. */
export function planProblem(
  t: TFunction,
  fields: PlanFormFields,
  name: keyof PlanFormValues,
): string | undefined {
  const message = fields.errors[name]?.message;
  return message ? codeText(t, 'schedule.problem', message) : undefined;
}

/** A text field of the plan form: its label, the input registered with the form, its error. */
export function PlanField({
  fields,
  name,
  label,
  ...input
}: {
  fields: PlanFormFields;
  name: keyof PlanFormValues;
  label: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'id'>) {
  const { t } = useTranslation();
  const id = planFieldId(name);
  const error = planProblem(t, fields, name);
  return <InputField id={id} label={label} error={error} {...input} {...fields.register(name)} />;
}
