import { useTranslation } from 'react-i18next';
import type { DailyRules } from '../../../shared/rules/dailySettings';
import { keepUntil, type FoodSample } from '../../../shared/rules/meals';
import { shortTimeOf } from './clock';
import { Table } from '../kit/Table';

/** The samples kept lately, newest first: when, which dish, how heavy, kept until, discarded. */
export function SampleTable({
  samples,
  rules,
}: {
  samples: FoodSample[];
  rules: DailyRules['foodSample'];
}) {
  const { t } = useTranslation();
  if (samples.length === 0) return null;
  return (
    <Table
      columns={(['when', 'meal', 'dish', 'grams', 'by', 'keepUntil', 'status'] as const).map((c) =>
        t(`meals.sampleCols.${c}`),
      )}
      className="samples"
      label={t('meals.samplesTitle')}
    >
      {samples.map((s) => (
        <tr key={s.id}>
          <td>{shortTimeOf(s.takenAt)}</td>
          <td>{t(`meals.mealType.${s.mealType}`)}</td>
          <td>{s.dish}</td>
          <td className="num">{s.grams}</td>
          <td>{s.takenBy}</td>
          <td>{shortTimeOf(keepUntil(s, rules))}</td>
          <td>
            {s.discardedAt
              ? t('meals.discardedOn', { time: shortTimeOf(s.discardedAt) })
              : t('meals.kept')}
          </td>
        </tr>
      ))}
    </Table>
  );
}
