import { useTranslation } from 'react-i18next';
import type { MonthlyReportResponse } from '../../server/district/types';

/**
 * 补录 (issue 19 part 2): how many of the month's records were entered later from the paper
 * emergency sheet, for the district and for each centre that has any, so an inspector can tell
 * them from live entries (server/district/paperReport.ts).
 */
export function PaperReport({ report }: { report: MonthlyReportResponse }) {
  const { t } = useTranslation();
  const p = report.district.paper;
  const centres = report.centres.filter((c) => c.figures.paper.days > 0);
  return (
    <section className="report-section" aria-labelledby="r-paper">
      <h3 id="r-paper">{t('reports.paper.heading')}</h3>
      <p className="hint">{t('reports.paper.intro')}</p>
      <dl className="stats">
        {(
          [
            ['paperVisits', t('reports.paper.visits'), p.visits],
            ['paperMeals', t('reports.paper.meals'), p.meals],
            ['paperChecks', t('reports.paper.checks'), p.healthChecks],
            ['paperDays', t('reports.paper.days'), p.days],
          ] as const
        ).map(([id, label, value]) => (
          <div key={id}>
            <dt>{label}</dt>
            <dd data-testid={`stat-${id}`}>{value}</dd>
          </div>
        ))}
      </dl>
      {centres.length === 0 ? (
        <p>{t('reports.paper.none')}</p>
      ) : (
        <table className="grid" data-testid="paper-table">
          <thead>
            <tr>
              <th>{t('reports.table.col.name')}</th>
              <th>{t('reports.paper.visits')}</th>
              <th>{t('reports.paper.meals')}</th>
              <th>{t('reports.paper.checks')}</th>
              <th>{t('reports.paper.days')}</th>
            </tr>
          </thead>
          <tbody>
            {centres.map((c) => (
              <tr key={c.id}>
                <td>{c.name}</td>
                <td>{c.figures.paper.visits}</td>
                <td>{c.figures.paper.meals}</td>
                <td>{c.figures.paper.healthChecks}</td>
                <td>{c.figures.paper.days}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
