import { useCallback, useEffect, useMemo, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { BackupError, readBackup, type BackupHeader } from '../../../shared/backup';
import { BACKUP_SHELL_ERRORS, type BackupFile, type BackupFileInfo } from '../../../shared/bridge';
import {
  backupKeys,
  backupState$,
  backUpNow,
  hasBackupPassphrase,
  MIN_PASSPHRASE_LENGTH,
  restoreFile,
  setBackupPassphrase,
  setRetentionDays,
} from '../../data/backupService';
import { UNENROLLED_CENTRE_ID } from '../../../shared/schemas';
import { useDesk } from '../app/DeskContext';
import { useObservable } from '../kit/hooks';

type Note = { kind: 'ok' | 'warn' | 'error'; text: string } | null;

const SHELL_CODES = new Set<string>(Object.values(BACKUP_SHELL_ERRORS));

/** What went wrong, in the user's language: a refused file, a failing folder, or as it came. */
function problemText(t: TFunction, error: unknown): string {
  if (error instanceof BackupError)
    return t(`backup.problem.${error.problem}`, {
      version: error.detail?.version,
      centre: error.detail?.centreName ?? error.detail?.centreId,
    });
  const message = error instanceof Error ? error.message : String(error);
  const [code, ...detail] = message.split(': ');
  if (code && SHELL_CODES.has(code))
    return t(`backup.shell.${code.slice('backup.'.length)}`, { detail: detail.join(': ') });
  return message;
}

const total = (counts: BackupHeader['counts'] | undefined) =>
  Object.values(counts ?? {}).reduce((sum, c) => sum + c.docs, 0);

/** Settings → backup and restore, for managers: the folder, backing up, the passphrase, restoring. */
export function BackupPanel() {
  const { t, i18n } = useTranslation();
  const { desk, platform } = useDesk();
  const state = useObservable(
    useMemo(() => backupState$(desk), [desk]),
    null,
  );
  const inFolder = platform.backups.kind === 'folder';
  const [folder, setFolder] = useState<string | null>(null);
  const [files, setFiles] = useState<BackupFileInfo[]>([]);
  const [busy, setBusy] = useState<'backup' | 'check' | 'restore' | null>(null);
  const [backupNote, setBackupNote] = useState<Note>(null);
  const [days, setDays] = useState('');
  const [daysNote, setDaysNote] = useState<Note>(null);
  const [hasPassphrase, setHasPassphrase] = useState(false);
  const [newPassphrase, setNewPassphrase] = useState(['', '']);
  const [passphraseNote, setPassphraseNote] = useState<Note>(null);
  const [candidate, setCandidate] = useState<{ file: BackupFile; header: BackupHeader } | null>(
    null,
  );
  const [refused, setRefused] = useState<{
    file: BackupFile;
    problem: string;
    wrongKey: boolean;
  } | null>(null);
  const [typedPassphrase, setTypedPassphrase] = useState('');
  const [restoreNote, setRestoreNote] = useState<Note>(null);

  const when = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  const refresh = useCallback(async () => {
    setFolder(await platform.backups.folder());
    setFiles(await platform.backups.list().catch(() => []));
    setHasPassphrase(await hasBackupPassphrase(platform));
  }, [platform]);
  useEffect(() => void refresh(), [refresh]);
  useEffect(() => {
    if (state) setDays(String(state.retentionDays));
  }, [state]);

  async function chooseFolder() {
    try {
      if ((await platform.backups.chooseFolder()) !== null) await refresh();
    } catch (error) {
      setBackupNote({ kind: 'error', text: problemText(t, error) });
    }
  }

  async function backUp() {
    setBusy('backup');
    setBackupNote(null);
    try {
      const done = await backUpNow(desk, platform);
      const lines = [t('backup.done', { file: done.fileName, count: total(done.counts) })];
      if (done.removed.length) lines.push(t('backup.removed', { count: done.removed.length }));
      setBackupNote({ kind: 'ok', text: lines.join(' ') });
      await refresh();
    } catch (error) {
      setBackupNote({ kind: 'error', text: problemText(t, error) });
    } finally {
      setBusy(null);
    }
  }

  async function saveDays(event: FormEvent) {
    event.preventDefault();
    const n = Number(days);
    try {
      await setRetentionDays(desk, n);
      setDaysNote({ kind: 'ok', text: t('backup.retentionSaved', { days: n }) });
    } catch {
      setDaysNote({ kind: 'error', text: t('backup.retentionRange') });
    }
  }

  async function savePassphrase(event: FormEvent) {
    event.preventDefault();
    const [first, second] = newPassphrase as [string, string];
    if (first.trim().length < MIN_PASSPHRASE_LENGTH)
      return setPassphraseNote({ kind: 'error', text: t('backup.passphraseTooShort') });
    if (first !== second)
      return setPassphraseNote({ kind: 'error', text: t('backup.passphraseMismatch') });
    await setBackupPassphrase(desk, platform, first);
    setNewPassphrase(['', '']);
    setHasPassphrase(true);
    setPassphraseNote({ kind: 'ok', text: t('backup.passphraseSaved') });
  }

  /** Checks a file completely (it is opened, not written) before asking to confirm. */
  async function consider(file: BackupFile, passphrase?: string) {
    setBusy('check');
    setCandidate(null);
    setRefused(null);
    setRestoreNote(null);
    try {
      const opened = await readBackup(
        file.bytes,
        await backupKeys(platform, passphrase),
        desk.settings.centreId,
      );
      setCandidate({ file, header: opened.header });
    } catch (error) {
      setRefused({
        file,
        problem: problemText(t, error),
        wrongKey: error instanceof BackupError && error.problem === 'wrongKey',
      });
    } finally {
      setBusy(null);
    }
  }

  async function fromInput(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    event.target.value = '';
    if (!chosen) return;
    await consider({ fileName: chosen.name, bytes: new Uint8Array(await chosen.arrayBuffer()) });
  }

  async function pick(load: () => Promise<BackupFile | null>) {
    try {
      const file = await load();
      if (file) await consider(file);
    } catch (error) {
      setRestoreNote({ kind: 'error', text: problemText(t, error) });
    }
  }

  async function restore() {
    if (!candidate) return;
    setBusy('restore');
    try {
      const { result } = await restoreFile(
        desk,
        platform,
        candidate.file.bytes,
        typedPassphrase || undefined,
      );
      const lines = [t('backup.restored', { restored: result.restored, skipped: result.skipped })];
      if (result.rulesRestored) lines.push(t('backup.rulesRestored'));
      setRestoreNote({ kind: 'ok', text: lines.join(' ') });
      setCandidate(null);
      setTypedPassphrase('');
    } catch (error) {
      setRestoreNote({ kind: 'error', text: problemText(t, error) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="panel backup" aria-labelledby="backup-title">
      <h3 id="backup-title">{t('backup.title')}</h3>
      <p className="help">{t('backup.help')}</p>

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
      {backupNote && (
        <p
          className={`notice ${backupNote.kind}`}
          role={backupNote.kind === 'error' ? 'alert' : 'status'}
        >
          {backupNote.text}
        </p>
      )}
      {state?.lastError && state.lastErrorAt && (
        <p className="notice error" role="alert">
          {t('backup.lastFailed', {
            time: when(state.lastErrorAt),
            message: problemText(t, new Error(state.lastError)),
          })}
        </p>
      )}

      {inFolder && (
        <form className="field inline" onSubmit={(e) => void saveDays(e)} noValidate>
          <label htmlFor="backup-days">{t('backup.retention')}</label>
          <input
            id="backup-days"
            inputMode="numeric"
            value={days}
            onChange={(e) => setDays(e.target.value)}
          />
          <button type="submit">{t('backup.retentionSave')}</button>
          <span className="help">{t('backup.retentionHelp')}</span>
          {daysNote && (
            <span className={daysNote.kind === 'ok' ? 'help' : 'field-error'} role="status">
              {daysNote.text}
            </span>
          )}
        </form>
      )}

      <form
        className="backup-passphrase"
        onSubmit={(e) => void savePassphrase(e)}
        noValidate
        aria-labelledby="backup-passphrase-title"
      >
        <h4 id="backup-passphrase-title">{t('backup.passphraseTitle')}</h4>
        <p className={hasPassphrase ? 'help' : 'notice warn'}>
          {hasPassphrase ? t('backup.passphraseSet') : t('backup.passphraseMissing')}
        </p>
        <div className="field">
          <label htmlFor="backup-passphrase">{t('backup.passphrase')}</label>
          <input
            id="backup-passphrase"
            type="password"
            autoComplete="new-password"
            value={newPassphrase[0]}
            onChange={(e) => setNewPassphrase([e.target.value, newPassphrase[1]!])}
          />
        </div>
        <div className="field">
          <label htmlFor="backup-passphrase-again">{t('backup.passphraseAgain')}</label>
          <input
            id="backup-passphrase-again"
            type="password"
            autoComplete="new-password"
            value={newPassphrase[1]}
            onChange={(e) => setNewPassphrase([newPassphrase[0]!, e.target.value])}
          />
        </div>
        <button type="submit">{t('backup.passphraseSave')}</button>
        {passphraseNote && (
          <p className={`notice ${passphraseNote.kind}`} role="status">
            {passphraseNote.text}
          </p>
        )}
      </form>

      <div className="backup-restore" role="group" aria-labelledby="backup-restore-title">
        <h4 id="backup-restore-title">{t('backup.restoreTitle')}</h4>
        <p className="help">{t('backup.restoreHelp')}</p>
        {inFolder && folder && (
          <table className="grid" aria-label={t('backup.list')}>
            <thead>
              <tr>
                <th>{t('backup.when')}</th>
                <th>{t('backup.file')}</th>
                <th>{t('backup.size')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {files.length === 0 && (
                <tr>
                  <td colSpan={4} className="empty">
                    {t('backup.noBackups')}
                  </td>
                </tr>
              )}
              {files.map((f) => (
                <tr key={f.fileName}>
                  <td>{when(f.createdAt)}</td>
                  <td className="file">{f.fileName}</td>
                  <td>{t('backup.kb', { size: Math.max(1, Math.round(f.size / 1024)) })}</td>
                  <td>
                    <button
                      type="button"
                      disabled={busy !== null}
                      onClick={() => void pick(() => platform.backups.read(f.fileName))}
                    >
                      {t('backup.restoreThis')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
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
          // The browser's own file button speaks the browser's language and is small: a big
          // button of ours, in the desk's language, opens the same file input.
          <div className="file-pick">
            <input
              id="backup-file"
              type="file"
              accept=".cocare"
              disabled={busy !== null}
              onChange={(e) => void fromInput(e)}
            />
            <label htmlFor="backup-file" className="file-button">
              {t('backup.chooseFile')}
            </label>
          </div>
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
          <div className="backup-confirm" role="region" aria-labelledby="backup-confirm-title">
            <h4 id="backup-confirm-title">{t('backup.confirmTitle')}</h4>
            <p>{t('backup.confirmFile', { file: candidate.file.fileName })}</p>
            <p>
              {t('backup.confirmMade', {
                time: when(candidate.header.createdAt),
                centre:
                  candidate.header.centreName ??
                  (candidate.header.centreId === UNENROLLED_CENTRE_ID
                    ? t('backup.unenrolled')
                    : candidate.header.centreId),
                count: total(candidate.header.counts),
              })}
            </p>
            <p className="notice warn">{t('backup.confirmWhat')}</p>
            <div className="actions">
              <button
                type="button"
                className="primary big"
                disabled={busy !== null}
                onClick={() => void restore()}
              >
                {busy === 'restore' ? t('backup.restoring') : t('backup.confirm')}
              </button>
              <button type="button" className="big" onClick={() => setCandidate(null)}>
                {t('common.cancel')}
              </button>
            </div>
          </div>
        )}
        {restoreNote && (
          <p
            className={`notice ${restoreNote.kind}`}
            role={restoreNote.kind === 'error' ? 'alert' : 'status'}
          >
            {restoreNote.text}
          </p>
        )}
      </div>
    </section>
  );
}
