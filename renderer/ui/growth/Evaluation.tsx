import { useTranslation } from 'react-i18next';
import type { GrowthPoint } from '../../../shared/rules/growth/child';
import type { GrowthStatus } from '../../../shared/rules/growth/evaluate';
import { Table } from '../kit/Table';

export const signedSd = (sd: number) => `${sd >= 0 ? '+' : '−'}${Math.abs(sd).toFixed(1)}`;

/** The statuses as words (低体重, 生长迟缓…), or 正常 when there are none. */
export function StatusWords({ statuses }: { statuses: readonly GrowthStatus[] }) {
  const { t } = useTranslation();
  if (!statuses.length) return <span className="growth-status ok">{t('growth.normal')}</span>;
  return (
    <>
      {statuses.map((s) => (
        <span key={s} className="growth-status flag">
          {t(`growth.status_${s}`)}
        </span>
      ))}
    </>
  );
}

/** One measurement's SD scores against the standard, each with its 表 2 level and table. */
export function Evaluation({ point }: { point: GrowthPoint }) {
  const { t } = useTranslation();
  const { evaluation } = point;
  return (
    <section className="growth-evaluation" aria-labelledby="growth-eval-title">
      <h3 id="growth-eval-title">
        {t('growth.evaluationOf', {
          day: point.day,
          age: (Math.floor(point.ageMonths * 10) / 10).toFixed(1),
        })}
      </h3>
      <p className="growth-statuses" aria-label={t('growth.assessment')}>
        {t('growth.assessment')}：<StatusWords statuses={evaluation.statuses} />
      </p>
      <Table
        labelledBy="growth-eval-title"
        columns={[
          t('growth.indicator'),
          t('growth.value'),
          t('growth.sdScore'),
          t('growth.level'),
          t('growth.table'),
        ]}
      >
        {evaluation.results.map((r) => (
          <tr key={r.indicator}>
            <th scope="row">{t(`growth.indicator_${r.indicator}`)}</th>
            <td className="number">{r.value.toFixed(1)}</td>
            <td className="number">{signedSd(r.sd)}</td>
            <td>{t(`growth.level_${r.level}`)}</td>
            <td>{r.table}</td>
          </tr>
        ))}
      </Table>
      {evaluation.results.length === 0 && <p className="hint">{t('growth.notCovered')}</p>}
    </section>
  );
}
