import { useMemo, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { MealType } from '../../../shared/rules/meals';
import type { MemberDoc } from '../../../shared/schemas';
import type { MealsDay } from '../../data/meals';
import { ScanFinder } from '../kit/Finder';
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
  const served = useMemo(
    () => new Set(day.servings.filter((s) => s.mealType === mealType).map((s) => s.memberId)),
    [day.servings, mealType],
  );

  return (
    <ScanFinder
      id="meal-finder"
      label={t('meals.searchLabel')}
      placeholder={t('meals.searchPlaceholder')}
      hint={t('meals.hint')}
      inputRef={inputRef}
      people={people}
      onPick={(m) => {
        onServe(m);
        return true;
      }}
      onNoMatch={onNoMatch}
      meta={(m) => (
        <>
          {t(`kind.${m.kind}`)}
          {m.allergies?.length
            ? ` · ${t('door.allergy', { allergies: m.allergies.join('、') })}`
            : ''}
          {served.has(m.id) ? ` · ✓ ${t(`meals.mealType.${mealType}`)}` : ''}
        </>
      )}
      actions={(m, serve) => (
        <>
          <button type="button" onClick={() => onReserve(m)}>
            {t('meals.reserve')}
          </button>
          <button type="button" className="primary" onClick={serve}>
            {t('meals.serve')}
          </button>
        </>
      )}
    >
      <NoticeLine notice={notice} />
    </ScanFinder>
  );
}
