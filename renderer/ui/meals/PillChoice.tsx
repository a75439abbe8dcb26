/** One choice of a few, as a row of pills (a radio group): the meal, the way it is served. */
export function PillChoice<T extends string>({
  legend,
  name,
  options,
  value,
  label,
  onChange,
}: {
  legend: string;
  /** The radio group's name. */
  name: string;
  options: readonly T[];
  value: T;
  label(option: T): string;
  onChange(option: T): void;
}) {
  return (
    <fieldset className="meal-pick">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option} className={value === option ? 'pill on' : 'pill'}>
          <input
            type="radio"
            name={name}
            checked={value === option}
            onChange={() => onChange(option)}
          />
          {label(option)}
        </label>
      ))}
    </fieldset>
  );
}
