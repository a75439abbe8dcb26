import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSPHRASE_LENGTH, setBackupPassphrase } from '../../data/backupService';
import { useDesk } from '../app/DeskContext';
import { InputField } from '../kit/Field';
import { NoticeLine, type Notice } from '../kit/Notice';
import { TitledForm } from '../kit/TitledForm';

/**
 * The centre's backup passphrase: with it, a backup opens on another computer (a new desk after
 * a broken one), not only on the desk that made it.
 */
export function PassphraseForm({
  hasPassphrase,
  onSaved,
}: {
  hasPassphrase: boolean;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const { desk, platform } = useDesk();
  const [first, setFirst] = useState('');
  const [again, setAgain] = useState('');
  const [notice, setNotice] = useState<Notice>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (first.trim().length < MIN_PASSPHRASE_LENGTH)
      return setNotice({ tone: 'error', text: t('backup.passphraseTooShort') });
    if (first !== again) return setNotice({ tone: 'error', text: t('backup.passphraseMismatch') });
    await setBackupPassphrase(desk, platform, first);
    setFirst('');
    setAgain('');
    onSaved();
    setNotice({ tone: 'ok', text: t('backup.passphraseSaved') });
  }

  return (
    <TitledForm
      titleId="backup-passphrase-title"
      title={t('backup.passphraseTitle')}
      heading="h4"
      className="backup-passphrase"
      onSubmit={save}
    >
      <p className={hasPassphrase ? 'help' : 'notice warn'}>
        {hasPassphrase ? t('backup.passphraseSet') : t('backup.passphraseMissing')}
      </p>
      {(
        [
          ['backup-passphrase', t('backup.passphrase'), first, setFirst],
          ['backup-passphrase-again', t('backup.passphraseAgain'), again, setAgain],
        ] as const
      ).map(([id, label, value, set]) => (
        <InputField
          key={id}
          id={id}
          label={label}
          type="password"
          autoComplete="new-password"
          value={value}
          onChange={(e) => set(e.target.value)}
        />
      ))}
      <button type="submit">{t('backup.passphraseSave')}</button>
      <NoticeLine notice={notice} />
    </TitledForm>
  );
}
