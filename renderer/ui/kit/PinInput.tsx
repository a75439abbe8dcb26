import type { ComponentProps, ReactNode } from 'react';
import { Field, fieldAria } from './Field';

/**
 * A staff PIN: hidden as it is typed, the number pad on a touch screen, 4 to 8 digits and nothing
 * else (anything not a digit is dropped as it is typed). The rest (id, aria, ref) is the caller's.
 */
export function PinInput({
  value,
  onChange,
  ...rest
}: Omit<ComponentProps<'input'>, 'value' | 'onChange' | 'type'> & {
  value: string;
  onChange(digits: string): void;
}) {
  return (
    <input
      {...rest}
      type="password"
      inputMode="numeric"
      autoComplete="off"
      maxLength={8}
      value={value}
      onChange={(e) => onChange(e.target.value.replace(/\D/g, ''))}
    />
  );
}

/** A PIN in a Field: its label, the PIN input (given the field's id and aria), its error. */
export function PinField({
  id,
  label,
  error,
  inline,
  value,
  onChange,
}: {
  id: string;
  label: ReactNode;
  error: string | null;
  inline?: boolean;
  value: string;
  onChange(digits: string): void;
}) {
  return (
    <Field id={id} label={label} error={error} inline={inline}>
      <PinInput id={id} value={value} onChange={onChange} {...fieldAria(id, error)} />
    </Field>
  );
}
