import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CareDoc } from '../../../shared/schemas';
import { followUpIncident } from '../../data/care';
import { useDesk } from '../app/DeskContext';
import { localDateTime } from '../../../shared/time';
import { FieldError } from '../kit/Field';
import { careErrors } from '../kit/careErrors';

/** One incident: what happened and was done, its follow-ups, and while open a follow-up to add. */
export function IncidentRow({ incident }: { incident: CareDoc }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const follow = (close: boolean) =>
    followUpIncident(desk, incident.id, note, { close }).then(
      () => {
        setNote('');
        setProblem(null);
      },
      (e: unknown) => {
        const byField = careErrors(t, e);
        setProblem(byField.followUpNote ?? byField.form ?? null);
      },
    );
  return (
    <li className={incident.closedAt ? 'incident closed' : 'incident'}>
      <p className="incident-head">
        <strong>{t(`care.incident_${incident.incidentKind ?? 'other'}`)}</strong> ·{' '}
        {localDateTime(incident.at)} ·{' '}
        {incident.closedAt
          ? t('care.closedOn', { day: incident.closedAt.slice(0, 10) })
          : t('care.openSince', { day: incident.day })}
      </p>
      <p>
        {t('care.happened')}：{incident.happened}
      </p>
      <p>
        {t('care.actionTaken')}：{incident.actionTaken}
      </p>
      {incident.followUps?.length ? (
        <ol className="incident-followups" aria-label={t('care.followUps')}>
          {incident.followUps.map((f) => (
            <li key={f.at}>
              {localDateTime(f.at)} {f.note}
            </li>
          ))}
        </ol>
      ) : null}
      {!incident.closedAt && (
        <div className="add-row">
          <input
            aria-label={t('care.followUpNote')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <button type="button" disabled={!note.trim()} onClick={() => void follow(false)}>
            {t('care.addFollowUp')}
          </button>
          <button type="button" disabled={!note.trim()} onClick={() => void follow(true)}>
            {t('care.closeIncident')}
          </button>
          <FieldError error={problem} />
        </div>
      )}
    </li>
  );
}
