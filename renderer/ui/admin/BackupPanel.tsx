import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupFileInfo } from '../../../shared/bridge';
import { backupState$, hasBackupPassphrase } from '../../data/backupService';
import { useDesk } from '../app/DeskContext';
import { useDeskRead } from '../kit/hooks';
import { BackupNow } from './BackupNow';
import { BackupRestore } from './BackupRestore';
import { PassphraseForm } from './PassphraseForm';
import { RetentionForm } from './RetentionForm';

/** What the backup panel is doing, if anything: one thing at a time, the buttons wait. */
export type BackupBusy = 'backup' | 'check' | 'restore' | null;

/** Settings → backup and restore, for managers: the folder, backing up, the passphrase, restoring. */
export function BackupPanel() {
  const { t } = useTranslation();
  const { platform } = useDesk();
  const state = useDeskRead(backupState$, null);
  const inFolder = platform.backups.kind === 'folder';
  const [folder, setFolder] = useState<string | null>(null);
  const [files, setFiles] = useState<BackupFileInfo[]>([]);
  const [hasPassphrase, setHasPassphrase] = useState(false);
  const [busy, setBusy] = useState<BackupBusy>(null);

  const refresh = useCallback(async () => {
    setFolder(await platform.backups.folder());
    setFiles(await platform.backups.list().catch(() => []));
    setHasPassphrase(await hasBackupPassphrase(platform));
  }, [platform]);
  useEffect(() => void refresh(), [refresh]);

  return (
    <section className="panel backup" aria-labelledby="backup-title">
      <h3 id="backup-title">{t('backup.title')}</h3>
      <p className="help">{t('backup.help')}</p>
      <BackupNow
        state={state}
        inFolder={inFolder}
        folder={folder}
        busy={busy}
        setBusy={setBusy}
        refresh={refresh}
      />
      {inFolder && state && <RetentionForm days={state.retentionDays} />}
      <PassphraseForm hasPassphrase={hasPassphrase} onSaved={() => setHasPassphrase(true)} />
      <BackupRestore
        files={inFolder && folder ? files : null}
        inFolder={inFolder}
        busy={busy}
        setBusy={setBusy}
      />
    </section>
  );
}
