import { useTranslation } from 'react-i18next';
import { cellText, type DailySheet } from '../../data/dailySheet';
import { PrintSheet } from '../kit/PrintSheet';
import { Table } from '../kit/Table';

/**
 * The daily sheet on screen as it prints: the centre and day, one table per part, and the lines
 * it is signed on for the file; with Print and Close.
 */
export function DailySheetView({ sheet, onClose }: { sheet: DailySheet; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <PrintSheet
      titleId="daily-sheet-title"
      title={sheet.title}
      // The centre is named in the title (when the desk knows it), not said twice.
      facts={[`${t('sheet.made')} ${sheet.madeAt}`]}
      className="daily-sheet"
      note={t('sheet.pdfHint')}
      onClose={onClose}
    >
      {sheet.sections.map((section) => (
        <section key={section.id} aria-label={section.title}>
          <h2>{section.title}</h2>
          {section.rows.length === 0 ? (
            <p>{section.empty}</p>
          ) : (
            <Table columns={section.columns}>
              {section.rows.map((row, i) => (
                // A sheet's rows are printed once, in order, never edited: their place is their key.
                <tr key={i}>
                  {row.map((cell, j) => (
                    <td key={j} className={typeof cell === 'string' ? undefined : 'number'}>
                      {cellText(cell)}
                    </td>
                  ))}
                </tr>
              ))}
            </Table>
          )}
        </section>
      ))}
      <p className="signature-line">
        {sheet.signatures.map((label) => (
          <span key={label}>
            {label}：<span className="sign-here" />
          </span>
        ))}
      </p>
    </PrintSheet>
  );
}
