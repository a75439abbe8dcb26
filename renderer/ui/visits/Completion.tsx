import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { format } from 'date-fns';
import { recentMonths } from '../../../shared/rules/months';
import { localDay } from '../../../shared/time';
import { monthlyCompletion$ } from '../../data/visits';
import { Options } from '../kit/Field';
import { useDeskRead } from '../kit/hooks';
import { Table } from '../kit/Table';

/** The month's completion rate of the visit list, and who was due, visited or missed. */
export function Completion({ now }: { now: Date }) {
  const { t } = useTranslation();
  const today = localDay(now);
  const [month, setMonth] = useState(format(now, 'yyyy-MM'));
  const completion = useDeskRead(monthlyCompletion$, null, month, today);
  const percent = completion?.rate == null ? null : Math.round(completion.rate * 100);

  return (
    <section className="panel completion" aria-labelledby="completion-title">
      <div className="section-head">
        <h2 id="completion-title">{t('visits.completionTitle')}</h2>
        <label htmlFor="completion-month">{t('visits.month')}</label>
        <select id="completion-month" value={month} onChange={(e) => setMonth(e.target.value)}>
          {/* A picker in the desk's language, not the browser's. */}
          <Options
            options={recentMonths(now)}
            label={(m) =>
              t('visits.monthOption', { year: m.slice(0, 4), month: Number(m.slice(5)) })
            }
          />
        </select>
      </div>
      {completion && (
        <>
          <p className="rate-line">
            <span className={percent === 100 ? 'rate met' : 'rate'} data-testid="completion-rate">
              {percent === null ? t('visits.rateNone') : t('visits.rate', { rate: percent })}
            </span>
            <span className="rate-detail">
              {t('visits.rateDetail', {
                due: completion.due,
                completed: completion.completed,
                pending: completion.pending,
              })}
            </span>
          </p>
          {percent !== null && (
            <div className="rate-bar" aria-hidden="true">
              <div style={{ width: `${percent}%` }} />
            </div>
          )}
          {completion.elders.some((e) => e.status !== 'notDue') && (
            <Table
              columns={[
                t('visits.name'),
                t('visits.risk'),
                t('visits.status'),
                t('visits.visitsInMonth'),
                t('visits.missedDays'),
              ]}
              className="month-status"
            >
              {completion.elders
                .filter((e) => e.status !== 'notDue')
                .map((e) => (
                  <tr key={e.memberId} className={`status-${e.status}`}>
                    <td className="name">{completion.names.get(e.memberId)}</td>
                    <td>{t(`visits.risk_${e.risk}`)}</td>
                    <td>{t(`visits.status_${e.status}`)}</td>
                    <td>{e.visits}</td>
                    <td>{e.missed.join('、') || '—'}</td>
                  </tr>
                ))}
            </Table>
          )}
        </>
      )}
    </section>
  );
}
