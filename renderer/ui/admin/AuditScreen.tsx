import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { format } from 'date-fns';
import { map } from 'rxjs';
import type { AuditLogDoc, StaffDoc } from '../../../shared/schemas';
import { AUDIT_ACTIONS, type AuditAction } from '../../../shared/schemas/auditLog';
import { audit } from '../../data/audit';
import { useDesk } from '../app/DeskContext';
import { useObservable } from '../kit/hooks';

const PAGE = 200;

/** CSV with a BOM so Excel opens the Chinese text correctly; every field quoted. */
function toCsv(rows: string[][]): string {
  return (
    '\ufeff' + rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n')
  );
}

/** The manager's view of the audit log: newest first, filtered by action, exportable as CSV. */
export function AuditScreen() {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [action, setAction] = useState<AuditAction | ''>('');
  const entries$ = useMemo(
    () =>
      desk.db.auditLog
        .find({ selector: action ? { action } : {}, sort: [{ updatedAt: 'desc' }], limit: PAGE })
        .$.pipe(map((d) => d.map((x) => x.toJSON() as AuditLogDoc))),
    [desk, action],
  );
  const staff$ = useMemo(
    () => desk.db.staff.find().$.pipe(map((d) => d.map((x) => x.toJSON() as StaffDoc))),
    [desk],
  );
  const entries = useObservable(entries$, [] as AuditLogDoc[]);
  const staff = useObservable(staff$, [] as StaffDoc[]);
  const names = new Map(staff.map((s) => [s.id, s.name]));
  const who = (e: AuditLogDoc) =>
    e.staffId ? (names.get(e.staffId) ?? e.staffId) : t('audit.desk');
  const when = (e: AuditLogDoc) => format(new Date(e.at ?? e.createdAt), 'yyyy-MM-dd HH:mm:ss');

  async function exportCsv() {
    const all = (await desk.db.auditLog.find({ sort: [{ updatedAt: 'asc' }] }).exec()).map(
      (d) => d.toJSON() as AuditLogDoc,
    );
    const rows = [
      [
        t('audit.when'),
        t('audit.who'),
        t('audit.action'),
        t('audit.subject'),
        t('audit.fields'),
        t('audit.reason'),
      ],
      ...all.map((e) => [
        when(e),
        who(e),
        t(`auditAction.${e.action}`),
        `${e.subjectCollection}/${e.subjectId}`,
        (e.fields ?? []).join(' '),
        e.reason ?? '',
      ]),
    ];
    const url = URL.createObjectURL(new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `cocare-audit-${format(new Date(), 'yyyyMMdd-HHmm')}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    await audit(desk, { action: 'audit.export', subjectCollection: 'auditLog', subjectId: 'all' });
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
          <option value="">{t('audit.all')}</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`auditAction.${a}`)}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => void exportCsv()}>
          {t('audit.export')}
        </button>
      </div>
      <table className="grid">
        <thead>
          <tr>
            <th>{t('audit.when')}</th>
            <th>{t('audit.who')}</th>
            <th>{t('audit.action')}</th>
            <th>{t('audit.fields')}</th>
            <th>{t('audit.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td>{when(e)}</td>
              <td>{who(e)}</td>
              <td>{t(`auditAction.${e.action}`)}</td>
              <td>{(e.fields ?? []).join('、')}</td>
              <td>{e.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length === PAGE && <p className="hint">{t('audit.more', { count: PAGE })}</p>}
    </section>
  );
}
