import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { format, subMonths } from 'date-fns';
import { map } from 'rxjs';
import { VISIT_KINDS, type VisitKind } from '../../../shared/rules/dailySettings';
import type { MemberDoc } from '../../../shared/schemas';
import { RISK_LEVELS, type RiskLevel } from '../../../shared/schemas/members';
import { VISIT_FINDINGS, type VisitFinding } from '../../../shared/schemas/visits';
import { localDay } from '../../../shared/time';
import {
  listElder,
  monthlyCompletion$,
  recordVisit,
  takeOffList,
  visitDuties$,
  type DueElder,
} from '../../data/visits';
import { careErrors } from '../care/careErrors';
import { useDesk } from '../app/DeskContext';
import { Dialog } from '../kit/Dialog';
import { useObservable } from '../kit/hooks';

/**
 * Overdue and due-this-week visits, with names: for the home screen and the top of the visit
 * screen. With `onRecord`, each name has a button to record the visit.
 */
export function VisitsDue({
  now = new Date(),
  onRecord,
}: {
  now?: Date;
  onRecord?: (member: MemberDoc) => void;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const today = localDay(now);
  const duties$ = useMemo(() => visitDuties$(desk, today), [desk, today]);
  const duties = useObservable(duties$, null);
  if (!duties) return null;

  const row = (d: DueElder, overdue: boolean) => (
    <li key={d.memberId} className={`due-row risk-${d.risk}`}>
      <span className="name">{d.member.name}</span>
      <span className={`badge risk ${d.risk}`}>{t(`visits.risk_${d.risk}`)}</span>
      <span className="meta">
        {overdue
          ? d.dueOn
            ? t('visits.daysOverdue', { count: d.daysOverdue ?? 0, day: d.dueOn })
            : t('visits.neverVisited')
          : t('visits.dueOn', { day: d.dueOn })}
        {' · '}
        {t(`visits.reason_${d.reason}`)}
      </span>
      {onRecord && (
        <button
          type="button"
          className="primary"
          aria-label={t('visits.recordFor', { name: d.member.name })}
          onClick={() => onRecord(d.member)}
        >
          {t('visits.record')}
        </button>
      )}
    </li>
  );

  return (
    <section className="visits-due" aria-labelledby="visits-due-title">
      <h2 id="visits-due-title" className="sr-only">
        {t('visits.dueTitle')}
      </h2>
      {(
        [
          ['overdue', 'overdue', 'overdueCount', 'overdue-count', 'noneOverdue', duties.overdue],
          [
            'this-week',
            'dueThisWeek',
            'dueThisWeekCount',
            'week-count',
            'noneThisWeek',
            duties.dueThisWeek,
          ],
        ] as const
      ).map(([box, title, count, testId, none, list]) => (
        <div key={box} className={`due-box ${box}`} role="region" aria-label={t(`visits.${title}`)}>
          <h3>
            {t(`visits.${title}`)}
            <span className="due-count" data-testid={testId}>
              {t(`visits.${count}`, { count: list.length })}
            </span>
          </h3>
          {list.length === 0 ? (
            <p className="empty">{t(`visits.${none}`)}</p>
          ) : (
            <ul className="due-list">{list.map((d) => row(d, box === 'overdue'))}</ul>
          )}
        </div>
      ))}
    </section>
  );
}

/** The visit list (探访关爱): who is due, recording a visit, the list itself and the month's rate. */
export function VisitsScreen({ now = new Date() }: { now?: Date }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const today = localDay(now);
  const [recording, setRecording] = useState<MemberDoc | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const duties$ = useMemo(() => visitDuties$(desk, today), [desk, today]);
  const duties = useObservable(duties$, null);

  return (
    <div className="visits">
      {message && (
        <p className="notice ok" role="status">
          {message}
        </p>
      )}
      <VisitsDue now={now} onRecord={setRecording} />
      <Completion now={now} />
      <section className="panel" aria-labelledby="visit-list-title">
        <h2 id="visit-list-title">
          {t('visits.listTitle', { count: duties?.listed.length ?? 0 })}
        </h2>
        {duties && duties.listed.length === 0 ? (
          <p className="empty">{t('visits.listEmpty')}</p>
        ) : (
          <table className="grid visit-list" aria-labelledby="visit-list-title">
            <thead>
              <tr>
                <th>{t('visits.name')}</th>
                <th>{t('visits.risk')}</th>
                <th>{t('visits.listedOn')}</th>
                <th>{t('visits.lastVisit')}</th>
                <th>{t('visits.nextDue')}</th>
                <th>
                  <span className="sr-only">{t('visits.record')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {duties?.listed.map(({ member, listing, due }) => (
                <tr key={member.id}>
                  <td className="name">{member.name}</td>
                  <td>
                    <select
                      aria-label={t('visits.riskFor', { name: member.name })}
                      value={listing.risk}
                      onChange={(e) => {
                        const risk = e.target.value as RiskLevel;
                        listElder(desk, { memberId: member.id, risk }).then(
                          () =>
                            setMessage(
                              t('visits.riskChanged', {
                                name: member.name,
                                risk: t(`visits.risk_${risk}`),
                              }),
                            ),
                          (error: unknown) =>
                            setMessage(Object.values(careErrors(t, error)).join(' ')),
                        );
                      }}
                    >
                      {RISK_LEVELS.map((r) => (
                        <option key={r} value={r}>
                          {t(`visits.risk_${r}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{listing.listedOn ?? '—'}</td>
                  <td>{due.lastVisitOn ?? t('visits.never')}</td>
                  <td className={due.dueOn === null || due.dueOn < today ? 'late' : undefined}>
                    {due.dueOn ?? '—'}
                  </td>
                  <td>
                    <div className="row-actions">
                      <button type="button" onClick={() => setRecording(member)}>
                        {t('visits.record')}
                      </button>
                      <button
                        type="button"
                        className="link"
                        onClick={() => {
                          if (window.confirm(t('visits.takeOffConfirm', { name: member.name })))
                            void takeOffList(desk, member.id);
                        }}
                      >
                        {t('visits.takeOff')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <AddToList
        listedIds={new Set(duties?.listed.map((l) => l.member.id))}
        today={today}
        onAdded={setMessage}
      />
      {recording && (
        <RecordVisitDialog
          member={recording}
          onClose={() => setRecording(null)}
          onSaved={(text) => {
            setRecording(null);
            setMessage(text);
          }}
        />
      )}
    </div>
  );
}

function Completion({ now }: { now: Date }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const today = localDay(now);
  const [month, setMonth] = useState(format(now, 'yyyy-MM'));
  // The last two years' months, newest first (a picker in the desk's language, not the browser's).
  const months = Array.from({ length: 24 }, (_, i) => format(subMonths(now, i), 'yyyy-MM'));
  const completion$ = useMemo(() => monthlyCompletion$(desk, month, today), [desk, month, today]);
  const completion = useObservable(completion$, null);
  const percent = completion?.rate == null ? null : Math.round(completion.rate * 100);

  return (
    <section className="panel completion" aria-labelledby="completion-title">
      <div className="section-head">
        <h2 id="completion-title">{t('visits.completionTitle')}</h2>
        <label htmlFor="completion-month">{t('visits.month')}</label>
        <select id="completion-month" value={month} onChange={(e) => setMonth(e.target.value)}>
          {months.map((m) => (
            <option key={m} value={m}>
              {t('visits.monthOption', { year: m.slice(0, 4), month: Number(m.slice(5)) })}
            </option>
          ))}
        </select>
      </div>
      {completion && (
        <>
          <p className="rate-line">
            <span className={percent === 100 ? 'rate met' : 'rate'} data-testid="completion-rate">
              {percent === null ? t('visits.rateNone') : t('visits.rate', { rate: percent })}
            </span>
            <span className="rate-detail">
              {t('visits.rateDetail', {
                due: completion.due,
                completed: completion.completed,
                pending: completion.pending,
              })}
            </span>
          </p>
          {percent !== null && (
            <div className="rate-bar" aria-hidden="true">
              <div style={{ width: `${percent}%` }} />
            </div>
          )}
          {completion.elders.some((e) => e.status !== 'notDue') && (
            <table className="grid month-status">
              <thead>
                <tr>
                  <th>{t('visits.name')}</th>
                  <th>{t('visits.risk')}</th>
                  <th>{t('visits.status')}</th>
                  <th>{t('visits.visitsInMonth')}</th>
                  <th>{t('visits.missedDays')}</th>
                </tr>
              </thead>
              <tbody>
                {completion.elders
                  .filter((e) => e.status !== 'notDue')
                  .map((e) => (
                    <tr key={e.memberId} className={`status-${e.status}`}>
                      <td className="name">{completion.names.get(e.memberId)}</td>
                      <td>{t(`visits.risk_${e.risk}`)}</td>
                      <td>{t(`visits.status_${e.status}`)}</td>
                      <td>{e.visits}</td>
                      <td>{e.missed.join('、') || '—'}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

function AddToList({
  listedIds,
  today,
  onAdded,
}: {
  listedIds: Set<string>;
  today: string;
  onAdded(text: string): void;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const elders$ = useMemo(
    () =>
      desk.db.members.find({ selector: { kind: 'elder' } }).$.pipe(
        map((docs) =>
          docs
            .map((d) => d.toJSON() as MemberDoc)
            .filter((m) => (m.status ?? 'active') === 'active')
            .sort((a, b) => a.pinyin.localeCompare(b.pinyin)),
        ),
      ),
    [desk],
  );
  const elders = useObservable(elders$, [] as MemberDoc[]);
  const [memberId, setMemberId] = useState('');
  const [risk, setRisk] = useState<RiskLevel>('key');
  const [listedOn, setListedOn] = useState(today);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const choices = elders.filter((e) => !listedIds.has(e.id));

  async function add(event: FormEvent) {
    event.preventDefault();
    if (!memberId) return setErrors({ memberId: t('care.problem_required') });
    try {
      await listElder(desk, { memberId, risk, listedOn });
      const name = elders.find((e) => e.id === memberId)?.name ?? '';
      setErrors({});
      setMemberId('');
      setListedOn(today);
      onAdded(t('visits.added', { name, risk: t(`visits.risk_${risk}`) }));
    } catch (e) {
      setErrors(careErrors(t, e));
    }
  }

  return (
    <form
      className="panel add-listing"
      aria-labelledby="add-listing-title"
      onSubmit={(e) => void add(e)}
      noValidate
    >
      <h2 id="add-listing-title">{t('visits.addTitle')}</h2>
      <div className="add-row">
        <div className="field">
          <label htmlFor="listing-elder">{t('visits.elder')}</label>
          <select
            id="listing-elder"
            value={memberId}
            onChange={(e) => setMemberId(e.target.value)}
            aria-invalid={!!errors.memberId}
          >
            <option value="">{t('visits.pickElder')}</option>
            {choices.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}（{e.birthDate}）
              </option>
            ))}
          </select>
          {errors.memberId && (
            <span className="field-error" role="alert">
              {errors.memberId}
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor="listing-risk">{t('visits.risk')}</label>
          <select
            id="listing-risk"
            value={risk}
            onChange={(e) => setRisk(e.target.value as RiskLevel)}
          >
            {RISK_LEVELS.map((r) => (
              <option key={r} value={r}>
                {t(`visits.risk_${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="listing-on">{t('visits.listedOn')}</label>
          <input
            id="listing-on"
            type="date"
            value={listedOn}
            max={today}
            onChange={(e) => setListedOn(e.target.value)}
            aria-invalid={!!errors.listedOn}
          />
          {errors.listedOn && (
            <span className="field-error" role="alert">
              {errors.listedOn}
            </span>
          )}
        </div>
        <button type="submit" className="primary big">
          {t('visits.add')}
        </button>
      </div>
      {errors.form && (
        <p className="notice error" role="alert">
          {errors.form}
        </p>
      )}
    </form>
  );
}

const localInput = (d: Date) => format(d, "yyyy-MM-dd'T'HH:mm");

/** Recording a visit in a few taps: kind, reached or not, what was found, the next follow-up. */
function RecordVisitDialog({
  member,
  onClose,
  onSaved,
}: {
  member: MemberDoc;
  onClose(): void;
  onSaved(text: string): void;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [kind, setKind] = useState<VisitKind>('home');
  const [reached, setReached] = useState(true);
  const [at, setAt] = useState(localInput(new Date()));
  const [visitorName, setVisitorName] = useState('');
  const [findings, setFindings] = useState<Partial<Record<VisitFinding, string>>>({});
  const [nextDueOn, setNextDueOn] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const outside = kind === 'doctorRound' || kind === 'healthWorker';

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      await recordVisit(desk, {
        memberId: member.id,
        visitKind: kind,
        at: new Date(at),
        reached,
        findings,
        ...(outside && visitorName ? { visitorName } : {}),
        ...(nextDueOn ? { nextDueOn } : {}),
      });
      onSaved(t('visits.saved', { name: member.name, kind: t(`visits.kind_${kind}`) }));
    } catch (e) {
      setErrors(careErrors(t, e));
    }
  }

  const error = (field: string) =>
    errors[field] ? (
      <span className="field-error" role="alert">
        {errors[field]}
      </span>
    ) : null;

  return (
    <Dialog title={t('visits.recordFor', { name: member.name })} onClose={onClose}>
      <form className="record-visit" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="big-choices">
          <legend>{t('visits.kind')}</legend>
          {VISIT_KINDS.map((k) => (
            <label key={k} className={kind === k ? 'big-choice chosen' : 'big-choice'}>
              <input
                type="radio"
                name="visit-kind"
                checked={kind === k}
                onChange={() => setKind(k)}
              />
              {t(`visits.kind_${k}`)}
            </label>
          ))}
          {error('visitKind')}
        </fieldset>
        <fieldset className="big-choices">
          <legend>{t('visits.reached')}</legend>
          {[true, false].map((r) => (
            <label key={String(r)} className={reached === r ? 'big-choice chosen' : 'big-choice'}>
              <input
                type="radio"
                name="visit-reached"
                checked={reached === r}
                onChange={() => setReached(r)}
              />
              {t(r ? 'visits.reachedYes' : 'visits.reachedNo')}
            </label>
          ))}
          {!reached && <p className="hint">{t('visits.notCounted')}</p>}
        </fieldset>
        <div className="field inline">
          <label htmlFor="visit-at">{t('visits.at')}</label>
          <input
            id="visit-at"
            type="datetime-local"
            value={at}
            onChange={(e) => setAt(e.target.value)}
            aria-invalid={!!errors.at}
          />
          {error('at')}
        </div>
        {outside && (
          <div className="field inline">
            <label htmlFor="visit-visitor">{t('visits.visitorName')}</label>
            <input
              id="visit-visitor"
              value={visitorName}
              onChange={(e) => setVisitorName(e.target.value)}
            />
            {error('visitorName')}
          </div>
        )}
        <details className="findings" open>
          <summary>{t('visits.findingsTitle')}</summary>
          {VISIT_FINDINGS.map((f) => (
            <div className="field" key={f}>
              <label htmlFor={`visit-${f}`}>{t(`visits.finding_${f}`)}</label>
              <textarea
                id={`visit-${f}`}
                rows={1}
                value={findings[f] ?? ''}
                onChange={(e) => setFindings((x) => ({ ...x, [f]: e.target.value }))}
                aria-invalid={!!errors[f]}
              />
              {error(f)}
            </div>
          ))}
        </details>
        <div className="field inline">
          <label htmlFor="visit-next">{t('visits.nextDueOn')}</label>
          <input
            id="visit-next"
            type="date"
            value={nextDueOn}
            onChange={(e) => setNextDueOn(e.target.value)}
            aria-invalid={!!errors.nextDueOn}
          />
          {error('nextDueOn')}
        </div>
        <div className="actions">
          <button type="submit" className="primary big">
            {t('visits.save')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
        {errors.form && (
          <p className="notice error" role="alert">
            {errors.form}
          </p>
        )}
      </form>
    </Dialog>
  );
}
