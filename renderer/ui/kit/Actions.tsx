import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The row that ends a form or a dialog: its main action, big (the form's submit button, unless
 * `onMain` makes it a button of its own), and the way out when there is one (`onCancel`: 取消).
 * `children` are further buttons, before the main one (e.g. "add a dish").
 */
export function Actions({
  main,
  onMain,
  disabled,
  onCancel,
  children,
}: {
  main: ReactNode;
  onMain?(): void;
  disabled?: boolean;
  onCancel?(): void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="actions">
      {children}
      <button
        type={onMain ? 'button' : 'submit'}
        className="primary big"
        disabled={disabled}
        onClick={onMain}
      >
        {main}
      </button>
      {onCancel && (
        <button type="button" className="big" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      )}
    </div>
  );
}
