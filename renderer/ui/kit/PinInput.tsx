import type { ComponentProps, ReactNode } from 'react';
import { Field, fieldAria } from './Field';

/**
 * A staff PIN: hidden as it is typed, the number pad on a touch screen, 4 to 8 digits and nothing
 * else (anything not a digit is dropped as it is typed). With `password`, a manager's password
 * instead: any characters, up to 64, on the ordinary keyboard (shared/validation/secrets.ts).
 * The rest (id, aria, ref) is the caller's.
 */
export function PinInput({
  value,
  onChange,
  password = false,
  ...rest
}: Omit<ComponentProps<'input'>, 'value' | 'onChange' | 'type'> & {
  value: string;
  onChange(secret: string): void;
  password?: boolean;
}) {
  return (
    <input
      {...rest}
      type="password"
      inputMode={password ? 'text' : 'numeric'}
      autoComplete="off"
      maxLength={password ? 64 : 8}
      value={value}
      onChange={(e) => onChange(password ? e.target.value : e.target.value.replace(/\D/g, ''))}
    />
  );
}

/** A PIN (or with `password`, a manager's password) in a Field: its label, the PIN input (given the field's id and aria), its error. */
export function PinField({
  id,
  label,
  error,
  inline,
  value,
  onChange,
  password,
}: {
  id: string;
  label: ReactNode;
  error: string | null;
  inline?: boolean;
  value: string;
  onChange(secret: string): void;
  /** A manager's password rather than a PIN (see PinInput). */
  password?: boolean;
}) {
  return (
    <Field id={id} label={label} error={error} inline={inline}>
      <PinInput
        id={id}
        password={password}
        value={value}
        onChange={onChange}
        {...fieldAria(id, error)}
      />
    </Field>
  );
}
