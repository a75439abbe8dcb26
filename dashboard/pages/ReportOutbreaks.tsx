/**
 * The monthly report's outbreak lines (issue 17, part 5): the clusters raised in the month and
 * the reports made to the disease-control centre (server/district/outbreaks.ts `outbreakMonth`).
 */
import { useTranslation } from 'react-i18next';
import type { MonthlyReportResponse } from '../../server/district/types';
import { dateTime } from '../format';

export function ReportOutbreaks({ report }: { report: MonthlyReportResponse }) {
  const { t } = useTranslation();
  const o = report.outbreaks;
  if (!o) return null;
  return (
    <section className="report-section" aria-labelledby="r-outbreaks">
      <h3 id="r-outbreaks">{t('reports.outbreaks.heading')}</h3>
      <dl className="stats">
        <div>
          <dt>{t('reports.outbreaks.raised')}</dt>
          <dd data-testid="stat-outbreaks">{o.raised}</dd>
        </div>
        <div>
          <dt>{t('reports.outbreaks.reported')}</dt>
          <dd data-testid="stat-outbreakReports">{o.reported}</dd>
        </div>
      </dl>
      {o.clusters.length === 0 ? (
        <p>{t('reports.none')}</p>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">{t('reports.outbreaks.place')}</th>
              <th scope="col">{t('reports.outbreaks.symptom')}</th>
              <th scope="col" className="num">
                {t('reports.outbreaks.cases')}
              </th>
              <th scope="col" className="num">
                {t('reports.outbreaks.centres')}
              </th>
              <th scope="col">{t('reports.outbreaks.raisedAt')}</th>
              <th scope="col">{t('reports.outbreaks.reportedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {o.clusters.map((c) => (
              <tr key={c.key}>
                <th scope="row">{c.township ?? t('outbreak.wholeDistrict')}</th>
                <td>{t(`symptom.${c.symptom}`)}</td>
                <td className="num">{c.cases}</td>
                <td className="num">{c.centres}</td>
                <td>{dateTime(c.raisedAt)}</td>
                <td>
                  {c.reportedAt ? dateTime(c.reportedAt) : t('reports.outbreaks.notReported')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
