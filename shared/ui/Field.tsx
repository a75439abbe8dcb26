import type { ComponentProps, ReactNode } from 'react';

/** What every field has around its control: the control's id, its label, hint and error. */
interface FieldFrame {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null | undefined;
  inline?: boolean;
}

/**
 * One form field, on the desk and the dashboard alike: its label, the control, an optional hint and the error that names what to fix.
 * The control itself is the caller's (an input, a select, a react-hook-form `register`), given
 * `id` = `htmlFor`; `errorId(id)` and `hintId(id)` are what its `aria-describedby` should name.
 */
export function Field({
  id,
  label,
  hint,
  error,
  inline,
  className,
  children,
}: FieldFrame & { className?: string; children: ReactNode }) {
  const classes = ['field', inline ? 'inline' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <div className={classes}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <span className="help" id={hintId(id)}>
          {hint}
        </span>
      )}
      <FieldError id={errorId(id)} error={error} />
    </div>
  );
}

/**
 * What to fix, said at once (`alert`): under a field, or under a group of choices or a row whose
 * control is not one field. Nothing when there is nothing to fix.
 */
export function FieldError({
  id,
  error,
}: {
  id?: string;
  error: string | null | undefined | false;
}) {
  if (!error) return null;
  return (
    <span className="field-error" role="alert" id={id}>
      {error}
    </span>
  );
}

/** A field's props parted into its frame (for `Field`) and the rest (for its control). */
function frameOf<P extends FieldFrame>({ id, label, hint, error, inline, ...control }: P) {
  return [{ id, label, hint, error, inline }, control] as const;
}

/**
 * A Field whose control is one input, given the field's id and its `aria-*` (invalid, described by
 * the error and the hint; a caller that names more, e.g. a note above the form, gives its own).
 * The rest is the input's: its value and onChange, or a form's `register`.
 */
export function InputField(props: FieldFrame & Omit<ComponentProps<'input'>, 'id'>) {
  const [frame, input] = frameOf(props);
  return (
    <Field {...frame}>
      <input id={frame.id} {...fieldAria(frame.id, frame.error, Boolean(frame.hint))} {...input} />
    </Field>
  );
}

/** A Field whose control is a select, given the field's id and aria; its `Options` are the caller's. */
export function SelectField(props: FieldFrame & Omit<ComponentProps<'select'>, 'id'>) {
  const [frame, select] = frameOf(props);
  return (
    <Field {...frame}>
      <select
        id={frame.id}
        {...fieldAria(frame.id, frame.error, Boolean(frame.hint))}
        {...select}
      />
    </Field>
  );
}

/**
 * A select's options: coded values (the value is the code) or records (`value` names the one to
 * keep, e.g. an id), each in words; `none` first, as the empty choice, where there may be none.
 */
export function Options<T>({
  options,
  label,
  value = String,
  none,
}: {
  options: readonly T[];
  label(option: T): ReactNode;
  value?(option: T): string;
  none?: ReactNode;
}) {
  return (
    <>
      {none !== undefined && <option value="">{none}</option>}
      {options.map((option) => (
        <option key={value(option)} value={value(option)}>
          {label(option)}
        </option>
      ))}
    </>
  );
}

export const errorId = (id: string) => `${id}-error`;
export const hintId = (id: string) => `${id}-help`;

/** The `aria-*` a control inside a Field takes: invalid when it has an error, described by it. */
export function fieldAria(id: string, error?: string | null, hint?: boolean) {
  const describedBy = [error ? errorId(id) : null, hint ? hintId(id) : null].filter(Boolean);
  return {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy.length ? describedBy.join(' ') : undefined,
  } as const;
}
