import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { usePrintingSheet } from './hooks';

/**
 * A sheet to print (roll call, daily sheet, timetable, meal claim): shown over the desk with
 * Print and Close, and while it is open only the sheet prints (`usePrintingSheet`).
 */
export function PrintSheet({
  titleId,
  className,
  printLabel,
  note,
  onClose,
  children,
}: {
  /** The id of the sheet's heading, which names the dialog. */
  titleId: string;
  className?: string;
  /** The print button's words, when the sheet says more than "print". */
  printLabel?: string;
  /** A line beside the buttons (e.g. how to keep the sheet as a PDF); not printed. */
  note?: ReactNode;
  onClose(): void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  usePrintingSheet();
  return createPortal(
    <div
      className={className ? `sheet ${className}` : 'sheet'}
      role="dialog"
      aria-labelledby={titleId}
    >
      <div className="sheet-actions no-print">
        <button type="button" className="primary big" onClick={() => window.print()}>
          {printLabel ?? t('common.print')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
        {note && <span className="hint">{note}</span>}
      </div>
      {children}
    </div>,
    document.body,
  );
}
