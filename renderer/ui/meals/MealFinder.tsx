import { useMemo, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { MealType } from '../../../shared/rules/meals';
import type { MemberDoc } from '../../../shared/schemas';
import { searchPeople } from '../../../shared/search';
import type { MealsDay } from '../../data/meals';
import { useFinderKeys } from '../kit/hooks';
import { NoticeLine, type Notice } from '../kit/Notice';

/**
 * The serving finder: name, pinyin, initials or a scanned card; Enter serves the one selected (a
 * scanner ends with Enter), each result can also be booked for later.
 */
export function MealFinder({
  inputRef,
  people,
  day,
  mealType,
  notice,
  onServe,
  onReserve,
  onNoMatch,
}: {
  inputRef: RefObject<HTMLInputElement | null>;
  people: readonly MemberDoc[];
  day: MealsDay;
  mealType: MealType;
  /** What the last serving came to, shown under the finder. */
  notice: Notice;
  onServe(member: MemberDoc): void;
  onReserve(member: MemberDoc): void;
  onNoMatch(query: string): void;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const results = useMemo(() => searchPeople(people, query), [people, query]);
  const served = useMemo(
    () => new Set(day.servings.filter((s) => s.mealType === mealType).map((s) => s.memberId)),
    [day.servings, mealType],
  );
  const serve = (member: MemberDoc) => {
    onServe(member);
    setQuery('');
  };
  const { selected, onKeyDown } = useFinderKeys(results, query, setQuery, {
    pick: serve,
    noMatch: onNoMatch,
  });

  return (
    <>
      <label id="meal-finder-label" htmlFor="meal-finder">
        {t('meals.searchLabel')}
      </label>
      <input
        id="meal-finder"
        ref={inputRef}
        className="finder-input"
        autoFocus
        autoComplete="off"
        spellCheck={false}
        value={query}
        placeholder={t('meals.searchPlaceholder')}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <p className="hint">{t('meals.hint')}</p>
      <NoticeLine notice={notice} />
      <ul className="results" aria-label="results">
        {results.map((m, index) => (
          <li key={m.id} className={index === selected ? 'result selected' : 'result'}>
            <span className="name">{m.name}</span>
            <span className="meta">
              {t(`kind.${m.kind}`)}
              {m.allergies?.length
                ? ` · ${t('door.allergy', { allergies: m.allergies.join('、') })}`
                : ''}
              {served.has(m.id) ? ` · ✓ ${t(`meals.mealType.${mealType}`)}` : ''}
            </span>
            <button type="button" onClick={() => onReserve(m)}>
              {t('meals.reserve')}
            </button>
            <button type="button" className="primary" onClick={() => serve(m)}>
              {t('meals.serve')}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
