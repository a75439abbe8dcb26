import { useTranslation } from 'react-i18next';
import { GROWTH_STATUSES } from '../../shared/rules/growth/evaluate';
import type { MonthlyReportResponse } from '../../server/district/types';

/**
 * The monthly report's lines on children's growth (WS/T 423—2022 or WHO 2006), health checks and
 * vaccinations, for the centres in the report (server/district/growthReport.ts).
 */
export function GrowthLines({ report }: { report: MonthlyReportResponse }) {
  const { t } = useTranslation();
  if (!report.growth) return null;
  const f = report.growth.district;
  const items: [id: string, label: string, value: number][] = [
    ['children', t('reports.growth.children'), f.children],
    ['notShared', t('reports.growth.notShared'), f.notShared],
    ['notMeasured', t('reports.growth.notMeasured'), f.notMeasured],
    ['normal', t('reports.growth.normal'), f.normal],
    ...GROWTH_STATUSES.map(
      (s) =>
        [`growth-${s}`, t(`reports.growth.status.${s}`), f.byStatus[s]] as [string, string, number],
    ),
    ['needingAttention', t('reports.growth.needingAttention'), f.needingAttention],
    ['onAttentionList', t('reports.growth.onAttentionList'), f.onAttentionList],
    ['checksDueInMonth', t('reports.growth.checksDueInMonth'), f.checksDueInMonth],
    ['checksOverdue', t('reports.growth.checksOverdue'), f.checksOverdue],
    ['vaccinationsDue', t('reports.growth.vaccinationsDue'), f.vaccinationsDue],
    ['vaccinationsMissing', t('reports.growth.vaccinationsMissing'), f.vaccinationsMissing],
    ['dosesMissing', t('reports.growth.dosesMissing'), f.dosesMissing],
  ];
  return (
    <section className="report-section" aria-labelledby="r-growth">
      <h3 id="r-growth">{t('reports.growth.heading')}</h3>
      <p>
        {t('reports.growth.standard', { standard: t(`reports.growth.${report.growth.standard}`) })}
      </p>
      <dl className="stats">
        {items.map(([id, label, value]) => (
          <div key={id}>
            <dt>{label}</dt>
            <dd data-testid={`stat-${id}`}>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
