import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { format } from 'date-fns';
import { correctVisit } from '../../data/attendance';
import type { Row } from './CheckInScreen';
import { useDesk } from '../app/DeskContext';
import { Dialog } from '../kit/Dialog';
import { saveErrorText } from '../kit/errors';

/** A manager corrects a visit: the check-in time, or a visit opened by mistake. Kept with who and why. */
export function CorrectVisitDialog({ row, onClose }: { row: Row; onClose(): void }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [what, setWhat] = useState<'checkInAt' | 'cancelled'>('checkInAt');
  const [time, setTime] = useState(format(new Date(row.visit.checkInAt), 'HH:mm'));
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) return setProblem(t('correct.reasonRequired'));
    if (what === 'checkInAt' && !/^\d{2}:\d{2}$/.test(time))
      return setProblem(t('correct.timeFormat'));
    try {
      await correctVisit(
        desk,
        row.visit.id,
        what === 'cancelled'
          ? { field: 'cancelled' }
          : { field: 'checkInAt', to: new Date(`${row.visit.day}T${time}:00`) },
        reason,
      );
      onClose();
    } catch (e) {
      setProblem(saveErrorText(t, e));
    }
  }

  return (
    <Dialog title={t('correct.title', { name: row.name })} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset>
          <legend>{t('correct.what')}</legend>
          <label className="check">
            <input
              type="radio"
              checked={what === 'checkInAt'}
              onChange={() => setWhat('checkInAt')}
            />
            {t('correct.checkInAt')}
          </label>
          <label className="check">
            <input
              type="radio"
              checked={what === 'cancelled'}
              onChange={() => setWhat('cancelled')}
            />
            {t('correct.cancelled')}
          </label>
        </fieldset>
        {what === 'checkInAt' && (
          <div className="field inline">
            <label htmlFor="correct-time">{t('correct.time')}</label>
            <input
              id="correct-time"
              type="time"
              value={time}
              onChange={(e) => setTime(e.target.value)}
            />
          </div>
        )}
        <div className="field inline">
          <label htmlFor="correct-reason">{t('correct.reason')}</label>
          <input id="correct-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        {problem && (
          <p className="notice error" role="alert">
            {problem}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary big">
            {t('correct.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
