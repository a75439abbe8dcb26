import { useFormContext } from 'react-hook-form';
import type { FormValues } from './registerForm';
import { ChoiceGroup } from '../kit/Choices';
import { FieldError } from '../kit/Field';

/** The form's fields that take coded values: one (`kind`, `gender`) or several (the rest). */
type ChoicePath = 'kind' | 'gender' | 'categories' | 'diets';
const SEVERAL: readonly ChoicePath[] = ['categories', 'diets'];

/** A field of coded values as a named group: radio buttons for one, tick boxes for several. */
export function Choices<T extends string>({
  legend,
  path,
  options,
  label,
  problem,
}: {
  legend: string;
  path: ChoicePath;
  options: readonly T[];
  label(option: T): string;
  problem?: string | null;
}) {
  const { register } = useFormContext<FormValues>();
  return (
    <ChoiceGroup
      type={SEVERAL.includes(path) ? 'checkbox' : 'radio'}
      look="field"
      legend={legend}
      invalid={Boolean(problem)}
      options={options}
      label={label}
      input={(option) => ({ value: option, ...register(path) })}
    >
      <FieldError error={problem} />
    </ChoiceGroup>
  );
}
