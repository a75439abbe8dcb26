import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  buildDailySheet,
  dailySheetWorkbook,
  logSheetTaken,
  type DailySheet,
} from '../../data/dailySheet';
import { useDesk } from '../app/DeskContext';
import { DailySheetView } from '../daily-sheet/DailySheetView';
import { saveErrorText } from '../kit/errors';
import { downloadBlob } from '../kit/download';
import { NoticeLine } from '../kit/Notice';

/** 今日 (and a past day's, after 补录 from paper): the day's sheet, opened to print (or keep as PDF) or exported as an Excel workbook. */
export function DailySheetPanel({ day, heading }: { day: string; heading?: string }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [sheet, setSheet] = useState<DailySheet | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  /** The sheet, once who takes it and how is logged; null (and the problem said) on failure. */
  async function takeSheet(how: 'print' | 'excel'): Promise<DailySheet | null> {
    try {
      setProblem(null);
      const made = await buildDailySheet(desk, day, t, desk.settings.centreName ?? '');
      await logSheetTaken(desk, made.day, how);
      return made;
    } catch (e) {
      setProblem(saveErrorText(t, e));
      return null;
    }
  }

  async function exportSheet() {
    const made = await takeSheet('excel');
    if (made)
      downloadBlob(
        await dailySheetWorkbook(made, t('sheet.made')),
        `cocare-daily-${made.day}.xlsx`,
      );
  }

  return (
    <section aria-labelledby="home-sheet" className="panel">
      <h3 id="home-sheet">{heading ?? t('sheet.heading')}</h3>
      <div className="sheet-actions">
        <button
          type="button"
          className="primary big"
          onClick={() => void takeSheet('print').then((s) => s && setSheet(s))}
        >
          {t('sheet.open')}
        </button>
        <button type="button" className="big" onClick={() => void exportSheet()}>
          {t('sheet.excel')}
        </button>
      </div>
      <NoticeLine tone="error" text={problem} />
      {sheet && <DailySheetView sheet={sheet} onClose={() => setSheet(null)} />}
    </section>
  );
}
