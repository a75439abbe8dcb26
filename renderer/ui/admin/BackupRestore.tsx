import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BackupError, readBackup, type BackupHeader } from '../../../shared/backup';
import type { BackupFile, BackupFileInfo } from '../../../shared/bridge';
import { backupKeys, restoreFile } from '../../data/backupService';
import { useDesk } from '../app/DeskContext';
import { NoticeLine, type Notice } from '../kit/Notice';
import { BackupList } from './BackupList';
import type { BackupBusy } from './BackupPanel';
import { backupProblemText } from './backupText';
import { RestoreConfirm } from './RestoreConfirm';
import { FileButton } from '../kit/FileButton';

interface Refused {
  file: BackupFile;
  problem: string;
  /** Made with another desk's key: the centre's passphrase may open it. */
  wrongKey: boolean;
}

/**
 * Restoring: a file is chosen (from the folder's list or anywhere), checked completely (opened,
 * not written), described, and restored only when confirmed. A refused file says why; one made
 * on another computer can be opened with the centre's passphrase.
 */
export function BackupRestore({
  files,
  inFolder,
  busy,
  setBusy,
}: {
  /** The folder's backups, when there is a folder to list. */
  files: readonly BackupFileInfo[] | null;
  inFolder: boolean;
  busy: BackupBusy;
  setBusy(busy: BackupBusy): void;
}) {
  const { t } = useTranslation();
  const { desk, platform } = useDesk();
  const [candidate, setCandidate] = useState<{ file: BackupFile; header: BackupHeader } | null>(
    null,
  );
  const [refused, setRefused] = useState<Refused | null>(null);
  const [typedPassphrase, setTypedPassphrase] = useState('');
  const [notice, setNotice] = useState<Notice>(null);

  async function consider(file: BackupFile, passphrase?: string) {
    setBusy('check');
    setCandidate(null);
    setRefused(null);
    setNotice(null);
    try {
      const keys = await backupKeys(platform, passphrase);
      const opened = await readBackup(file.bytes, keys, desk.settings.centreId);
      setCandidate({ file, header: opened.header });
    } catch (error) {
      setRefused({
        file,
        problem: backupProblemText(t, error),
        wrongKey: error instanceof BackupError && error.problem === 'wrongKey',
      });
    } finally {
      setBusy(null);
    }
  }

  async function fromFile(chosen: File) {
    await consider({ fileName: chosen.name, bytes: new Uint8Array(await chosen.arrayBuffer()) });
  }

  async function pick(load: () => Promise<BackupFile | null>) {
    try {
      const file = await load();
      if (file) await consider(file);
    } catch (error) {
      setNotice({ tone: 'error', text: backupProblemText(t, error) });
    }
  }

  async function restore(file: BackupFile) {
    setBusy('restore');
    try {
      const { result } = await restoreFile(
        desk,
        platform,
        file.bytes,
        typedPassphrase || undefined,
      );
      const lines = [t('backup.restored', { restored: result.restored, skipped: result.skipped })];
      if (result.rulesRestored) lines.push(t('backup.rulesRestored'));
      setNotice({ tone: 'ok', text: lines.join(' ') });
      setCandidate(null);
      setTypedPassphrase('');
    } catch (error) {
      setNotice({ tone: 'error', text: backupProblemText(t, error) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="backup-restore" role="group" aria-labelledby="backup-restore-title">
      <h4 id="backup-restore-title">{t('backup.restoreTitle')}</h4>
      <p className="help">{t('backup.restoreHelp')}</p>
      {files && (
        <BackupList
          files={files}
          disabled={busy !== null}
          onRestore={(name) => void pick(() => platform.backups.read(name))}
        />
      )}
      {inFolder ? (
        <button
          type="button"
          disabled={busy !== null}
          onClick={() => void pick(() => platform.backups.pick())}
        >
          {t('backup.pickFile')}
        </button>
      ) : (
        <FileButton
          label={t('backup.chooseFile')}
          accept=".cocare"
          disabled={busy !== null}
          onFile={(file) => void fromFile(file)}
        />
      )}
      {busy === 'check' && <p className="help">{t('backup.checking')}</p>}
      {refused && (
        <div className="notice error" role="alert">
          <p>{refused.problem}</p>
          {refused.wrongKey && (
            <form
              className="field inline"
              onSubmit={(e) => {
                e.preventDefault();
                void consider(refused.file, typedPassphrase);
              }}
            >
              <label htmlFor="backup-typed-passphrase">{t('backup.passphraseFor')}</label>
              <input
                id="backup-typed-passphrase"
                type="password"
                autoComplete="off"
                value={typedPassphrase}
                onChange={(e) => setTypedPassphrase(e.target.value)}
              />
              <button type="submit">{t('backup.retry')}</button>
            </form>
          )}
        </div>
      )}
      {candidate && (
        <RestoreConfirm
          fileName={candidate.file.fileName}
          header={candidate.header}
          restoring={busy === 'restore'}
          disabled={busy !== null}
          onConfirm={() => void restore(candidate.file)}
          onCancel={() => setCandidate(null)}
        />
      )}
      <NoticeLine notice={notice} />
    </div>
  );
}
