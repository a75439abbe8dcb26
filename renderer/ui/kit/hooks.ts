import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import type { Observable } from 'rxjs';
import { DEFAULT_RULES, type CentreRules } from '../../../shared/rules/settings';
import type { Desk } from '../../data/desk';
import { rules$ } from '../../data/rules';
import { useDesk } from '../app/DeskContext';

/** The latest value of an observable, re-rendering on change. */
export function useObservable<T>(source: Observable<T> | null, initial: T): T {
  const [value, setValue] = useState(initial);
  useEffect(() => {
    if (!source) return undefined;
    const subscription = source.subscribe(setValue);
    return () => subscription.unsubscribe();
  }, [source]);
  return value;
}

/**
 * A reactive read of the store (renderer/data), e.g. `useDeskRead(peopleInCare$, [], 'child')`: the
 * latest value, read again when the desk or an argument changes. Arguments are compared as a
 * hook's dependencies are, so they must keep their identity between renders (a day, a kind, a
 * value from state).
 */
export function useDeskRead<T, A extends readonly unknown[], I = T>(
  read: (desk: Desk, ...args: A) => Observable<T>,
  /** What to show until the first value arrives (nothing yet: `null`, or an empty list). */
  initial: I,
  ...args: A
): T | I {
  const { desk } = useDesk();
  const source = useMemo(
    () => read(desk, ...args),
    // What the read depends on is exactly the desk and its arguments (the read is a module's).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [read, desk, ...args],
  );
  return useObservable<T | I>(source, initial);
}

/** The centre's rules as they stand now (renderer/data/rules.ts), re-rendering when they change. */
export function useRules(): CentreRules {
  const { desk } = useDesk();
  const source = useMemo(() => rules$(desk), [desk]);
  return useObservable(source, DEFAULT_RULES);
}

/**
 * While a printable sheet is open, only the sheet prints: the rest of the desk is hidden by the
 * print stylesheet (`body.printing-sheet #root`).
 */
export function usePrintingSheet(): void {
  useEffect(() => {
    document.body.classList.add('printing-sheet');
    return () => document.body.classList.remove('printing-sheet');
  }, []);
}

/**
 * A finder's keys, the same on every screen that has one: ↑/↓ move through the results, Enter
 * takes the one selected (`pick`) or says nothing matched (`noMatch`), Escape clears the query.
 * The selection goes back to the first result whenever the query changes. `mayPick` can hold
 * Enter back (namesakes among the results: shared/rules/namesakes.ts `enterMayPick`), given
 * whether the worker has moved the selection themselves; `refused` is then told why.
 */
export function useFinderKeys<T>(
  results: readonly T[],
  query: string,
  setQuery: (query: string) => void,
  on: {
    pick(found: T): void;
    noMatch(query: string): void;
    mayPick?(selected: number, chosenByWorker: boolean): boolean;
    refused?(): void;
  },
) {
  const [selected, setSelected] = useState(0);
  const [chosen, setChosen] = useState(false);
  useEffect(() => {
    setSelected(0);
    setChosen(false);
  }, [query]);
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      setSelected((i) => Math.min(i + 1, Math.max(results.length - 1, 0)));
      setChosen(true);
      event.preventDefault();
    } else if (event.key === 'ArrowUp') {
      setSelected((i) => Math.max(i - 1, 0));
      setChosen(true);
      event.preventDefault();
    } else if (event.key === 'Enter') {
      const found = results[selected];
      if (found && on.mayPick && !on.mayPick(selected, chosen)) on.refused?.();
      else if (found) on.pick(found);
      else if (query.trim()) on.noMatch(query);
      event.preventDefault();
    } else if (event.key === 'Escape') setQuery('');
  }
  return { selected, chosen, onKeyDown };
}
