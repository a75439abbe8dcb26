import type { ComponentProps, ReactNode } from 'react';

/**
 * A small input with its words in front and the label around both, on the desk and the dashboard
 * alike: for a row repeated down a list (a dish, a delivery, a session), a toolbar or a one-line
 * form, where a Field's ids would repeat or a Field's frame is too much.
 */
export function LabelledInput({ label, ...input }: { label: ReactNode } & ComponentProps<'input'>) {
  return (
    <label>
      {label} <input {...input} />
    </label>
  );
}

/** One tick box with its words after it (a filter, a fact to confirm); the state is the caller's. */
export function CheckBox({
  label,
  ...input
}: { label: ReactNode } & Omit<ComponentProps<'input'>, 'type'>) {
  return (
    <label className="check">
      <input type="checkbox" {...input} />
      {label}
    </label>
  );
}
