import { useTranslation } from 'react-i18next';
import type { Today } from '../../data/today';
import { useRules } from '../kit/hooks';

/** 需要留意: outbreak alerts, children not in past the expected time, certificates running out. */
export function HomeAlerts({ today, onStaff }: { today: Today; onStaff(): void }) {
  const { t } = useTranslation();
  const { childrenExpectedBy } = useRules();
  const childrenMissing = today.pastExpectedTime && today.childrenNotIn.length > 0;
  return (
    <section aria-labelledby="home-alerts" className="home-alerts">
      <h3 id="home-alerts">{t('home.alerts')}</h3>
      {today.outbreaks.length === 0 && today.certificates === 0 && !childrenMissing && (
        <p className="hint">{t('home.noAlerts')}</p>
      )}
      {today.outbreaks.map((alert) => (
        <p key={`${alert.childClass}-${alert.symptom}`} className="notice error" role="alert">
          {t('outbreak.alert', {
            cls: t(`childClass.${alert.childClass}`),
            symptom: t(`symptom.${alert.symptom}`),
            count: alert.cases.length,
          })}{' '}
          {alert.cases.map((c) => today.names.get(c.memberId)).join('、')}
        </p>
      ))}
      {childrenMissing && (
        <p className="notice warn">
          {t('home.notInList', {
            time: childrenExpectedBy,
            names: today.childrenNotIn.map((c) => c.name).join('、'),
          })}
        </p>
      )}
      {today.certificates > 0 && (
        <p className="notice warn">
          {t('home.certificates', { count: today.certificates })}{' '}
          <button type="button" className="link" onClick={onStaff}>
            {t('home.toStaff')}
          </button>
        </p>
      )}
    </section>
  );
}
