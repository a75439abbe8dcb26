import { useEffect, useMemo, useState } from 'react';
import type { Observable } from 'rxjs';
import { DEFAULT_RULES, type CentreRules } from '../../shared/rules/settings';
import { rules$ } from '../data/rules';
import { useDesk } from './DeskContext';

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
