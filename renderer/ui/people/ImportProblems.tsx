import { useTranslation } from 'react-i18next';
import type { ImportProblem } from '../../../shared/import/people';
import { messageKey } from '../../i18n/keys';

/** How many problems are listed at most; the count above the list says how many there are. */
const LISTED = 200;

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
    // The import words its own problems; the rest are the registration form's.
    const key = messageKey('importer.problem', p.problem) ?? messageKey('problem', p.problem);
    return `${where}：${key ? t(key, { value: p.value ?? '' }) : p.problem}`;
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
