import { useTranslation } from 'react-i18next';
import type { CareDoc, MemberDoc } from '../../../shared/schemas';
import { IncidentForm } from './IncidentForm';
import { IncidentRow } from './IncidentRow';

/** A person's incidents, newest first, and recording a new one. */
export function Incidents({ member, incidents }: { member: MemberDoc; incidents: CareDoc[] }) {
  const { t } = useTranslation();
  return (
    <section className="incidents" aria-labelledby="incidents-title">
      <h3 id="incidents-title">{t('care.incidents')}</h3>
      {incidents.length === 0 ? (
        <p className="empty">{t('care.noIncidents')}</p>
      ) : (
        <ul className="incident-list">
          {[...incidents].reverse().map((i) => (
            <IncidentRow key={i.id} incident={i} />
          ))}
        </ul>
      )}
      <IncidentForm member={member} />
    </section>
  );
}
