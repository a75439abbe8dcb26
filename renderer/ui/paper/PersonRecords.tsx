import { format } from 'date-fns';
import { useTranslation } from 'react-i18next';
import { personRecords$, type PersonRecordLine } from '../../data/personRecords';
import { useDeskRead } from '../kit/hooks';

const hhmm = (iso: string) => format(new Date(iso), 'HH:mm');

/**
 * The person's records of the last 30 days on their record screen: visits, meals and morning
 * checks, those typed in from the paper emergency sheet marked 补录 with when and by whom.
 */
export function PersonRecords({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const lines = useDeskRead(personRecords$, null as PersonRecordLine[] | null, memberId);
  if (!lines) return null;
  const what = (l: PersonRecordLine) => {
    switch (l.kind) {
      case 'visit':
        return t('paper.records.visit');
      case 'meal':
        return t('paper.records.meal', { meal: t(`meals.mealType.${l.mealType}`) });
      case 'check':
        return t('paper.records.check', {
          temperature: l.temperature?.toFixed(1) ?? '—',
          outcome: l.outcome ? t(`health.outcome_${l.outcome}`) : '',
        });
    }
  };
  const time = (l: PersonRecordLine) =>
    l.kind === 'visit'
      ? `${hhmm(l.at)}–${l.checkOutAt ? hhmm(l.checkOutAt) : t('paper.records.stillIn')}`
      : hhmm(l.at);
  return (
    <section className="person-records" aria-labelledby="person-records">
      <h3 id="person-records">{t('paper.records.heading')}</h3>
      <p className="hint">{t('paper.records.intro')}</p>
      {lines.length === 0 ? (
        <p className="empty">{t('paper.records.none')}</p>
      ) : (
        <table className="grid" aria-labelledby="person-records">
          <thead>
            <tr>
              <th>{t('paper.records.day')}</th>
              <th>{t('paper.records.what')}</th>
              <th>{t('paper.records.time')}</th>
              <th>{t('paper.records.note')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.id}>
                <td>{l.day}</td>
                <td>{what(l)}</td>
                <td>{time(l)}</td>
                <td>
                  {l.fromPaper && (
                    <>
                      <span className="badge paper-mark">{t('paper.mark')}</span>{' '}
                      {t('paper.records.enteredBy', {
                        at: format(new Date(l.fromPaper.enteredAt), 'MM-dd HH:mm'),
                        who: l.fromPaper.byName || l.fromPaper.enteredBy,
                      })}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
