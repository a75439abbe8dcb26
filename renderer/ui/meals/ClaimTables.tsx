import { useTranslation } from 'react-i18next';
import { DEFAULT_DAILY_RULES } from '../../../shared/rules/dailySettings';
import { MEAL_TYPES, type MealClaim, type MealType } from '../../../shared/rules/meals';
import { yuan } from '../../data/meals';
import { dailyRulesInForce$ } from '../../data/rules';
import { useDeskRead } from '../kit/hooks';
import { categoryName } from '../kit/categoryName';
import { ExcludedServings } from './ExcludedServings';

/**
 * The claim's tables: meals and amounts per subsidy category and meal, the total, where the rates
 * came from, and the servings left out of the claim with the reason.
 */
export function ClaimTables({
  claim,
  nameOf,
  sheet = false,
}: {
  claim: MealClaim;
  nameOf(memberId: string): string;
  /** On the printed sheet the records left out of the claim are shown open. */
  sheet?: boolean;
}) {
  const { t } = useTranslation();
  const inForce = useDeskRead(dailyRulesInForce$, null);
  const rules = inForce?.rules ?? DEFAULT_DAILY_RULES;
  const meal = (m: MealType) => t(`meals.mealType.${m}`);
  return (
    <>
      {claim.categories.length === 0 ? (
        <p className="empty">{t('meals.noClaim')}</p>
      ) : (
        <table className="grid claim" aria-label={t('meals.claimTitle', { month: claim.month })}>
          <thead>
            <tr>
              <th rowSpan={2}>{t('meals.claimCols.category')}</th>
              {MEAL_TYPES.map((m) => (
                <th key={m} colSpan={2}>
                  {meal(m)}
                </th>
              ))}
              <th colSpan={2}>{t('meals.total')}</th>
            </tr>
            <tr>
              {[...MEAL_TYPES, 'total'].map((m) => [
                <th key={`${m}-n`}>{t('meals.claimCols.meals')}</th>,
                <th key={`${m}-a`}>{t('meals.claimCols.amount')}</th>,
              ])}
            </tr>
          </thead>
          <tbody>
            {claim.categories.map((c) => (
              <tr key={c.subsidyCategory} data-category={c.subsidyCategory}>
                <td>
                  {categoryName(t, c.subsidyCategory)}
                  <span className="rate">
                    {t('meals.rates', {
                      list: MEAL_TYPES.map((m) => {
                        const fen = rules.mealSubsidies[c.subsidyCategory]?.[m];
                        return fen === undefined ? null : `${meal(m)} ${yuan(fen)}`;
                      })
                        .filter(Boolean)
                        .join(' · '),
                    })}
                  </span>
                </td>
                {MEAL_TYPES.map((m) => [
                  <td key={`${m}-n`} className="num">
                    {c.byMealType[m].count}
                  </td>,
                  <td key={`${m}-a`} className="num">
                    {yuan(c.byMealType[m].amountFen)}
                  </td>,
                ])}
                <td className="num">{c.count}</td>
                <td className="num strong">{yuan(c.amountFen)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th colSpan={7}>{t('meals.total')}</th>
              <th className="num">{claim.count}</th>
              <th className="num">{yuan(claim.amountFen)}</th>
            </tr>
          </tfoot>
        </table>
      )}
      <p className="claim-total" role="status">
        {t('meals.claimTotal', { count: claim.count, amount: yuan(claim.amountFen) })}
      </p>
      <p className="hint">
        {inForce?.district
          ? t('meals.rulesFromDistrict', { title: inForce.district.title })
          : t('meals.rulesNote')}
      </p>
      <ExcludedServings excluded={claim.excluded} nameOf={nameOf} open={sheet} />
    </>
  );
}
