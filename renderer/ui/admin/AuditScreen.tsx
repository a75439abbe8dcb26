import { format } from 'date-fns';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toCsv } from '../../../shared/rules/csv';
import type { AuditLogDoc } from '../../../shared/schemas';
import { AUDIT_ACTIONS, type AuditAction } from '../../../shared/schemas/auditLog';
import { auditEntries$, exportAuditLog } from '../../data/audit';
import { staff$ } from '../../data/people';
import { useDesk } from '../app/DeskContext';
import { downloadBlob } from '../kit/download';
import { useDeskRead } from '../kit/hooks';
import { Table } from '../kit/Table';
import { Options } from '../kit/Field';

/** How many entries the screen shows; the export has them all. */
const PAGE = 200;

/** The manager's view of the audit log: newest first, filtered by action, exportable as CSV. */
export function AuditScreen() {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [action, setAction] = useState<AuditAction | ''>('');
  const entries = useDeskRead(auditEntries$, [] as AuditLogDoc[], action || null, PAGE);
  // Those who left are named too: an entry outlives its author's time at the centre.
  const staff = useDeskRead(staff$, [], 'all');
  const names = useMemo(() => new Map(staff.map((s) => [s.id, s.name])), [staff]);
  const who = (e: AuditLogDoc) =>
    e.staffId ? (names.get(e.staffId) ?? e.staffId) : t('audit.desk');
  const when = (e: AuditLogDoc) => format(new Date(e.at ?? e.createdAt), 'yyyy-MM-dd HH:mm:ss');

  async function exportCsv() {
    const all = await exportAuditLog(desk);
    const rows = [
      (['when', 'who', 'action', 'subject', 'fields', 'reason'] as const).map((c) =>
        t(`audit.${c}`),
      ),
      ...all.map((e) => [
        when(e),
        who(e),
        t(`auditAction.${e.action}`),
        `${e.subjectCollection}/${e.subjectId}`,
        (e.fields ?? []).join(' '),
        e.reason ?? '',
      ]),
    ];
    downloadBlob(
      new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }),
      `cocare-audit-${format(new Date(), 'yyyyMMdd-HHmm')}.csv`,
    );
  }

  return (
    <section className="audit" aria-labelledby="audit-title">
      <div className="section-head">
        <h2 id="audit-title">{t('audit.title')}</h2>
        <label htmlFor="audit-action">{t('audit.filter')}</label>
        <select
          id="audit-action"
          value={action}
          onChange={(e) => setAction(e.target.value as AuditAction | '')}
        >
          <Options
            options={AUDIT_ACTIONS}
            label={(a) => t(`auditAction.${a}`)}
            none={t('audit.all')}
          />
        </select>
        <button type="button" onClick={() => void exportCsv()}>
          {t('audit.export')}
        </button>
      </div>
      <Table
        labelledBy="audit-title"
        columns={(['when', 'who', 'action', 'fields', 'reason'] as const).map((c) =>
          t(`audit.${c}`),
        )}
      >
        {entries.map((e) => (
          <tr key={e.id}>
            <td>{when(e)}</td>
            <td>{who(e)}</td>
            <td>{t(`auditAction.${e.action}`)}</td>
            <td>{(e.fields ?? []).join('、')}</td>
            <td>{e.reason ?? ''}</td>
          </tr>
        ))}
      </Table>
      {entries.length === PAGE && <p className="hint">{t('audit.more', { count: PAGE })}</p>}
    </section>
  );
}
