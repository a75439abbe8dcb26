import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  checkImport,
  type ImportProblem,
  type ImportedPerson,
} from '../../../shared/import/people';
import { localDay } from '../../../shared/time';
import { importPeople } from '../../data/importPeople';
import { peopleOnRecord } from '../../data/people';
import { UnreadableFile, readSheet, templateWorkbook } from '../../data/spreadsheet';
import { useDesk } from '../app/DeskContext';
import { downloadBlob } from '../kit/download';
import { saveErrorText } from '../kit/errors';
import { ImportPreview } from './ImportPreview';
import { ImportProblems } from './ImportProblems';
import { importVocabulary } from './importVocabulary';
import { NoticeLine } from '../kit/Notice';
import { FileButton } from '../kit/FileButton';

type State =
  | { step: 'choose' }
  | { step: 'reading' }
  | { step: 'problems'; problems: ImportProblem[] }
  | { step: 'unreadable'; text: string }
  | { step: 'preview'; people: ImportedPerson[] }
  | { step: 'done'; count: number };

/** People from a spreadsheet: template, preview, per-row problems, all or nothing. */
export function ImportScreen() {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [state, setState] = useState<State>({ step: 'choose' });

  async function downloadTemplate() {
    const blob = await templateWorkbook(importVocabulary(t), t('importer.cols.kind'));
    downloadBlob(blob, 'cocare-people-template.xlsx');
  }

  async function choose(file: File) {
    setState({ step: 'reading' });
    try {
      const sheet = await readSheet(file);
      // Against everyone on the record, so someone who left is not registered a second time.
      const existing = await peopleOnRecord(desk);
      const now = new Date();
      const result = checkImport(
        sheet.header,
        sheet.rows,
        importVocabulary(t),
        existing,
        now,
        localDay(now),
      );
      setState(
        result.ok
          ? { step: 'preview', people: result.people }
          : { step: 'problems', problems: result.problems },
      );
    } catch (e) {
      const text =
        e instanceof UnreadableFile
          ? e.reason === 'unreadable'
            ? t('importer.unreadable', { detail: e.message })
            : t(`importer.${e.reason}`)
          : saveErrorText(t, e);
      setState({ step: 'unreadable', text });
    }
  }

  async function confirm(people: ImportedPerson[]) {
    try {
      const count = await importPeople(desk, people);
      setState({ step: 'done', count });
    } catch (e) {
      setState({
        step: 'unreadable',
        text: saveErrorText(t, e),
      });
    }
  }

  return (
    <section className="panel import" aria-labelledby="import-title">
      <h2 id="import-title">{t('importer.title')}</h2>
      <p className="hint">{t('importer.help')}</p>
      <div className="actions">
        <button type="button" onClick={() => void downloadTemplate()}>
          {t('importer.template')}
        </button>
        <FileButton
          label={t('importer.choose')}
          accept=".xlsx,.csv"
          onFile={(file) => void choose(file)}
        />
      </div>
      {state.step === 'reading' && <p role="status">{t('importer.reading')}</p>}
      <NoticeLine tone="error" text={state.step === 'unreadable' && state.text} />
      {state.step === 'problems' && <ImportProblems problems={state.problems} />}
      {state.step === 'preview' && (
        <ImportPreview
          people={state.people}
          onConfirm={() => void confirm(state.people)}
          onCancel={() => setState({ step: 'choose' })}
        />
      )}
      {state.step === 'done' && (
        <p className="notice ok" role="status">
          {t('importer.imported', { count: state.count })}
        </p>
      )}
    </section>
  );
}
