import { useTranslation } from 'react-i18next';
import type { CareDoc } from '../../../shared/schemas';
import { Result, Results } from '../kit/Finder';

/** The centre's incidents still being followed up, oldest first, each opening its person's record. */
export function OpenIncidents({
  incidents,
  nameOf,
  onOpen,
}: {
  incidents: CareDoc[];
  nameOf(memberId: string): string | undefined;
  onOpen(memberId: string): void;
}) {
  const { t } = useTranslation();
  return (
    <section className="panel care-open" aria-labelledby="care-open-title">
      <h2 id="care-open-title">{t('care.openIncidents', { count: incidents.length })}</h2>
      {incidents.length === 0 ? (
        <p className="empty">{t('care.noOpenIncidents')}</p>
      ) : (
        <Results>
          {incidents.map((i) => (
            <Result
              key={i.id}
              name={nameOf(i.memberId) ?? '—'}
              meta={
                <>
                  {t(`care.incident_${i.incidentKind ?? 'other'}`)} ·{' '}
                  {t('care.openSince', { day: i.day })}
                </>
              }
            >
              <button type="button" onClick={() => onOpen(i.memberId)}>
                {t('care.open')}
              </button>
            </Result>
          ))}
        </Results>
      )}
    </section>
  );
}
