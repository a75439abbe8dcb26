import type { InputHTMLAttributes, ReactNode } from 'react';
import { useFormContext } from 'react-hook-form';
import { InputField } from '../kit/Field';
import { useProblemAt, type FormValues } from './registerForm';

/** The registration form's free-text fields, by their path in the form's values. */
export type TextPath =
  | 'name'
  | 'idNumber'
  | 'birthDate'
  | 'phone'
  | 'allergies'
  | 'chronicConditions'
  | 'consentBy'
  | 'consentRelation';

/** One text input of the registration form in a `Field`, its problem from the form's rules. */
export function TextField({
  path,
  label,
  hint,
  inline,
  onBlur,
  ...input
}: {
  path: TextPath;
  label: ReactNode;
  hint?: ReactNode;
  inline?: boolean;
  /** Runs after the form has taken the value (e.g. an ID number fills in what it says). */
  onBlur?: () => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onBlur' | 'onChange' | 'name'>) {
  const { register } = useFormContext<FormValues>();
  const problem = useProblemAt()(path);
  return (
    <InputField
      id={path}
      label={label}
      hint={hint}
      error={problem}
      inline={inline ?? false}
      {...input}
      {...register(path, onBlur ? { onBlur } : {})}
    />
  );
}
