import { useTranslation } from 'react-i18next';
import type { Today } from '../../data/today';
import { useRules } from '../kit/hooks';
import { useHealthFlagText } from '../kit/HealthFlag';
import { PersonName } from '../kit/PersonName';

/**
 * 需要留意: outbreak alerts, children flagged by today's checks, readings to follow up, children not
 * in past the expected time, certificates running out.
 */
export function HomeAlerts({
  today,
  onStaff,
  onCare,
}: {
  today: Today;
  onStaff(): void;
  onCare(): void;
}) {
  const { t } = useTranslation();
  const flagText = useHealthFlagText();
  const { childrenExpectedBy } = useRules();
  const childrenMissing = today.pastExpectedTime && today.childrenNotIn.length > 0;
  const nothing =
    today.outbreaks.length === 0 &&
    today.certificates === 0 &&
    !childrenMissing &&
    today.healthFlags.length === 0 &&
    today.followUps.length === 0;
  return (
    <section aria-labelledby="home-alerts" className="home-alerts">
      <h3 id="home-alerts">{t('home.alerts')}</h3>
      {nothing && <p className="hint">{t('home.noAlerts')}</p>}
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
      {today.healthFlags.length > 0 && (
        <div className="notice error" role="alert" aria-label={t('home.healthFlagsTitle')}>
          <p>{t('home.healthFlags', { count: today.healthFlags.length })}</p>
          <ul>
            {today.healthFlags.map((flag) => (
              <li key={flag.checkId}>
                <PersonName
                  person={{ id: flag.memberId, name: today.names.get(flag.memberId) ?? '' }}
                />
                ：{flagText(flag)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {today.followUps.length > 0 && (
        <p className="notice warn">
          {t('home.followUps', { count: today.followUps.length })}{' '}
          <button type="button" className="link" onClick={onCare}>
            {t('home.toCare')}
          </button>
        </p>
      )}
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
