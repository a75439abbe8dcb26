import { useTranslation } from 'react-i18next';
import { MEAL_TYPES, type MealType } from '../../../shared/rules/meals';
import type { MealsDay } from '../../data/meals';
import { categoryName } from '../kit/categoryName';
import { Table } from '../kit/Table';

/** The day's meals by subsidy category and meal (each person once a meal), and who booked. */
export function CountsPanel({ day, nameOf }: { day: MealsDay; nameOf(memberId: string): string }) {
  const { t } = useTranslation();
  const categories = [...new Set(day.counts.map((c) => c.subsidyCategory))];
  const cell = (meal: MealType, category: string | null) =>
    day.counts.find((c) => c.mealType === meal && c.subsidyCategory === category)?.count ?? 0;
  const mealTotal = (meal: MealType) =>
    day.counts.filter((c) => c.mealType === meal).reduce((n, c) => n + c.count, 0);
  const duplicates = day.counts.reduce((n, c) => n + c.duplicates, 0);
  const servedKeys = new Set(day.servings.map((s) => `${s.memberId}|${s.mealType}`));
  return (
    <section className="panel meal-counts" aria-labelledby="counts-title">
      <h2 id="counts-title">{t('meals.countsTitle')}</h2>
      <Table
        labelledBy="counts-title"
        columns={[t('meals.category'), ...MEAL_TYPES.map((m) => t(`meals.mealType.${m}`))]}
      >
        {categories.map((c) => (
          <tr key={c ?? 'none'}>
            <td>{categoryName(t, c)}</td>
            {MEAL_TYPES.map((m) => (
              <td key={m} className="num">
                {cell(m, c)}
              </td>
            ))}
          </tr>
        ))}
        <tr className="total">
          <th>{t('meals.total')}</th>
          {MEAL_TYPES.map((m) => (
            <th key={m} className="num" data-meal={m}>
              {mealTotal(m)}
            </th>
          ))}
        </tr>
      </Table>
      {duplicates > 0 && <p className="hint">{t('meals.duplicates', { count: duplicates })}</p>}
      {MEAL_TYPES.map((m) => {
        const reserved = day.reservations.filter((r) => r.mealType === m);
        if (reserved.length === 0) return null;
        const waiting = reserved.filter((r) => !servedKeys.has(`${r.memberId}|${m}`));
        return (
          <p key={m} className="hint">
            {t('meals.reservedCount', {
              meal: t(`meals.mealType.${m}`),
              reserved: reserved.length,
              waiting: waiting.length,
              names: waiting.map((r) => nameOf(r.memberId ?? '')).join('、'),
            })}
          </p>
        );
      })}
    </section>
  );
}
