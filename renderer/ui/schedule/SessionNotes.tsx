import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { format } from 'date-fns';
import type { SessionNote } from '../../data/activities';
import { Field } from '../kit/Field';

/** The session's notes: one to add, and those saved, with the time and who wrote them. */
export function SessionNotes({
  notes,
  staffName,
  onSave,
}: {
  notes: SessionNote[];
  staffName(id: string): string;
  /** Saves a note; true when it was saved (the field is then cleared). */
  onSave(note: string): Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  return (
    <>
      <Field id="session-note" label={t('schedule.note')}>
        <textarea
          id="session-note"
          rows={3}
          maxLength={300}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </Field>
      <button
        type="button"
        className="big"
        disabled={!note.trim()}
        onClick={() => void onSave(note).then((saved) => saved && setNote(''))}
      >
        {t('schedule.saveNote')}
      </button>
      <ul className="notes" aria-label={t('schedule.notes')}>
        {notes.map((n) => (
          <li key={n.id}>
            {format(new Date(n.recordedAt), 'HH:mm')} {staffName(n.recordedBy)}：{n.note}
          </li>
        ))}
      </ul>
    </>
  );
}
