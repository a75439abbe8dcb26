import { useTranslation } from 'react-i18next';
import type { ExcludedServing } from '../../../shared/rules/meals';
import { categoryName } from '../kit/categoryName';
import { Table } from '../kit/Table';

/** The servings left out of the claim (no subsidy category, a second meal…), with the reason. */
export function ExcludedServings({
  excluded,
  nameOf,
  open,
}: {
  excluded: ExcludedServing[];
  nameOf(memberId: string): string;
  /** Shown open (on the printed sheet) rather than folded away. */
  open: boolean;
}) {
  const { t } = useTranslation();
  if (excluded.length === 0) return null;
  return (
    <details className="excluded" open={open}>
      <summary>{t('meals.excludedTitle', { count: excluded.length })}</summary>
      <Table
        columns={(['day', 'meal', 'name', 'category', 'reason'] as const).map((c) =>
          t(`meals.excludedCols.${c}`),
        )}
      >
        {excluded.map((e) => (
          <tr key={e.servingId}>
            <td>{e.day}</td>
            <td>{t(`meals.mealType.${e.mealType}`)}</td>
            <td>{nameOf(e.memberId)}</td>
            <td>{categoryName(t, e.subsidyCategory)}</td>
            <td>{t(`meals.excludedReason.${e.reason}`)}</td>
          </tr>
        ))}
      </Table>
    </details>
  );
}
