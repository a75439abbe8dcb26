import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AbsenceDoc } from '../../../shared/schemas';
import { followUpAbsence, markReturned } from '../../data/absences';
import { useDesk } from '../app/DeskContext';

/**
 * An illness absence followed up until the child is back: a note per call, then "returned". The
 * symptoms show only where the data layer gave them (roles that may see health data).
 */
export function FollowUpRow({
  absence,
  name,
  today,
}: {
  absence: AbsenceDoc;
  name: string | undefined;
  today: string;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [note, setNote] = useState('');
  const { illness } = absence;
  return (
    <li className="followup">
      <span className="name">{name ?? absence.memberId}</span>
      <span className="meta">
        {t('absence.since', { day: absence.day })}
        {illness
          ? ` · ${illness.symptoms.map((s) => t(`symptom.${s}`)).join('、')}${illness.doctorSeen ? ` · ${t('absence.doctorSeen')}` : ''}`
          : ''}
        {` · ${t('absence.followUps', { count: absence.followUps?.length ?? 0 })}`}
      </span>
      <input
        aria-label={t('absence.followUpNote', { name: name ?? '' })}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={t('absence.followUpPlaceholder')}
      />
      <button
        type="button"
        disabled={!note.trim()}
        onClick={() => void followUpAbsence(desk, absence.id, note).then(() => setNote(''))}
      >
        {t('absence.addFollowUp')}
      </button>
      <button type="button" onClick={() => void markReturned(desk, absence.id, today)}>
        {t('absence.returned')}
      </button>
    </li>
  );
}
