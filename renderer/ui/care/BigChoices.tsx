import type { ReactNode } from 'react';

/**
 * One choice of a few as big touch targets (a radio group): the kind of measurement, the kind of
 * visit, whether the elder was reached. Named by its legend, or by `label` where there is none;
 * `children` (a hint, the field's error) follow the choices.
 */
export function BigChoices<T extends string | boolean>({
  legend,
  label,
  name,
  options,
  value,
  optionLabel,
  onChange,
  children,
}: {
  legend?: string;
  label?: string;
  /** The radio group's name. */
  name: string;
  options: readonly T[];
  value: T;
  optionLabel(option: T): string;
  // Not a source of T: a state setter (which takes a function too) must not widen it.
  onChange(option: NoInfer<T>): void;
  children?: ReactNode;
}) {
  return (
    <fieldset className="big-choices" aria-label={label}>
      {legend && <legend>{legend}</legend>}
      {options.map((option) => (
        <label
          key={String(option)}
          className={value === option ? 'big-choice chosen' : 'big-choice'}
        >
          <input
            type="radio"
            name={name}
            checked={value === option}
            onChange={() => onChange(option)}
          />
          {optionLabel(option)}
        </label>
      ))}
      {children}
    </fieldset>
  );
}
