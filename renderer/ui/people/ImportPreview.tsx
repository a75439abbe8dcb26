import { useTranslation } from 'react-i18next';
import type { ImportedPerson } from '../../../shared/import/people';

/** How many rows the preview shows; the count above it covers the whole file. */
const PREVIEWED = 100;

/** A checked file before it is stored: how many of each kind, the first rows, confirm or cancel. */
export function ImportPreview({
  people,
  onConfirm,
  onCancel,
}: {
  people: readonly ImportedPerson[];
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <p role="status" className="notice ok">
        {t('importer.preview', {
          count: people.length,
          elders: people.filter((p) => p.member.kind === 'elder').length,
          children: people.filter((p) => p.member.kind === 'child').length,
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
          {people.slice(0, PREVIEWED).map((p) => (
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
        <button type="button" className="primary big" onClick={onConfirm}>
          {t('importer.confirm')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </>
  );
}
