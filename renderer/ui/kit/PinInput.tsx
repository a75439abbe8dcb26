import type { ComponentProps } from 'react';

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
