import { useTranslation } from 'react-i18next';
import type { ImportedPerson } from '../../../shared/import/people';
import { Table } from '../kit/Table';
import { Actions } from '../kit/Actions';

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
      <Table
        columns={[
          t('importer.problemRow', { row: '' }),
          t('importer.cols.name'),
          t('importer.cols.kind'),
          t('importer.cols.birthDate'),
          t('importer.cols.allergies'),
        ]}
      >
        {people.slice(0, PREVIEWED).map((p) => (
          <tr key={p.row}>
            <td>{p.row}</td>
            <td>{p.member.name}</td>
            <td>{t(`kind.${p.member.kind}`)}</td>
            <td>{p.member.birthDate}</td>
            <td>{(p.details.allergies ?? []).join('、')}</td>
          </tr>
        ))}
      </Table>
      <Actions main={t('importer.confirm')} onMain={onConfirm} onCancel={onCancel} />
    </>
  );
}
