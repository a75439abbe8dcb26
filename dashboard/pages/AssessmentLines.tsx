import { useTranslation } from 'react-i18next';
import { ABILITY_LEVELS } from '../../shared/schemas/members';
import type { MonthlyReportResponse } from '../../server/district/types';

/**
 * The monthly report's lines on elder ability assessments (GB/T 42195-2022) and on staff
 * certificates, for the centres in the report (server/district/assessmentReport.ts).
 */
export function AssessmentLines({ report }: { report: MonthlyReportResponse }) {
  const { t } = useTranslation();
  const f = report.assessments.district;
  const items: [id: string, label: string, value: number][] = [
    ['assessmentsDone', t('reports.assessments.done'), f.done],
    ['assessmentsCorrections', t('reports.assessments.corrections'), f.corrections],
    ...ABILITY_LEVELS.map(
      (l) =>
        [`level-${l}`, t(`reports.assessments.level.${l}`), f.byLevel[l]] as [
          string,
          string,
          number,
        ],
    ),
    ['notAssessed', t('reports.assessments.notAssessed'), f.notAssessed],
    ['reassessDue', t('reports.assessments.dueInMonth'), f.dueInMonth],
    ['reassessOverdue', t('reports.assessments.overdue'), f.overdue],
    ['certExpired', t('reports.assessments.certificatesExpired'), f.certificatesExpired],
    ['certMissing', t('reports.assessments.certificatesMissing'), f.certificatesMissing],
  ];
  return (
    <section className="report-section" aria-labelledby="r-assessments">
      <h3 id="r-assessments">{t('reports.assessments.heading')}</h3>
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
