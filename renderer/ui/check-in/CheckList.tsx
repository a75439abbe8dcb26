/**
 * Tick boxes for a list of coded values (symptoms, observations), each labelled in words; the
 * caller holds which are ticked. Only the boxes: the caller's fieldset gives them their legend.
 */
export function CheckList<T extends string>({
  options,
  chosen,
  onChange,
  label,
}: {
  options: readonly T[];
  chosen: readonly T[];
  onChange(chosen: T[]): void;
  label(option: T): string;
}) {
  return options.map((option) => (
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
  ));
}
