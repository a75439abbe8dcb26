import { useTranslation } from 'react-i18next';
import type { OutbreakAlert } from '../../../shared/rules/outbreak';

/** The outbreak rule's alerts (疑似聚集性病例), each with its cases and what to report. */
export function OutbreakAlerts({
  alerts,
  names,
}: {
  alerts: readonly OutbreakAlert[];
  names: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  return alerts.map((alert) => (
    <div
      key={`${alert.childClass}-${alert.symptom}`}
      className="notice error outbreak"
      role="alert"
    >
      <strong>
        {t('outbreak.alert', {
          cls: t(`childClass.${alert.childClass}`),
          symptom: t(`symptom.${alert.symptom}`),
          count: alert.cases.length,
        })}
      </strong>
      <p>{t('outbreak.report')}</p>
      <ul>
        {alert.cases.map((c) => (
          <li key={c.memberId}>
            {names.get(c.memberId)} · {c.day}
          </li>
        ))}
      </ul>
    </div>
  ));
}
