import { useMemo, useState, type ReactNode } from 'react';
import { compareNames, searchPeople, type SearchablePerson } from '../../../shared/search';
import { FinderInput, Result, Results } from './Finder';
import { PersonName } from './PersonName';

/**
 * Finds a person to open: a field for name, pinyin, initials (or a scanned card) and the people
 * who match, each with a button. With `browse`, an empty field lists everyone by pinyin; the
 * person open now is marked selected. The health records and the people screen use it.
 */
export function PersonFinder<P extends SearchablePerson>({
  id,
  label,
  listLabel,
  openLabel,
  people,
  meta,
  onOpen,
  openId = null,
  limit = 20,
  browse = false,
}: {
  id: string;
  label: string;
  /** The results list's accessible name. */
  listLabel: string;
  openLabel: string;
  people: readonly P[];
  /** What is said of each person after the name (kind, birth date…). */
  meta(person: P): ReactNode;
  onOpen(person: P): void;
  openId?: string | null;
  limit?: number;
  browse?: boolean;
}) {
  const [query, setQuery] = useState('');
  const shown = useMemo(
    () =>
      query.trim()
        ? searchPeople(people, query, limit)
        : browse
          ? [...people].sort(compareNames).slice(0, limit)
          : [],
    [people, query, limit, browse],
  );
  return (
    <>
      <FinderInput id={id} label={label} value={query} onChange={setQuery} />
      <Results label={listLabel}>
        {shown.map((p) => (
          <Result
            key={p.id}
            name={<PersonName person={p} />}
            meta={meta(p)}
            selected={p.id === openId}
          >
            <button type="button" onClick={() => onOpen(p)}>
              {openLabel}
            </button>
          </Result>
        ))}
      </Results>
    </>
  );
}
