import {
  useEffect,
  useMemo,
  useState,
  type KeyboardEvent,
  type ReactNode,
  type Ref,
  type RefObject,
} from 'react';
import { useTranslation } from 'react-i18next';
import { enterMayPick, hasNamesakes } from '../../../shared/rules/namesakes';
import { scorePeople, type SearchablePerson } from '../../../shared/search';
import { useFinderKeys } from './hooks';
import { PersonName } from './PersonName';

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

/**
 * The finder a barcode scanner types into (check-in, serving): the box has the focus, Enter takes
 * the selected result (a scanner ends with Enter) or says nothing matched, and taking someone
 * clears the box for the next scan once `onPick` says it is done. The box's label has the id
 * `${id}-label`, for the section around the finder to be named by it.
 */
export function ScanFinder<P extends SearchablePerson>({
  id,
  label,
  placeholder,
  hint,
  inputRef,
  people,
  onPick,
  onNoMatch,
  noMatch,
  meta,
  actions,
  children,
}: {
  id: string;
  label: string;
  placeholder: string;
  hint: ReactNode;
  inputRef: RefObject<HTMLInputElement | null>;
  /** Whom the box finds. */
  people: readonly P[];
  /** Takes a person (Enter, or a result's button); true when done, which clears the box. */
  onPick(person: P): boolean | Promise<boolean>;
  onNoMatch(query: string): void;
  /** Said under the results when nothing matches what is typed. */
  noMatch?(query: string): ReactNode;
  /** What is said of each person after the name. */
  meta(person: P): ReactNode;
  /** A result's buttons; `pick` takes the person as Enter would. */
  actions(person: P, pick: () => void): ReactNode;
  /** Between the box and the results, where the eyes are: what the last scan came to. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const scored = useMemo(() => scorePeople(people, query), [people, query]);
  const results = useMemo(() => scored.map((s) => s.person), [scored]);
  // Enter held back between namesakes: said until the query changes or the worker chooses.
  const [mustChoose, setMustChoose] = useState(false);
  useEffect(() => setMustChoose(false), [query]);
  const pick = (person: P) =>
    void Promise.resolve(onPick(person)).then((done) => {
      if (done) setQuery('');
    });
  const { selected, chosen, onKeyDown } = useFinderKeys(results, query, setQuery, {
    pick,
    noMatch: onNoMatch,
    mayPick: (index, byWorker) => enterMayPick(scored, index, byWorker),
    refused: () => setMustChoose(true),
  });
  // Until the worker chooses, no namesake is marked as the one Enter takes.
  const marked = chosen || !hasNamesakes(results) ? selected : -1;
  return (
    <>
      <FinderInput
        id={id}
        labelId={`${id}-label`}
        label={label}
        inputRef={inputRef}
        autoFocus
        value={query}
        placeholder={placeholder}
        onChange={setQuery}
        onKeyDown={onKeyDown}
        hint={hint}
      />
      {children}
      {mustChoose && !chosen && (
        <p className="notice warn" role="status">
          {t('namesake.chooseOne')}
        </p>
      )}
      {/* Named alike on every scanning screen (the end-to-end tests find it by this name). */}
      <Results label="results">
        {results.map((person, index) => (
          <Result
            key={person.id}
            name={<PersonName person={person} />}
            meta={meta(person)}
            selected={index === marked}
          >
            {actions(person, () => pick(person))}
          </Result>
        ))}
      </Results>
      {noMatch && query.trim() && results.length === 0 && <p className="empty">{noMatch(query)}</p>}
    </>
  );
}
