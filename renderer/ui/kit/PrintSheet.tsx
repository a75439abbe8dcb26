import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { usePrintingSheet } from './hooks';

/**
 * A sheet to print (roll call, daily sheet, timetable, meal claim, member card): shown over the
 * desk with Print and Close, and while it is open only the sheet prints (`usePrintingSheet`). A
 * sheet with a `title` prints it as its heading, with its `facts` (centre, time…) in a line under it.
 */
export function PrintSheet({
  titleId,
  title,
  facts,
  className,
  note,
  onClose,
  children,
}: {
  /** The id of the sheet's heading (or, without `title`, of what names it), naming the dialog. */
  titleId: string;
  title?: ReactNode;
  /** Shown under the title joined by " · ", the empty ones left out. */
  facts?: readonly (string | null | undefined | false)[];
  className?: string;
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
          {t('common.print')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
        {note && <span className="hint">{note}</span>}
      </div>
      {title && <h1 id={titleId}>{title}</h1>}
      {facts && <p>{facts.filter(Boolean).join(' · ')}</p>}
      {children}
    </div>,
    document.body,
  );
}
