import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog as SharedDialog } from '../../../shared/ui/Dialog';

/** The desk's dialogs: the one both front ends share (shared/ui/Dialog), closed by "关闭". */
export function Dialog(props: Omit<ComponentProps<typeof SharedDialog>, 'closeLabel'>) {
  const { t } = useTranslation();
  return <SharedDialog {...props} closeLabel={t('common.close')} />;
}
