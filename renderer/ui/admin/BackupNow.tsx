import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { backUpNow, type BackupState } from '../../data/backupService';
import { useDesk } from '../app/DeskContext';
import { NoticeLine, type Notice } from '../kit/Notice';
import type { BackupBusy } from './BackupPanel';
import { backupProblemText, backupTime, recordCount } from './backupText';

/** Where backups go (the folder, or the browser's downloads), backing up now, and the last one. */
export function BackupNow({
  state,
  inFolder,
  folder,
  busy,
  setBusy,
  refresh,
}: {
  state: BackupState | null;
  inFolder: boolean;
  folder: string | null;
  busy: BackupBusy;
  setBusy(busy: BackupBusy): void;
  refresh(): Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const { desk, platform } = useDesk();
  const [notice, setNotice] = useState<Notice>(null);
  const when = (iso: string) => backupTime(iso, i18n.language);

  async function chooseFolder() {
    try {
      if ((await platform.backups.chooseFolder()) !== null) await refresh();
    } catch (error) {
      setNotice({ tone: 'error', text: backupProblemText(t, error) });
    }
  }

  async function backUp() {
    setBusy('backup');
    setNotice(null);
    try {
      const done = await backUpNow(desk, platform);
      const lines = [t('backup.done', { file: done.fileName, count: recordCount(done.counts) })];
      if (done.removed.length) lines.push(t('backup.removed', { count: done.removed.length }));
      setNotice({ tone: 'ok', text: lines.join(' ') });
      await refresh();
    } catch (error) {
      setNotice({ tone: 'error', text: backupProblemText(t, error) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      {inFolder ? (
        <div className="backup-folder">
          <strong>{t('backup.folder')}</strong>
          {folder ? (
            <code className="path" data-testid="backup-folder">
              {folder}
            </code>
          ) : (
            <p className="notice warn">{t('backup.noFolder')}</p>
          )}
          <button type="button" onClick={() => void chooseFolder()}>
            {folder ? t('backup.changeFolder') : t('backup.chooseFolder')}
          </button>
        </div>
      ) : (
        <p className="notice warn" role="note">
          {t('backup.browserNote')}
        </p>
      )}
      <div className="backup-now">
        <button
          type="button"
          className="primary big"
          disabled={busy !== null || (inFolder && !folder)}
          onClick={() => void backUp()}
        >
          {busy === 'backup' ? t('backup.working') : t('backup.now')}
        </button>
        <div className="backup-last" data-testid="backup-last">
          {state?.lastAt ? (
            <>
              <span>{t('backup.last', { time: when(state.lastAt) })}</span>
              {state.lastFile && (
                <span className="hint">{t('backup.lastFile', { file: state.lastFile })}</span>
              )}
            </>
          ) : (
            <span>{t('backup.never')}</span>
          )}
        </div>
      </div>
      <NoticeLine notice={notice} />
      {state?.lastError && state.lastErrorAt && (
        <p className="notice error" role="alert">
          {t('backup.lastFailed', {
            time: when(state.lastErrorAt),
            message: backupProblemText(t, new Error(state.lastError)),
          })}
        </p>
      )}
    </>
  );
}
