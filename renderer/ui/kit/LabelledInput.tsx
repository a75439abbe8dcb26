import type { ComponentProps, ReactNode } from 'react';

/**
 * A small input with its words in front and the label around both: for a row repeated down a
 * list (a dish, a delivery, a session) or a one-line form, where a Field's ids would repeat.
 */
export function LabelledInput({ label, ...input }: { label: ReactNode } & ComponentProps<'input'>) {
  return (
    <label>
      {label} <input {...input} />
    </label>
  );
}
