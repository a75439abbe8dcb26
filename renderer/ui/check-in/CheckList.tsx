import { useId, type ReactNode } from 'react';

interface ListProps<T extends string> {
  options: readonly T[];
  label(option: T): string;
  /** With a legend the boxes come as their own fieldset; without, inside the caller's. */
  legend?: string;
}

/** The boxes in a fieldset named by `legend`, or bare. */
function Group({ legend, children }: { legend: string | undefined; children: ReactNode }) {
  return legend ? (
    <fieldset>
      <legend>{legend}</legend>
      {children}
    </fieldset>
  ) : (
    children
  );
}

/** Tick boxes for a list of coded values (symptoms, observations); the caller holds the ticks. */
export function CheckList<T extends string>({
  options,
  label,
  legend,
  chosen,
  onChange,
}: ListProps<T> & { chosen: readonly NoInfer<T>[]; onChange(chosen: NoInfer<T>[]): void }) {
  return (
    <Group legend={legend}>
      {options.map((option) => (
        <label key={option} className="check">
          <input
            type="checkbox"
            checked={chosen.includes(option)}
            onChange={() =>
              onChange(
                chosen.includes(option) ? chosen.filter((c) => c !== option) : [...chosen, option],
              )
            }
          />
          {label(option)}
        </label>
      ))}
    </Group>
  );
}

/** One choice among coded values (an outcome, what to correct), as radio buttons. */
export function RadioList<T extends string>({
  options,
  label,
  legend,
  chosen,
  onChange,
}: ListProps<T> & { chosen: NoInfer<T>; onChange(chosen: NoInfer<T>): void }) {
  // One name for the group, so the keyboard moves between its buttons as one choice.
  const name = useId();
  return (
    <Group legend={legend}>
      {options.map((option) => (
        <label key={option} className="check">
          <input
            type="radio"
            name={name}
            checked={chosen === option}
            onChange={() => onChange(option)}
          />
          {label(option)}
        </label>
      ))}
    </Group>
  );
}
