import { useTranslation } from 'react-i18next';
import { certificateWarnings, screeningDue } from '../../../shared/rules/people';
import type { StaffDoc } from '../../../shared/schemas';
import { localDay } from '../../../shared/time';
import { useRules } from '../kit/hooks';

/** What the manager must see to: certificates expired or about to, background checks due. */
export function StaffWarnings({
  staff,
  onRecordScreening,
}: {
  staff: readonly StaffDoc[];
  /** Opens the person's record at the screening date. */
  onRecordScreening?(staffId: string): void;
}) {
  const { t } = useTranslation();
  const today = localDay(new Date());
  const { certificateWarnDays } = useRules();
  const warnings = certificateWarnings(staff, today, certificateWarnDays);
  const screening = screeningDue(staff, today);
  return (
    <>
      {warnings.length > 0 && (
        <div className="notice warn" role="status">
          <strong>{t('staff.certWarnings')}</strong>
          <ul>
            {warnings.map((w) => (
              <li key={`${w.staffId}-${w.kind}`}>
                {w.state === 'expired'
                  ? t('staff.certExpired', {
                      name: w.name,
                      cert: t(`cert.${w.kind}`),
                      date: w.expiresOn,
                    })
                  : t('staff.certExpiring', {
                      name: w.name,
                      cert: t(`cert.${w.kind}`),
                      date: w.expiresOn,
                      count: w.daysLeft,
                    })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {screening.length > 0 && (
        <div className="notice warn" role="status">
          <strong>{t('staff.screeningDue')}</strong>
          <ul>
            {screening.map((x) => (
              <li key={x.staffId}>
                {x.lastOn
                  ? t('staff.screeningOld', { name: x.name, date: x.lastOn })
                  : t('staff.screeningNever', { name: x.name })}
                {onRecordScreening && (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="link"
                      aria-label={`${t('staff.recordScreening')}：${x.name}`}
                      onClick={() => onRecordScreening(x.staffId)}
                    >
                      {t('staff.recordScreening')}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
