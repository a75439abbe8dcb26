import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  distinctionText,
  namesakeDistinctions,
  type Distinction,
  type DistinctionWords,
} from '../../../shared/rules/namesakes';
import { peopleOnRecord$ } from '../../data/people';
import { useDeskRead } from './hooks';

/**
 * Namesakes told apart on every screen (shared/rules/namesakes.ts): the provider works out, once
 * for the centre's record as the logged-in role may see it, what tells each namesake apart; every
 * list, finder and dialog names a person through `PersonName` or `useNameOf`, never `person.name`
 * alone.
 */
const Namesakes = createContext<ReadonlyMap<string, Distinction>>(new Map());

/** Around the screens of a logged-in staff member (their role decides what tells people apart). */
export function NamesakesProvider({ children }: { children: ReactNode }) {
  const people = useDeskRead(peopleOnRecord$, []);
  const distinctions = useMemo(() => namesakeDistinctions(people), [people]);
  return <Namesakes.Provider value={distinctions}>{children}</Namesakes.Provider>;
}

/** The words of a distinction in the desk's language ("1948年生", "托小班", "卡尾号0012"). */
export function useDistinctionWords(): DistinctionWords {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      born: (year) => t('namesake.born', { year }),
      childClass: (cls) => t(`childClass.${cls}`),
      card: (tail) => t('namesake.card', { tail }),
    }),
    [t],
  );
}

/** What tells this person from their namesakes, in words ("1948年生 · 托小班"), or null. */
export function useNamesakeDetail(): (person: { id: string }) => string | null {
  const words = useDistinctionWords();
  const distinctions = useContext(Namesakes);
  return useCallback(
    (person) => distinctionText(distinctions.get(person.id), words),
    [distinctions, words],
  );
}

/** A person's name as text (a dialog's title, a message, an aria-label): "王秀英（1948年生）". */
export function useNameOf(): (person: { id: string; name: string }) => string {
  const detail = useNamesakeDetail();
  return useCallback(
    (person) => {
      const d = detail(person);
      return d ? `${person.name}（${d}）` : person.name;
    },
    [detail],
  );
}

/** A person's name in a list or finder, with what tells them from a namesake beside it. */
export function PersonName({ person }: { person: { id: string; name: string } }) {
  const detail = useNamesakeDetail()(person);
  return (
    <>
      {person.name}
      {detail && <span className="namesake"> {detail}</span>}
    </>
  );
}
