import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  checkImport,
  type ImportProblem,
  type ImportedPerson,
} from '../../../shared/import/people';
import { localDay } from '../../../shared/time';
import { importPeople, importVocabulary } from '../../data/importPeople';
import { UnreadableFile, readSheet, templateWorkbook } from '../../data/spreadsheet';
import { useDesk } from '../app/DeskContext';
import { saveErrorText } from '../kit/errors';

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
  const [inputKey, setInputKey] = useState(0);

  async function downloadTemplate() {
    const blob = await templateWorkbook(importVocabulary(t), t('importer.cols.kind'));
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = 'cocare-people-template.xlsx';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  async function choose(file: File) {
    setState({ step: 'reading' });
    try {
      const sheet = await readSheet(file);
      const existing = (await desk.db.members.find().exec()).map((d) => d.toJSON());
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
    setInputKey((k) => k + 1);
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

  const describe = (p: ImportProblem) => {
    const where = [
      t('importer.problemRow', { row: p.row }),
      p.column ? t('importer.problemColumn', { column: t(`importer.cols.${p.column}`) }) : '',
    ]
      .filter(Boolean)
      .join('，');
    const key =
      p.problem in PROBLEM_KEYS ? `importer.problem.${p.problem}` : `problem.${p.problem}`;
    return `${where}：${t(key, { value: p.value ?? '' })}`;
  };

  return (
    <section className="panel import" aria-labelledby="import-title">
      <h2 id="import-title">{t('importer.title')}</h2>
      <p className="hint">{t('importer.help')}</p>
      <div className="actions">
        <button type="button" onClick={() => void downloadTemplate()}>
          {t('importer.template')}
        </button>
        <label className="file-button">
          {t('importer.choose')}
          <input
            key={inputKey}
            type="file"
            accept=".xlsx,.csv"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void choose(file);
            }}
          />
        </label>
      </div>
      {state.step === 'reading' && <p role="status">{t('importer.reading')}</p>}
      {state.step === 'unreadable' && (
        <p className="notice error" role="alert">
          {state.text}
        </p>
      )}
      {state.step === 'problems' && (
        <div className="notice error" role="alert">
          <p>{t('importer.problems', { count: state.problems.length })}</p>
          <ul className="problems">
            {state.problems.slice(0, 200).map((p, i) => (
              <li key={i}>{describe(p)}</li>
            ))}
          </ul>
        </div>
      )}
      {state.step === 'preview' && (
        <>
          <p role="status" className="notice ok">
            {t('importer.preview', {
              count: state.people.length,
              elders: state.people.filter((p) => p.member.kind === 'elder').length,
              children: state.people.filter((p) => p.member.kind === 'child').length,
            })}
          </p>
          <table className="grid">
            <thead>
              <tr>
                <th>{t('importer.problemRow', { row: '' })}</th>
                <th>{t('importer.cols.name')}</th>
                <th>{t('importer.cols.kind')}</th>
                <th>{t('importer.cols.birthDate')}</th>
                <th>{t('importer.cols.allergies')}</th>
              </tr>
            </thead>
            <tbody>
              {state.people.slice(0, 100).map((p) => (
                <tr key={p.row}>
                  <td>{p.row}</td>
                  <td>{p.member.name}</td>
                  <td>{t(`kind.${p.member.kind}`)}</td>
                  <td>{p.member.birthDate}</td>
                  <td>{(p.details.allergies ?? []).join('、')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="actions">
            <button
              type="button"
              className="primary big"
              onClick={() => void confirm(state.people)}
            >
              {t('importer.confirm')}
            </button>
            <button type="button" onClick={() => setState({ step: 'choose' })}>
              {t('common.cancel')}
            </button>
          </div>
        </>
      )}
      {state.step === 'done' && (
        <p className="notice ok" role="status">
          {t('importer.imported', { count: state.count })}
        </p>
      )}
    </section>
  );
}

/** Problems the import words itself; the rest are the registration form's. */
const PROBLEM_KEYS = {
  missingColumn: true,
  tooManyRows: true,
  noRows: true,
  unknownValue: true,
  alreadyRegistered: true,
  duplicateInFile: true,
};
