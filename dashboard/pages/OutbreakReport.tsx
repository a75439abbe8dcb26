/**
 * The report of a cluster to the disease-control centre (突发公共卫生事件相关信息报告): filled from
 * the cluster's records, every field editable, checked by the server (which names a field at
 * fault), exported as an Excel sheet or printed to PDF (as the monthly report is), and recorded
 * as sent — the action log keeps what it said, and the cluster's deadline shows it met.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  OutbreakReportDraft,
  OutbreakReportFields,
  OutbreakReportSent,
} from '../../server/district/types';
import { ApiError, api } from '../api';
import { dateTime, errorText } from '../format';
import { clusterTitle, Deadline, useNow } from './outbreakParts';

/** The fields in the form's (and the sheet's) order, and which are long text. */
const FIELDS: { key: keyof OutbreakReportFields; long?: boolean; hint?: boolean }[] = [
  { key: 'reportingUnit' },
  { key: 'eventName' },
  { key: 'category' },
  { key: 'place', long: true },
  { key: 'firstOnset', hint: true },
  { key: 'cases' },
  { key: 'involved' },
  { key: 'deaths' },
  { key: 'symptoms', long: true },
  { key: 'measures', long: true },
  { key: 'reporter' },
  { key: 'phone', hint: true },
  { key: 'reportedAt', hint: true },
];

/** 突发公共卫生事件 categories, as the report form lists them. */
const CATEGORIES = [
  'infectious',
  'foodPoisoning',
  'unknownDisease',
  'vaccination',
  'other',
] as const;

const pad = (n: number) => String(n).padStart(2, '0');
const localMinute = (d = new Date()) =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;

export function OutbreakReportForm({
  clusterKey,
  displayName,
  onClose,
  onSent,
}: {
  clusterKey: string;
  displayName: string;
  onClose: () => void;
  onSent: () => void;
}) {
  const { t } = useTranslation();
  const now = useNow();
  const [draft, setDraft] = useState<OutbreakReportDraft | null>(null);
  const [fields, setFields] = useState<OutbreakReportFields | null>(null);
  const [error, setError] = useState<{ field?: string; text: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    api<OutbreakReportDraft>(
      'GET',
      `/outbreaks/report?cluster=${encodeURIComponent(clusterKey)}`,
    ).then(
      (d) => {
        const c = d.cluster;
        setDraft(d);
        setFields({
          reportingUnit: '',
          eventName: t('outbreakReport.eventName', {
            place: c.township ?? t('outbreak.wholeDistrict'),
            symptom: t(`symptom.${c.symptom}`),
          }),
          category: t('outbreakReport.category.infectious'),
          place: c.centres.map((x) => (x.township ? `${x.township}${x.name}` : x.name)).join('、'),
          firstOnset: c.firstOnset,
          cases: String(c.cases),
          involved: String(d.children),
          deaths: '0',
          symptoms: t('outbreakReport.symptomsOf', {
            symptom: t(`symptom.${c.symptom}`),
            absences: c.fromAbsences,
            checks: c.fromChecks,
          }),
          measures: t('outbreakReport.measuresDefault'),
          reporter: displayName,
          phone: '',
          reportedAt: localMinute(),
        });
      },
      (err: unknown) => setError({ text: errorText(err) }),
    );
  }, [clusterKey, displayName, t]);

  // The PDF's file name is the page's title while printing (as the monthly report's).
  useEffect(() => {
    const before = () => {
      document.title = t('outbreakReport.printTitle', { day: fields?.reportedAt.slice(0, 10) });
    };
    const old = document.title;
    const after = () => {
      document.title = old;
    };
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, [fields, t]);

  if (!draft || !fields)
    return error ? (
      <p className="error" role="alert">
        {error.text}
      </p>
    ) : (
      <p className="loading">{t('app.loading')}</p>
    );
  const title = clusterTitle(t, draft.cluster);
  const shown = (err: unknown) => {
    const e = err as ApiError;
    const field = e instanceof ApiError ? e.field?.replace(/^fields\./, '') : undefined;
    setError({
      ...(field ? { field } : {}),
      text: field
        ? t('outbreakReport.fieldError', {
            field: t(`outbreakReport.field.${field as keyof OutbreakReportFields}`),
            message: t(`outbreakReport.fix.${field as keyof OutbreakReportFields}`),
          })
        : errorText(err),
    });
  };

  const exportSheet = async () => {
    setError(null);
    try {
      const res = await fetch('/api/district/outbreaks/report.xlsx', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          cluster: clusterKey,
          fields,
          lang: t('outbreakReport.sheetLang'),
        }),
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as {
          error?: { code?: string; message?: string; field?: string };
        } | null;
        throw new ApiError(
          res.status,
          body?.error?.code ?? 'internal',
          body?.error?.message ?? res.statusText,
          body?.error?.field,
        );
      }
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = t('outbreakReport.fileName', { day: fields.reportedAt.slice(0, 10) });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      shown(err);
    }
  };

  const send = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const sent = await api<OutbreakReportSent>('POST', '/outbreaks/report', {
        cluster: clusterKey,
        fields,
      });
      setDone(dateTime(sent.at));
    } catch (err) {
      shown(err);
    }
  };

  return (
    <section aria-labelledby="report-heading" className="outbreak-report">
      <button type="button" className="back no-print" onClick={done ? onSent : onClose}>
        {t('outbreakReport.back')}
      </button>
      <h2 id="report-heading">{t('outbreakReport.heading')}</h2>
      <p className="no-print">
        {title} · {t('outbreak.cases', { n: draft.cluster.cases })}{' '}
        <Deadline cluster={draft.cluster} now={now} />
      </p>
      <p className="muted no-print">{t('outbreakReport.note')}</p>
      <form onSubmit={(e) => void send(e)} noValidate className="report-form">
        {FIELDS.map(({ key, long, hint }) => {
          const id = `report-${key}`;
          const wrong = error?.field === key;
          const common = {
            id,
            value: fields[key],
            'aria-invalid': wrong || undefined,
            'aria-describedby': hint ? `${id}-hint` : undefined,
            onChange: (e: { target: { value: string } }) => {
              setFields({ ...fields, [key]: e.target.value });
              // The field named wrong is being corrected: its error goes until the next check.
              if (wrong) setError(null);
            },
          };
          return (
            <div key={key} className={wrong ? 'report-field wrong' : 'report-field'}>
              <label htmlFor={id}>{t(`outbreakReport.field.${key}`)}</label>
              {key === 'category' ? (
                <select {...common}>
                  {CATEGORIES.map((c) => (
                    <option key={c}>{t(`outbreakReport.category.${c}`)}</option>
                  ))}
                </select>
              ) : long ? (
                <textarea rows={key === 'measures' ? 3 : 2} {...common} />
              ) : (
                <input {...common} />
              )}
              {hint && (
                <span id={`${id}-hint`} className="hint no-print">
                  {t(`outbreakReport.hint.${key as 'firstOnset' | 'phone' | 'reportedAt'}`)}
                </span>
              )}
              <span className="print-only print-value">{fields[key]}</span>
            </div>
          );
        })}
        <p className="print-only">
          {t('outbreakReport.raisedLine', {
            raisedAt: dateTime(draft.cluster.raisedAt),
            dueAt: dateTime(draft.cluster.dueAt),
          })}
        </p>
        {error && (
          <p className="error" role="alert">
            {error.text}
          </p>
        )}
        {done && (
          <p className="notice" role="status">
            {t('outbreakReport.sent', { at: done })}
          </p>
        )}
        <div className="buttons no-print">
          <button type="button" onClick={() => void exportSheet()}>
            {t('outbreakReport.export')}
          </button>
          <button type="button" onClick={() => window.print()}>
            {t('outbreakReport.print')}
          </button>
          <button type="submit" className="primary" disabled={done !== null}>
            {t('outbreakReport.markSent')}
          </button>
        </div>
      </form>
    </section>
  );
}
