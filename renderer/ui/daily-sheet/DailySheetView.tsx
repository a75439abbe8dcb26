import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { DailySheet } from '../../data/dailySheet';
import { usePrintingSheet } from '../kit/hooks';

/** The daily sheet on screen as it prints: one table per part, with Print and Close. */
export function DailySheetView({ sheet, onClose }: { sheet: DailySheet; onClose(): void }) {
  const { t } = useTranslation();
  usePrintingSheet();
  return createPortal(
    <div className="sheet daily-sheet" role="dialog" aria-labelledby="daily-sheet-title">
      <div className="sheet-actions no-print">
        <button type="button" className="primary big" onClick={() => window.print()}>
          {t('sheet.printNow')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
        <span className="hint">{t('sheet.pdfHint')}</span>
      </div>
      <h1 id="daily-sheet-title">{sheet.title}</h1>
      <p>{[sheet.centre, `${t('sheet.made')} ${sheet.madeAt}`].filter(Boolean).join(' · ')}</p>
      {sheet.sections.map((section) => (
        <section key={section.id} aria-label={section.title}>
          <h2>{section.title}</h2>
          {section.rows.length === 0 ? (
            <p>{section.empty}</p>
          ) : (
            <table className="grid">
              <thead>
                <tr>
                  {section.columns.map((c) => (
                    <th key={c}>{c}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {section.rows.map((row, i) => (
                  <tr key={i}>
                    {row.map((cell, j) => (
                      <td key={j}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </div>,
    document.body,
  );
}
