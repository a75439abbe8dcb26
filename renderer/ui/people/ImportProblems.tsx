import { useTranslation } from 'react-i18next';
import type { ImportProblem } from '../../../shared/import/people';

/** How many problems are listed at most; the count above the list says how many there are. */
const LISTED = 200;

/** Problems the import words itself; the rest are the registration form's. */
const PROBLEM_KEYS = {
  missingColumn: true,
  tooManyRows: true,
  noRows: true,
  unknownValue: true,
  alreadyRegistered: true,
  duplicateInFile: true,
};

/** Why a file was refused, each problem named by row, column and what to fix. */
export function ImportProblems({ problems }: { problems: readonly ImportProblem[] }) {
  const { t } = useTranslation();
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
    <div className="notice error" role="alert">
      <p>{t('importer.problems', { count: problems.length })}</p>
      <ul className="problems">
        {problems.slice(0, LISTED).map((p, i) => (
          // The problems are a fixed list for one file: their place is their identity.
          <li key={i}>{describe(p)}</li>
        ))}
      </ul>
    </div>
  );
}
