import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivitySession } from '../../../shared/rules/schedule';
import { LabelledInput } from '../../../shared/ui/LabelledInput';

/**
 * One session on the week: when, what, where, who leads, the places taken; its log, and for who
 * plans, changing the activity or cancelling this date (with a reason asked for in the card:
 * Electron has no window.prompt).
 */
export function SessionCard({
  session: s,
  staffName,
  cancelling,
  onLog,
  onEdit,
  onCancelling,
  onCancel,
}: {
  session: ActivitySession;
  staffName(id: string): string;
  /** This card's cancel form is open. */
  cancelling: boolean;
  onLog(): void;
  /** Absent for those who may not plan. */
  onEdit: (() => void) | null;
  onCancelling(open: boolean): void;
  onCancel(reason: string): Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <article className={`session cat-${s.category}`}>
      <div className="when">
        {s.start}–{s.end}
      </div>
      <div className="what">{s.title}</div>
      {/* One fact a line: a narrow column breaks no name in the middle. */}
      <div className="where">{s.room}</div>
      <div className="where">{staffName(s.leaderId)}</div>
      <div className="cat">{t(`schedule.category.${s.category}`)}</div>
      <div className="cat">
        {t('schedule.places', { enrolled: s.enrolled.length, capacity: s.capacity })}
      </div>
      {s.changed && <div className="changed">{t('schedule.changed')}</div>}
      <div className="session-actions">
        <button
          type="button"
          aria-label={t('schedule.logFor', { title: s.title, date: s.date })}
          onClick={onLog}
        >
          {t('schedule.log')}
        </button>
        {onEdit && (
          <>
            <button
              type="button"
              className="link"
              aria-label={t('schedule.editFor', { title: s.title })}
              onClick={onEdit}
            >
              {t('schedule.edit')}
            </button>
            <button
              type="button"
              className="link"
              aria-label={t('schedule.cancelFor', { title: s.title, date: s.date })}
              onClick={() => onCancelling(true)}
            >
              {t('schedule.cancelDate')}
            </button>
          </>
        )}
      </div>
      {cancelling && (
        <div className="cancel-form">
          <LabelledInput
            label={t('schedule.cancelReason')}
            value={reason}
            maxLength={100}
            onChange={(e) => setReason(e.target.value)}
          />
          <button
            type="button"
            onClick={() => void onCancel(reason).then((done) => done && setReason(''))}
          >
            {t('schedule.confirmCancel')}
          </button>
          <button type="button" className="link" onClick={() => onCancelling(false)}>
            {t('common.back')}
          </button>
        </div>
      )}
    </article>
  );
}
