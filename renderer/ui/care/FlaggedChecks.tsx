import { addDays } from 'date-fns';
import { useTranslation } from 'react-i18next';
import type { HealthFlag } from '../../../shared/rules/alerts';
import { localDateTime, localDay } from '../../../shared/time';
import { flaggedChecksOf$ } from '../../data/health';
import { useDeskRead } from '../kit/hooks';
import { useHealthFlagText } from '../kit/HealthFlag';

const NONE: HealthFlag[] = [];
const DAYS = 30;

/** A child's morning and noon checks of the last 30 days that found something, newest first. */
export function FlaggedChecks({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const text = useHealthFlagText();
  const since = localDay(addDays(new Date(), -DAYS));
  const flags = useDeskRead(flaggedChecksOf$, NONE, memberId, since);
  return (
    <section className="trend-block" aria-labelledby={`flagged-${memberId}`}>
      <h3 id={`flagged-${memberId}`}>{t('care.flaggedChecks', { days: DAYS })}</h3>
      {flags.length === 0 ? (
        <p className="empty">{t('care.noFlaggedChecks')}</p>
      ) : (
        <ul className="follow-ups">
          {flags.map((f) => (
            <li key={f.checkId}>
              <span className="badge health-flag">{t('health.flag')}</span> {localDateTime(f.at)}{' '}
              {text(f)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
