import type { ComponentProps } from 'react';

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
