import { useTranslation } from 'react-i18next';
import type { BackupFileInfo } from '../../../shared/bridge';
import { Table } from '../kit/Table';
import { backupTime } from './backupText';

/** The backups in the folder, newest first as the shell lists them, each with its Restore. */
export function BackupList({
  files,
  disabled,
  onRestore,
}: {
  files: readonly BackupFileInfo[];
  disabled: boolean;
  onRestore(fileName: string): void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Table
      label={t('backup.list')}
      columns={[t('backup.when'), t('backup.file'), t('backup.size'), '']}
    >
      {files.length === 0 && (
        <tr>
          <td colSpan={4} className="empty">
            {t('backup.noBackups')}
          </td>
        </tr>
      )}
      {files.map((f) => (
        <tr key={f.fileName}>
          <td>{backupTime(f.createdAt, i18n.language)}</td>
          <td className="file">{f.fileName}</td>
          <td>{t('backup.kb', { size: Math.max(1, Math.round(f.size / 1024)) })}</td>
          <td>
            <button type="button" disabled={disabled} onClick={() => onRestore(f.fileName)}>
              {t('backup.restoreThis')}
            </button>
          </td>
        </tr>
      ))}
    </Table>
  );
}
