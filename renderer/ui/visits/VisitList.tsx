import { useTranslation } from 'react-i18next';
import { RISK_LEVELS, type RiskLevel } from '../../../shared/schemas/members';
import type { VisibleMember } from '../../data/people';
import { listElder, takeOffList, type VisitDuties } from '../../data/visits';
import { useDesk } from '../app/DeskContext';
import { careErrors } from '../kit/careErrors';
import { Table } from '../kit/Table';
import { Options } from '../kit/Field';
import { PersonName, useNameOf } from '../kit/PersonName';

/** The visit list: each elder's risk (changed in place), last visit and next due, and actions. */
export function VisitList({
  listed,
  today,
  onRecord,
  onMessage,
}: {
  /** Null until the list has been read. */
  listed: VisitDuties['listed'] | null;
  today: string;
  onRecord(member: VisibleMember): void;
  onMessage(text: string): void;
}) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const { desk } = useDesk();
  const changeRisk = (member: VisibleMember, risk: RiskLevel) =>
    listElder(desk, { memberId: member.id, risk }).then(
      () =>
        onMessage(
          t('visits.riskChanged', { name: nameOf(member), risk: t(`visits.risk_${risk}`) }),
        ),
      (error: unknown) => onMessage(Object.values(careErrors(t, error)).join(' ')),
    );
  return (
    <section className="panel" aria-labelledby="visit-list-title">
      <h2 id="visit-list-title">{t('visits.listTitle', { count: listed?.length ?? 0 })}</h2>
      {listed && listed.length === 0 ? (
        <p className="empty">{t('visits.listEmpty')}</p>
      ) : (
        <Table
          className="visit-list"
          labelledBy="visit-list-title"
          columns={[
            t('visits.name'),
            t('visits.risk'),
            t('visits.listedOn'),
            t('visits.lastVisit'),
            t('visits.nextDue'),
            <span className="sr-only">{t('visits.record')}</span>,
          ]}
        >
          {listed?.map(({ member, listing, due }) => (
            <tr key={member.id}>
              <td className="name">
                <PersonName person={member} />
              </td>
              <td>
                <select
                  aria-label={t('visits.riskFor', { name: nameOf(member) })}
                  value={listing.risk}
                  onChange={(e) => void changeRisk(member, e.target.value as RiskLevel)}
                >
                  <Options options={RISK_LEVELS} label={(r) => t(`visits.risk_${r}`)} />
                </select>
              </td>
              <td>{listing.listedOn ?? '—'}</td>
              <td>{due.lastVisitOn ?? t('visits.never')}</td>
              <td className={due.dueOn === null || due.dueOn < today ? 'late' : undefined}>
                {due.dueOn ?? '—'}
              </td>
              <td>
                <div className="row-actions">
                  <button type="button" onClick={() => onRecord(member)}>
                    {t('visits.record')}
                  </button>
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      if (window.confirm(t('visits.takeOffConfirm', { name: nameOf(member) })))
                        void takeOffList(desk, member.id);
                    }}
                  >
                    {t('visits.takeOff')}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
