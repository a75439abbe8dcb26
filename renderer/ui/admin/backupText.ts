import { localDateTime } from '../../../shared/time';
import type { TFunction } from 'i18next';
import { BackupError, type BackupHeader } from '../../../shared/backup';
import { messageKey } from '../../i18n/keys';

/** What went wrong, in the user's language: a refused file, a failing folder, or as it came. */
export function backupProblemText(t: TFunction, error: unknown): string {
  if (error instanceof BackupError)
    return t(`backup.problem.${error.problem}`, {
      version: error.detail?.version,
      centre: error.detail?.centreName ?? error.detail?.centreId,
    });
  const message = error instanceof Error ? error.message : String(error);
  const [code, ...detail] = message.split(': ');
  // The shell's codes (BACKUP_SHELL_ERRORS in shared/bridge.ts) are `backup.<name>`; the
  // catalogue words them as backup.shell.<name>.
  const shellKey = code?.startsWith('backup.')
    ? messageKey('backup.shell', code.slice('backup.'.length))
    : null;
  if (shellKey) return t(shellKey, { detail: detail.join(': ') });
  return message;
}

/** How many records a backup holds, all collections together. */
export const recordCount = (counts: BackupHeader['counts'] | undefined) =>
  Object.values(counts ?? {}).reduce((sum, c) => sum + c.docs, 0);

/**
 * A backup's time as the desk shows every time, year first and 24-hour ("2026-11-23 08:00") in
 * either language, whatever the computer's locale (`_language`: kept for the callers).
 */
export const backupTime = (iso: string, _language?: string) => localDateTime(iso);
