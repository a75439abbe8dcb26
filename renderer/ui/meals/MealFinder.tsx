import { useMemo, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { MealType } from '../../../shared/rules/meals';
import type { MemberDoc } from '../../../shared/schemas';
import { searchPeople } from '../../../shared/search';
import type { MealsDay } from '../../data/meals';
import { FinderInput, Result, Results } from '../kit/Finder';
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
      <FinderInput
        id="meal-finder"
        labelId="meal-finder-label"
        label={t('meals.searchLabel')}
        inputRef={inputRef}
        autoFocus
        value={query}
        placeholder={t('meals.searchPlaceholder')}
        onChange={setQuery}
        onKeyDown={onKeyDown}
        hint={t('meals.hint')}
      />
      <NoticeLine notice={notice} />
      <Results label="results">
        {results.map((m, index) => (
          <Result
            key={m.id}
            name={m.name}
            selected={index === selected}
            meta={
              <>
                {t(`kind.${m.kind}`)}
                {m.allergies?.length
                  ? ` · ${t('door.allergy', { allergies: m.allergies.join('、') })}`
                  : ''}
                {served.has(m.id) ? ` · ✓ ${t(`meals.mealType.${mealType}`)}` : ''}
              </>
            }
          >
            <button type="button" onClick={() => onReserve(m)}>
              {t('meals.reserve')}
            </button>
            <button type="button" className="primary" onClick={() => serve(m)}>
              {t('meals.serve')}
            </button>
          </Result>
        ))}
      </Results>
    </>
  );
}
