import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';

/**
 * How a group of choices looks: `plain` boxes in a line (symptoms, an outcome), `pills` in a row
 * (the meal, the way it is served), `big` touch targets (the kind of measurement or visit), or a
 * form's `field` (a person's kind, gender and categories; a plan's repeat and weekdays).
 */
export type ChoicesLook = 'plain' | 'pills' | 'big' | 'field';

const LOOKS: Record<ChoicesLook, { group?: string; option: string; chosen?: string }> = {
  plain: { option: 'check' },
  pills: { group: 'pills', option: 'pill', chosen: 'on' },
  big: { group: 'big-choices', option: 'big-choice', chosen: 'chosen' },
  field: { group: 'field', option: 'choice' },
};

interface GroupProps<T extends string | number | boolean> {
  options: readonly T[];
  /** An option in words. */
  label(option: T): string;
  /**
   * The group's name, shown; without it (and without `groupLabel`) the options stand bare inside
   * the caller's own fieldset.
   */
  legend?: string;
  /** The group's name for screen readers, where no legend is shown. */
  groupLabel?: string;
  look?: ChoicesLook;
  /** What follows the options inside the group: a hint, the group's `FieldError`. */
  children?: ReactNode;
}

/**
 * A group of radio buttons or tick boxes, one label each, the one part behind every coded choice
 * on the desk. The inputs' state is the caller's: `input` gives each option's `checked` and
 * `onChange` (see `RadioGroup`, `CheckGroup`) or a form's `register`.
 */
export function ChoiceGroup<T extends string | number | boolean>({
  type,
  options,
  label,
  legend,
  groupLabel,
  look = 'plain',
  invalid,
  isChosen,
  input,
  children,
}: GroupProps<T> & {
  type: 'radio' | 'checkbox';
  invalid?: boolean;
  /** Marks the chosen options' labels, where the look shows it. */
  isChosen?(option: T): boolean;
  input(option: T): InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> };
}) {
  const classes = LOOKS[look];
  const boxes = options.map((option) => (
    <label
      key={String(option)}
      className={
        classes.chosen && isChosen?.(option)
          ? `${classes.option} ${classes.chosen}`
          : classes.option
      }
    >
      <input type={type} {...input(option)} />
      {label(option)}
    </label>
  ));
  if (!legend && !groupLabel)
    return (
      <>
        {boxes}
        {children}
      </>
    );
  return (
    <fieldset
      className={classes.group}
      aria-label={groupLabel}
      aria-invalid={invalid ? true : undefined}
    >
      {legend && <legend>{legend}</legend>}
      {boxes}
      {children}
    </fieldset>
  );
}

/** One choice of a few, as radio buttons with one name (the keyboard moves between them). */
export function RadioGroup<T extends string | number | boolean>({
  value,
  onChange,
  name,
  ...group
}: GroupProps<T> & {
  value: T;
  // Not a source of T: a state setter (which takes a function too) must not widen it.
  onChange(option: NoInfer<T>): void;
  /** The radio group's name; a generated one when left out. */
  name?: string;
}) {
  const generated = useId();
  return (
    <ChoiceGroup
      type="radio"
      {...group}
      isChosen={(option) => option === value}
      input={(option) => ({
        name: name ?? generated,
        checked: option === value,
        onChange: () => onChange(option),
      })}
    />
  );
}

/** Tick boxes for a list of coded values (symptoms, observations); the caller holds the ticks. */
export function CheckGroup<T extends string>({
  chosen,
  onChange,
  ...group
}: GroupProps<T> & { chosen: readonly NoInfer<T>[]; onChange(chosen: NoInfer<T>[]): void }) {
  const toggle = (option: T) =>
    onChange(chosen.includes(option) ? chosen.filter((c) => c !== option) : [...chosen, option]);
  return (
    <ChoiceGroup
      type="checkbox"
      {...group}
      isChosen={(option) => chosen.includes(option)}
      input={(option) => ({ checked: chosen.includes(option), onChange: () => toggle(option) })}
    />
  );
}
