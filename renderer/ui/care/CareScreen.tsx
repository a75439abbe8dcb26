import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { format, parseISO } from 'date-fns';
import { map, type Observable } from 'rxjs';
import type { CareDoc, MemberDoc } from '../../../shared/schemas';
import {
  INCIDENT_KINDS,
  SUGAR_TIMINGS,
  type IncidentKind,
  type MeasurementKind,
  type SugarTiming,
} from '../../../shared/schemas/care';
import { searchPeople } from '../../../shared/search';
import { typedNumber } from '../../../shared/validation/care';
import {
  followUpIncident,
  openCareRecord,
  openIncidents$,
  recordIncident,
  recordMeasurement,
  type CareRecord,
} from '../../data/care';
import { careErrors } from './careErrors';
import { useDesk } from '../app/DeskContext';
import { useObservable } from '../kit/hooks';
import { TrendChart, type TrendSeries } from './TrendChart';

const localInput = (d: Date) => format(d, "yyyy-MM-dd'T'HH:mm");
const shortTime = (at: string) => format(parseISO(at), 'yyyy-MM-dd HH:mm');

/** Health records (light) and incidents: find a person, measure, see the trend, follow up. */
export function CareScreen() {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [query, setQuery] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const members$ = useMemo(
    () =>
      desk.db.members
        .find()
        .$.pipe(
          map((docs) =>
            docs
              .map((d) => d.toJSON() as MemberDoc)
              .filter((m) => (m.status ?? 'active') === 'active'),
          ),
        ),
    [desk],
  );
  const members = useObservable(members$, [] as MemberDoc[]);
  const incidents$ = useMemo(() => openIncidents$(desk), [desk]);
  const incidents = useObservable(incidents$, [] as CareDoc[]);
  const shown = query.trim() ? searchPeople(members, query, 20) : [];
  const byId = new Map(members.map((m) => [m.id, m]));
  const open = openId ? byId.get(openId) : undefined;

  return (
    <div className="care">
      <div className="care-top">
        <section className="panel care-find" aria-labelledby="care-find-title">
          <h2 id="care-find-title">{t('care.title')}</h2>
          <label htmlFor="care-find">{t('care.findPerson')}</label>
          <input
            id="care-find"
            className="finder-input"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <ul className="results" aria-label={t('care.people')}>
            {shown.map((m) => (
              <li key={m.id} className="result">
                <span className="name">{m.name}</span>
                <span className="meta">
                  {t(`kind.${m.kind}`)} · {m.birthDate}
                </span>
                <button type="button" onClick={() => setOpenId(m.id)}>
                  {t('care.open')}
                </button>
              </li>
            ))}
          </ul>
        </section>
        <section className="panel care-open" aria-labelledby="care-open-title">
          <h2 id="care-open-title">{t('care.openIncidents', { count: incidents.length })}</h2>
          {incidents.length === 0 ? (
            <p className="empty">{t('care.noOpenIncidents')}</p>
          ) : (
            <ul className="results">
              {incidents.map((i) => (
                <li key={i.id} className="result">
                  <span className="name">{byId.get(i.memberId)?.name ?? '—'}</span>
                  <span className="meta">
                    {t(`care.incident_${i.incidentKind ?? 'other'}`)} ·{' '}
                    {t('care.openSince', { day: i.day })}
                  </span>
                  <button type="button" onClick={() => setOpenId(i.memberId)}>
                    {t('care.open')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      {open && <CareRecordPanel key={open.id} member={open} onClose={() => setOpenId(null)} />}
    </div>
  );
}

function CareRecordPanel({ member, onClose }: { member: MemberDoc; onClose(): void }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [record$, setRecord$] = useState<Observable<CareRecord> | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // Opening the record is what the audit log records: once per opening of this panel.
  useEffect(() => {
    let cancelled = false;
    openCareRecord(desk, member.id).then(
      (source) => !cancelled && setRecord$(source),
      (e: unknown) => !cancelled && setFailure(careErrors(t, e).form ?? String(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [desk, member.id, t]);
  const record = useObservable(record$, null);
  const kinds: MeasurementKind[] =
    member.kind === 'elder' ? ['bloodPressure', 'bloodSugar'] : ['heightWeight'];

  return (
    <section className="panel care-record" aria-labelledby="care-record-title">
      <div className="section-head">
        <h2 id="care-record-title">{t('care.recordOf', { name: member.name })}</h2>
        <span className="hint">{t('care.viewLogged')}</span>
        <button type="button" onClick={onClose}>
          {t('care.close')}
        </button>
      </div>
      {failure && (
        <p className="notice error" role="alert">
          {failure}
        </p>
      )}
      {record && (
        <>
          <MeasureForm member={member} kinds={kinds} />
          {kinds.map((k) => (
            <Trend
              key={k}
              kind={k}
              member={member}
              docs={record.measurements.filter((m) => m.kind === k)}
            />
          ))}
          <Incidents member={member} incidents={record.incidents} />
        </>
      )}
    </section>
  );
}

function MeasureForm({ member, kinds }: { member: MemberDoc; kinds: MeasurementKind[] }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [kind, setKind] = useState<MeasurementKind>(kinds[0]!);
  const [values, setValues] = useState<Record<string, string>>({});
  const [timing, setTiming] = useState<SugarTiming>('fasting');
  const [at, setAt] = useState(localInput(new Date()));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const fields =
    kind === 'bloodPressure'
      ? ['systolic', 'diastolic', 'pulse']
      : kind === 'bloodSugar'
        ? ['sugar']
        : ['heightCm', 'weightKg'];
  const n = (f: string) => typedNumber(values[f]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    try {
      const when = new Date(at);
      const base = { memberId: member.id, at: when };
      if (kind === 'bloodPressure')
        await recordMeasurement(desk, {
          ...base,
          kind,
          systolic: n('systolic'),
          diastolic: n('diastolic'),
          pulse: n('pulse'),
        });
      else if (kind === 'bloodSugar')
        await recordMeasurement(desk, { ...base, kind, sugar: n('sugar'), sugarTiming: timing });
      else
        await recordMeasurement(desk, {
          ...base,
          kind,
          heightCm: n('heightCm'),
          weightKg: n('weightKg'),
        });
      setErrors({});
      setValues({});
      setAt(localInput(new Date()));
      setSaved(true);
    } catch (e) {
      setErrors(careErrors(t, e));
    }
  }

  return (
    <form
      className="measure"
      aria-labelledby="measure-title"
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      <h3 id="measure-title">{t('care.measure')}</h3>
      {kinds.length > 1 && (
        <fieldset className="big-choices" aria-label={t('care.measure')}>
          {kinds.map((k) => (
            <label key={k} className={kind === k ? 'big-choice chosen' : 'big-choice'}>
              <input
                type="radio"
                name="measure-kind"
                checked={kind === k}
                onChange={() => {
                  setKind(k);
                  setErrors({});
                }}
              />
              {t(`care.kind_${k}`)}
            </label>
          ))}
        </fieldset>
      )}
      <div className="add-row">
        {fields.map((f) => (
          <div className="field" key={f}>
            <label htmlFor={`measure-${f}`}>{t(`care.${f}`)}</label>
            <input
              id={`measure-${f}`}
              inputMode="decimal"
              className="number"
              value={values[f] ?? ''}
              onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))}
              aria-invalid={!!errors[f]}
            />
            {errors[f] && (
              <span className="field-error" role="alert">
                {errors[f]}
              </span>
            )}
          </div>
        ))}
        {kind === 'bloodSugar' && (
          <div className="field">
            <label htmlFor="measure-timing">{t('care.sugarTiming')}</label>
            <select
              id="measure-timing"
              value={timing}
              onChange={(e) => setTiming(e.target.value as SugarTiming)}
            >
              {SUGAR_TIMINGS.map((s) => (
                <option key={s} value={s}>
                  {t(`care.timing_${s}`)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="measure-at">{t('care.at')}</label>
          <input
            id="measure-at"
            type="datetime-local"
            value={at}
            onChange={(e) => setAt(e.target.value)}
            aria-invalid={!!errors.at}
          />
          {errors.at && (
            <span className="field-error" role="alert">
              {errors.at}
            </span>
          )}
        </div>
        <button type="submit" className="primary big">
          {t('care.saveMeasurement')}
        </button>
        {saved && (
          <span className="saved" role="status">
            {t('care.measurementSaved')}
          </span>
        )}
      </div>
      {(errors.form ?? errors.memberId) && (
        <p className="notice error" role="alert">
          {errors.form ?? errors.memberId}
        </p>
      )}
    </form>
  );
}

const LINES: Record<MeasurementKind, { field: keyof CareDoc; unit: string }[]> = {
  bloodPressure: [
    { field: 'systolic', unit: 'axisMmHg' },
    { field: 'diastolic', unit: 'axisMmHg' },
  ],
  bloodSugar: [{ field: 'sugar', unit: 'axisMmol' }],
  heightWeight: [
    { field: 'heightCm', unit: 'axisCm' },
    { field: 'weightKg', unit: 'axisKg' },
  ],
};

/** The last measurements of one kind as a chart and, for screen readers and exact values, a table. */
function Trend({
  kind,
  member,
  docs,
}: {
  kind: MeasurementKind;
  member: MemberDoc;
  docs: CareDoc[];
}) {
  const { t } = useTranslation();
  const what = t(`care.kind_${kind}`);
  const last = docs.slice(-20);
  const lines = LINES[kind];
  // Height and weight have different units: one chart each.
  const charts = kind === 'heightWeight' ? lines.map((l) => [l]) : [lines];
  const seriesOf = (ls: typeof lines): TrendSeries[] =>
    ls.map((l, i) => ({
      label: t(`care.${l.field}`),
      className: `s-${i}`,
      points: last.flatMap((d) =>
        typeof d[l.field] === 'number' ? [{ at: d.at, value: d[l.field] as number }] : [],
      ),
    }));
  const valueText = (d: CareDoc) =>
    kind === 'bloodPressure'
      ? `${d.systolic}/${d.diastolic} mmHg${d.pulse ? ` · ${d.pulse}` : ''}`
      : kind === 'bloodSugar'
        ? `${d.sugar} mmol/L · ${t(`care.timing_${d.sugarTiming ?? 'random'}`)}`
        : [d.heightCm && `${d.heightCm} cm`, d.weightKg && `${d.weightKg} kg`]
            .filter(Boolean)
            .join(' · ');

  return (
    <section className="trend-block" aria-label={t('care.trend', { what })}>
      <h3>{t('care.chartTitle', { name: member.name, what, count: last.length })}</h3>
      {last.length === 0 ? (
        <p className="empty">{t('care.noMeasurements', { what })}</p>
      ) : (
        <div className="trend-row">
          {charts.map((ls) => (
            <TrendChart
              key={ls.map((l) => l.field).join()}
              series={seriesOf(ls)}
              unit={t(`care.${ls[0]!.unit}`)}
              dateLabel={t('care.axisDate')}
              summary={`${what}：${last.map((d) => `${shortTime(d.at)} ${valueText(d)}`).join('；')}`}
            />
          ))}
          <table className="grid trend-table" aria-label={t('care.trend', { what })}>
            <thead>
              <tr>
                <th>{t('care.when')}</th>
                <th>{t('care.value')}</th>
              </tr>
            </thead>
            <tbody>
              {[...last].reverse().map((d) => (
                <tr key={d.id}>
                  <td>{shortTime(d.at)}</td>
                  <td>{valueText(d)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Incidents({ member, incidents }: { member: MemberDoc; incidents: CareDoc[] }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [kind, setKind] = useState<IncidentKind>('fall');
  const [at, setAt] = useState(localInput(new Date()));
  const [happened, setHappened] = useState('');
  const [actionTaken, setActionTaken] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await recordIncident(desk, {
        memberId: member.id,
        incidentKind: kind,
        at: new Date(at),
        happened,
        actionTaken,
      });
      setErrors({});
      setHappened('');
      setActionTaken('');
    } catch (e) {
      setErrors(careErrors(t, e));
    }
  }

  const error = (f: string) =>
    errors[f] ? (
      <span className="field-error" role="alert">
        {errors[f]}
      </span>
    ) : null;

  return (
    <section className="incidents" aria-labelledby="incidents-title">
      <h3 id="incidents-title">{t('care.incidents')}</h3>
      {incidents.length === 0 ? (
        <p className="empty">{t('care.noIncidents')}</p>
      ) : (
        <ul className="incident-list">
          {[...incidents].reverse().map((i) => (
            <IncidentRow key={i.id} incident={i} />
          ))}
        </ul>
      )}
      <details className="record-incident">
        <summary>{t('care.recordIncident')}</summary>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <div className="add-row">
            <div className="field">
              <label htmlFor="incident-kind">{t('care.incidentKind')}</label>
              <select
                id="incident-kind"
                value={kind}
                onChange={(e) => setKind(e.target.value as IncidentKind)}
              >
                {INCIDENT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`care.incident_${k}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="incident-at">{t('care.incidentAt')}</label>
              <input
                id="incident-at"
                type="datetime-local"
                value={at}
                onChange={(e) => setAt(e.target.value)}
              />
              {error('at')}
            </div>
          </div>
          <div className="field">
            <label htmlFor="incident-happened">{t('care.happened')}</label>
            <textarea
              id="incident-happened"
              rows={2}
              value={happened}
              onChange={(e) => setHappened(e.target.value)}
              aria-invalid={!!errors.happened}
            />
            {error('happened')}
          </div>
          <div className="field">
            <label htmlFor="incident-action">{t('care.actionTaken')}</label>
            <textarea
              id="incident-action"
              rows={2}
              value={actionTaken}
              onChange={(e) => setActionTaken(e.target.value)}
              aria-invalid={!!errors.actionTaken}
            />
            {error('actionTaken')}
          </div>
          <button type="submit" className="primary">
            {t('care.saveIncident')}
          </button>
          {(errors.form ?? errors.memberId) && (
            <p className="notice error" role="alert">
              {errors.form ?? errors.memberId}
            </p>
          )}
        </form>
      </details>
    </section>
  );
}

function IncidentRow({ incident }: { incident: CareDoc }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const follow = (close: boolean) =>
    followUpIncident(desk, incident.id, note, { close }).then(
      () => {
        setNote('');
        setProblem(null);
      },
      (e: unknown) => {
        const byField = careErrors(t, e);
        setProblem(byField.followUpNote ?? byField.form ?? null);
      },
    );
  return (
    <li className={incident.closedAt ? 'incident closed' : 'incident'}>
      <p className="incident-head">
        <strong>{t(`care.incident_${incident.incidentKind ?? 'other'}`)}</strong> ·{' '}
        {shortTime(incident.at)} ·{' '}
        {incident.closedAt
          ? t('care.closedOn', { day: incident.closedAt.slice(0, 10) })
          : t('care.openSince', { day: incident.day })}
      </p>
      <p>
        {t('care.happened')}：{incident.happened}
      </p>
      <p>
        {t('care.actionTaken')}：{incident.actionTaken}
      </p>
      {incident.followUps?.length ? (
        <ol className="incident-followups" aria-label={t('care.followUps')}>
          {incident.followUps.map((f) => (
            <li key={f.at}>
              {shortTime(f.at)} {f.note}
            </li>
          ))}
        </ol>
      ) : null}
      {!incident.closedAt && (
        <div className="add-row">
          <input
            aria-label={t('care.followUpNote')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <button type="button" disabled={!note.trim()} onClick={() => void follow(false)}>
            {t('care.addFollowUp')}
          </button>
          <button type="button" disabled={!note.trim()} onClick={() => void follow(true)}>
            {t('care.closeIncident')}
          </button>
          {problem && (
            <span className="field-error" role="alert">
              {problem}
            </span>
          )}
        </div>
      )}
    </li>
  );
}
