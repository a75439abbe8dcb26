import { format } from 'date-fns';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toCsv } from '../../../shared/rules/csv';
import { readDay } from '../../../shared/rules/dates';
import { dayInput } from '../kit/dayInput';
import { auditLines$, exportAuditLog, type AuditFilter } from '../../data/audit';
import { peopleOnRecord$, staff$ } from '../../data/people';
import { useDesk } from '../app/DeskContext';
import { downloadBlob } from '../kit/download';
import { Options } from '../kit/Field';
import { useDeskRead } from '../kit/hooks';
import { useNameOf } from '../kit/PersonName';
import { PersonFinder } from '../kit/PersonFinder';
import { Table } from '../kit/Table';
import { AUDIT_COLUMNS, auditWords } from './auditWords';

/** How many entries the screen shows; the export has them all. */
const PAGE = 200;

/**
 * The manager's view of the audit log: who did what to whom, newest first by when it happened,
 * narrowed to one person, one staff member and a range of days, exportable as CSV.
 */
export function AuditScreen() {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const { desk } = useDesk();
  const [memberId, setMemberId] = useState<string | null>(null);
  const [staffId, setStaffId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const filter = useMemo<AuditFilter>(
    () => ({ memberId, staffId: staffId || null, from: readDay(from), to: readDay(to) }),
    [memberId, staffId, from, to],
  );
  const { lines, more } = useDeskRead(auditLines$, { lines: [], more: false }, filter, PAGE);
  // Those who left are listed too: an entry outlives its author's time at the centre.
  const staff = useDeskRead(staff$, [], 'all');
  const people = useDeskRead(peopleOnRecord$, []);
  const person = people.find((p) => p.id === memberId);
  const heads = AUDIT_COLUMNS.map((c) => t(`audit.${c}`));

  async function exportCsv() {
    const all = await exportAuditLog(desk, filter);
    const rows = all.map((line) => {
      const w = auditWords(t, line, nameOf);
      return AUDIT_COLUMNS.map((c) => w[c]);
    });
    downloadBlob(
      new Blob([toCsv([heads, ...rows])], { type: 'text/csv;charset=utf-8' }),
      `cocare-audit-${format(new Date(), 'yyyyMMdd-HHmm')}.csv`,
    );
  }

  return (
    <section className="audit" aria-labelledby="audit-title">
      <div className="section-head">
        <h2 id="audit-title">{t('audit.title')}</h2>
        <button type="button" onClick={() => void exportCsv()}>
          {t('audit.export')}
        </button>
      </div>
      <div className="audit-filters" role="group" aria-label={t('audit.filter')}>
        <div className="audit-person">
          {person ? (
            <p>
              {t('audit.person')}：<strong>{nameOf(person)}</strong>{' '}
              <button type="button" onClick={() => setMemberId(null)}>
                {t('audit.everyone')}
              </button>
            </p>
          ) : (
            <PersonFinder
              id="audit-person"
              label={t('audit.person')}
              listLabel={t('audit.person')}
              openLabel={t('audit.choose')}
              people={people}
              meta={(m) => `${t(`kind.${m.kind}`)} · ${m.birthDate}`}
              onOpen={(m) => setMemberId(m.id)}
              limit={6}
            />
          )}
        </div>
        <div className="audit-filter">
          <label htmlFor="audit-staff">{t('audit.staff')}</label>
          <select id="audit-staff" value={staffId} onChange={(e) => setStaffId(e.target.value)}>
            <Options
              options={staff}
              value={(s) => s.id}
              label={(s) => s.name}
              none={t('audit.anyone')}
            />
          </select>
        </div>
        <div className="audit-filter">
          <label htmlFor="audit-from">{t('audit.from')}</label>
          <input id="audit-from" {...dayInput(from, setFrom, t('dates.day'))} />
        </div>
        <div className="audit-filter">
          <label htmlFor="audit-to">{t('audit.to')}</label>
          <input id="audit-to" {...dayInput(to, setTo, t('dates.day'))} />
        </div>
      </div>
      {lines.length === 0 ? (
        <p>{t('audit.none')}</p>
      ) : (
        <Table labelledBy="audit-title" columns={heads}>
          {lines.map((line) => {
            const w = auditWords(t, line, nameOf);
            return (
              <tr key={line.id}>
                {AUDIT_COLUMNS.map((c) => (
                  <td key={c}>{w[c]}</td>
                ))}
              </tr>
            );
          })}
        </Table>
      )}
      {more && <p className="hint">{t('audit.more', { count: PAGE })}</p>}
    </section>
  );
}
