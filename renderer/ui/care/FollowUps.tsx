import { useTranslation } from 'react-i18next';
import type { FollowUp, VitalFlag } from '../../../shared/rules/alerts';
import type { CareDoc } from '../../../shared/schemas';
import { localDateTime } from '../../../shared/time';
import { Result, Results } from '../kit/Finder';

/** A reading in words: "168/98 mmHg" or "7.4 mmol/L 空腹". */
export function useReadingText(): (d: CareDoc) => string {
  const { t } = useTranslation();
  return (d: CareDoc) =>
    d.kind === 'bloodPressure'
      ? `${d.systolic}/${d.diastolic} mmHg`
      : `${d.sugar} mmol/L ${t(`care.timing_${d.sugarTiming ?? 'random'}`)}`;
}

/** The badge of a reading out of range: 偏低, 偏高, 严重偏高. */
export function VitalFlagBadge({ flag }: { flag: VitalFlag }) {
  const { t } = useTranslation();
  return <span className={`badge vital-flag ${flag.level}`}>{t(`care.flag_${flag.level}`)}</span>;
}

/**
 * 需随访: each elder's latest blood pressure or blood sugar out of range (shared/rules/alerts.ts, by
 * the district's thresholds), most severe first, each opening the person's record.
 */
export function FollowUps({
  list,
  nameOf,
  onOpen,
}: {
  list: FollowUp[];
  nameOf(memberId: string): string | undefined;
  onOpen(memberId: string): void;
}) {
  const { t } = useTranslation();
  const reading = useReadingText();
  return (
    <section className="panel care-follow" aria-labelledby="care-follow-title">
      <h2 id="care-follow-title">{t('care.vitalFollowUps', { count: list.length })}</h2>
      {list.length === 0 ? (
        <p className="empty">{t('care.noFollowUps')}</p>
      ) : (
        <Results>
          {list.map((f) => (
            <Result
              key={f.measurement.id}
              name={nameOf(f.memberId) ?? '—'}
              meta={
                <>
                  {t(`care.kind_${f.measurement.kind as 'bloodPressure' | 'bloodSugar'}`)}{' '}
                  {reading(f.measurement)} <VitalFlagBadge flag={f.flag} /> ·{' '}
                  {localDateTime(f.measurement.at)}
                </>
              }
            >
              <button type="button" onClick={() => onOpen(f.memberId)}>
                {t('care.open')}
              </button>
            </Result>
          ))}
        </Results>
      )}
    </section>
  );
}
