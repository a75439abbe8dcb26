import { useTranslation } from 'react-i18next';
import { format } from 'date-fns';
import { MEAL_TYPES, type MealType } from '../../../shared/rules/meals';
import { RISK_LEVELS } from '../../../shared/schemas/members';
import { dailyRulesInForce$ } from '../../data/rules';
import { yuan } from '../../data/meals';
import { useDeskRead } from '../kit/hooks';
import { Table } from '../kit/Table';
import { categoryName } from '../kit/categoryName';

/**
 * The daily rules in force, read-only: the district decides meal subsidies, visit frequencies
 * and food-sample rules for every centre (they arrive with the sync), so the desk only shows them.
 */
export function DailyRulesView() {
  const { t } = useTranslation();
  const state = useDeskRead(dailyRulesInForce$, null);
  if (!state) return null;
  const { rules, district, districtProblems } = state;
  const meal = (m: MealType) => t(`meals.mealType.${m}`);
  return (
    <section className="panel daily-rules" aria-labelledby="daily-rules-title">
      <h2 id="daily-rules-title">{t('dailyRules.title')}</h2>
      <p className="hint" id="daily-rules-source">
        {district
          ? t('dailyRules.fromDistrict', {
              title: district.title,
              date: format(new Date(district.publishedAt), 'yyyy-MM-dd HH:mm'),
            })
          : t('dailyRules.defaults')}
      </p>
      {districtProblems.length > 0 && (
        <p className="notice warn" role="alert">
          {t('dailyRules.refused', { fields: districtProblems.map((p) => p.field).join('、') })}
        </p>
      )}
      <Table
        caption={t('dailyRules.subsidies')}
        label={t('dailyRules.subsidies')}
        columns={[t('meals.category'), ...MEAL_TYPES.map(meal)]}
      >
        {Object.entries(rules.mealSubsidies).map(([category, amounts]) => (
          <tr key={category} data-category={category}>
            <td>{categoryName(t, category)}</td>
            {MEAL_TYPES.map((m) => (
              <td key={m}>{amounts[m] === undefined ? '—' : yuan(amounts[m])}</td>
            ))}
          </tr>
        ))}
      </Table>
      <Table caption={t('dailyRules.visits')} label={t('dailyRules.visits')}>
        {RISK_LEVELS.map((risk) => {
          const f = rules.visits.frequency[risk];
          return (
            <tr key={risk} data-risk={risk}>
              <th scope="row">{t(`visits.risk_${risk}`)}</th>
              <td>{t(`dailyRules.every_${f.unit}`, { count: f.every })}</td>
            </tr>
          );
        })}
      </Table>
      <p>
        {t('dailyRules.foodSample', {
          grams: rules.foodSample.minGrams,
          hours: rules.foodSample.keepHours,
        })}
      </p>
    </section>
  );
}
