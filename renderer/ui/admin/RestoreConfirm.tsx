import { useTranslation } from 'react-i18next';
import type { BackupHeader } from '../../../shared/backup';
import { UNENROLLED_CENTRE_ID } from '../../../shared/schemas';
import { backupTime, recordCount } from './backupText';
import { Actions } from '../kit/Actions';

/** A checked backup, described (which file, when, which centre, how much) before it is restored. */
export function RestoreConfirm({
  fileName,
  header,
  restoring,
  disabled,
  onConfirm,
  onCancel,
}: {
  fileName: string;
  header: BackupHeader;
  restoring: boolean;
  disabled: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t, i18n } = useTranslation();
  const centre =
    header.centreName ??
    (header.centreId === UNENROLLED_CENTRE_ID ? t('backup.unenrolled') : header.centreId);
  return (
    <div className="backup-confirm" role="region" aria-labelledby="backup-confirm-title">
      <h4 id="backup-confirm-title">{t('backup.confirmTitle')}</h4>
      <p>{t('backup.confirmFile', { file: fileName })}</p>
      <p>
        {t('backup.confirmMade', {
          time: backupTime(header.createdAt, i18n.language),
          centre,
          count: recordCount(header.counts),
        })}
      </p>
      <p className="notice warn">{t('backup.confirmWhat')}</p>
      <Actions
        main={restoring ? t('backup.restoring') : t('backup.confirm')}
        onMain={onConfirm}
        disabled={disabled}
        onCancel={onCancel}
      />
    </div>
  );
}
