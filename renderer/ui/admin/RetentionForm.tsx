import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { readNumber } from '../../../shared/rules/numbers';
import { setRetentionDays } from '../../data/backupService';
import { useDesk } from '../app/DeskContext';

/** How many days of backups the folder keeps (older ones are removed after each backup). */
export function RetentionForm({ days: saved }: { days: number }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [days, setDays] = useState(String(saved));
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  // Another desk of the centre may change it: what the store holds is what the field shows.
  useEffect(() => setDays(String(saved)), [saved]);

  async function save(event: FormEvent) {
    event.preventDefault();
    const n = readNumber(days) ?? Number.NaN;
    try {
      await setRetentionDays(desk, n);
      setNote({ ok: true, text: t('backup.retentionSaved', { days: n }) });
    } catch {
      setNote({ ok: false, text: t('backup.retentionRange') });
    }
  }

  return (
    <form className="field inline" onSubmit={(e) => void save(e)} noValidate>
      <label htmlFor="backup-days">{t('backup.retention')}</label>
      <input
        id="backup-days"
        inputMode="numeric"
        value={days}
        onChange={(e) => setDays(e.target.value)}
      />
      <button type="submit">{t('backup.retentionSave')}</button>
      <span className="help">{t('backup.retentionHelp')}</span>
      {note && (
        <span className={note.ok ? 'help' : 'field-error'} role="status">
          {note.text}
        </span>
      )}
    </form>
  );
}
