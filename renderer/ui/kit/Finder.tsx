import type { KeyboardEvent, ReactNode, Ref } from 'react';

/**
 * A finder's search box: its label, the input (big, no autocomplete or spell-check, since it takes
 * names, pinyin initials and scanned card numbers) and an optional hint under it.
 */
export function FinderInput({
  id,
  label,
  labelId,
  value,
  onChange,
  placeholder,
  hint,
  onKeyDown,
  inputRef,
  autoFocus,
}: {
  id: string;
  label: ReactNode;
  /** The label's own id, when the section around the finder is named by it. */
  labelId?: string;
  value: string;
  onChange(value: string): void;
  placeholder?: string;
  hint?: ReactNode;
  /** The finder's keys (`useFinderKeys`), where the results can be taken with the keyboard. */
  onKeyDown?(event: KeyboardEvent<HTMLInputElement>): void;
  inputRef?: Ref<HTMLInputElement>;
  autoFocus?: boolean;
}) {
  const hintId = `${id}-hint`;
  return (
    <>
      <label id={labelId} htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        ref={inputRef}
        className="finder-input"
        autoFocus={autoFocus}
        autoComplete="off"
        spellCheck={false}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby={hint ? hintId : undefined}
      />
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
    </>
  );
}

/** The list a finder shows: one `Result` per person found (or per case to open, by person). */
export function Results({ label, children }: { label?: string; children: ReactNode }) {
  return (
    <ul className="results" aria-label={label}>
      {children}
    </ul>
  );
}

/**
 * One person in a finder's list: the name, a line about them, and the actions (buttons) the
 * screen offers. `selected` marks the one Enter would take (`useFinderKeys`).
 */
export function Result({
  name,
  meta,
  selected,
  children,
}: {
  name: ReactNode;
  meta: ReactNode;
  selected?: boolean;
  children: ReactNode;
}) {
  return (
    <li className={selected ? 'result selected' : 'result'}>
      <span className="name">{name}</span>
      <span className="meta">{meta}</span>
      {children}
    </li>
  );
}
