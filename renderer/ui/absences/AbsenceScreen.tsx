import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, format } from 'date-fns';
import { map } from 'rxjs';
import { can } from '../../../shared/roles';
import { findOutbreaks, illnessCases } from '../../../shared/rules/outbreak';
import type { AbsenceDoc, AttendanceDoc, HealthDoc, MemberDoc } from '../../../shared/schemas';
import {
  ABSENCE_REASONS,
  SYMPTOMS,
  type AbsenceReason,
  type Symptom,
} from '../../../shared/schemas/absences';
import { localDay } from '../../../shared/time';
import { followUpAbsence, markReturned, recordAbsence } from '../../data/absences';
import { useDesk } from '../app/DeskContext';
import { useObservable, useRules } from '../kit/hooks';
import { saveErrorText } from '../kit/errors';

/**
 * Children expected but not in by the set time, with a reason for each; illness absences
 * followed up until the child is back; the outbreak rule's alerts for the manager.
 */
export function AbsenceScreen({ now = new Date() }: { now?: Date }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const role = desk.session?.staff.role;
  const rules = useRules();
  const today = localDay(now);
  const windowStart = localDay(addDays(now, -(rules.outbreak.windowDays - 1)));

  const children$ = useMemo(
    () =>
      desk.db.members
        .find({ selector: { kind: 'child' } })
        .$.pipe(
          map((d) =>
            d
              .map((x) => x.toJSON() as MemberDoc)
              .filter((m) => (m.status ?? 'active') === 'active'),
          ),
        ),
    [desk],
  );
  const visits$ = useMemo(
    () =>
      desk.db.attendance
        .find({ selector: { day: today } })
        .$.pipe(map((d) => d.map((x) => x.toJSON() as AttendanceDoc))),
    [desk, today],
  );
  const absences$ = useMemo(
    () => desk.db.absences.find().$.pipe(map((d) => d.map((x) => x.toJSON() as AbsenceDoc))),
    [desk],
  );
  const checks$ = useMemo(
    () =>
      desk.db.health
        .find({ selector: { day: { $gte: windowStart } } })
        .$.pipe(map((d) => d.map((x) => x.toJSON() as HealthDoc))),
    [desk, windowStart],
  );
  const children = useObservable(children$, [] as MemberDoc[]);
  const visits = useObservable(visits$, [] as AttendanceDoc[]);
  const absences = useObservable(absences$, [] as AbsenceDoc[]);
  const checks = useObservable(checks$, [] as HealthDoc[]);

  const cameToday = new Set(visits.filter((v) => !v.cancelled).map((v) => v.memberId));
  const absentToday = new Map(absences.filter((a) => a.day === today).map((a) => [a.memberId, a]));
  const late = format(now, 'HH:mm') >= rules.childrenExpectedBy;
  const notIn = children.filter((c) => !cameToday.has(c.id));
  const byId = new Map(children.map((c) => [c.id, c]));
  const followUps = absences
    .filter((a) => a.reason === 'illness' && !a.returnedOn)
    .sort((a, b) => a.day.localeCompare(b.day));

  const cases = illnessCases(children, absences, checks, windowStart, today);
  const alerts = can(role, 'viewHealth') ? findOutbreaks(cases, rules.outbreak, today) : [];

  return (
    <div className="absences">
      {alerts.map((alert) => (
        <div
          key={`${alert.childClass}-${alert.symptom}`}
          className="notice error outbreak"
          role="alert"
        >
          <strong>
            {t('outbreak.alert', {
              cls: t(`childClass.${alert.childClass}`),
              symptom: t(`symptom.${alert.symptom}`),
              count: alert.cases.length,
            })}
          </strong>
          <p>{t('outbreak.report')}</p>
          <ul>
            {alert.cases.map((c) => (
              <li key={c.memberId}>
                {byId.get(c.memberId)?.name} · {c.day}
              </li>
            ))}
          </ul>
        </div>
      ))}
      <section aria-labelledby="expected-title">
        <h2 id="expected-title">
          {t('absence.expectedTitle', { time: rules.childrenExpectedBy })}
        </h2>
        {!late && <p className="hint">{t('absence.notYet', { time: rules.childrenExpectedBy })}</p>}
        {notIn.length === 0 ? (
          <p className="empty">{t('absence.allIn')}</p>
        ) : (
          <ul className="absent-list">
            {notIn.map((child) => (
              <AbsentRow
                key={child.id}
                child={child}
                day={today}
                recorded={absentToday.get(child.id)}
              />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="followup-title">
        <h2 id="followup-title">{t('absence.followUpTitle')}</h2>
        {followUps.length === 0 ? (
          <p className="empty">{t('absence.noFollowUps')}</p>
        ) : (
          <ul className="followups">
            {followUps.map((a) => (
              <FollowUpRow
                key={a.id}
                absence={a}
                child={byId.get(a.memberId)}
                today={today}
                showHealth={can(role, 'viewHealth')}
              />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function AbsentRow({
  child,
  day,
  recorded,
}: {
  child: MemberDoc;
  day: string;
  recorded?: AbsenceDoc | undefined;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [reason, setReason] = useState<AbsenceReason | ''>('');
  const [onset, setOnset] = useState(day);
  const [symptoms, setSymptoms] = useState<Symptom[]>([]);
  const [doctorSeen, setDoctorSeen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  if (recorded)
    return (
      <li className="absent recorded">
        <span className="name">{child.name}</span>
        <span className="meta">{t(`absence.reason_${recorded.reason}`)}</span>
      </li>
    );

  async function save() {
    if (!reason) return setProblem(t('absence.reasonRequired'));
    if (reason === 'illness' && symptoms.length === 0)
      return setProblem(t('absence.symptomsRequired'));
    try {
      await recordAbsence(desk, {
        memberId: child.id,
        day,
        reason,
        ...(reason === 'illness' ? { illness: { onset, symptoms, doctorSeen } } : {}),
      });
    } catch (e) {
      setProblem(saveErrorText(t, e));
    }
  }

  const id = `absence-${child.id}`;
  return (
    <li className="absent">
      <span className="name">{child.name}</span>
      <label htmlFor={`${id}-reason`} className="sr-only">
        {t('absence.reason')}
      </label>
      <select
        id={`${id}-reason`}
        value={reason}
        aria-label={t('absence.reasonFor', { name: child.name })}
        onChange={(e) => setReason(e.target.value as AbsenceReason)}
      >
        <option value="">{t('absence.reason')}</option>
        {ABSENCE_REASONS.map((r) => (
          <option key={r} value={r}>
            {t(`absence.reason_${r}`)}
          </option>
        ))}
      </select>
      {reason === 'illness' && (
        <fieldset className="illness">
          <label>
            {t('absence.onset')}{' '}
            <input type="date" value={onset} onChange={(e) => setOnset(e.target.value)} />
          </label>
          {SYMPTOMS.map((s) => (
            <label key={s} className="check">
              <input
                type="checkbox"
                checked={symptoms.includes(s)}
                onChange={() =>
                  setSymptoms((l) => (l.includes(s) ? l.filter((x) => x !== s) : [...l, s]))
                }
              />
              {t(`symptom.${s}`)}
            </label>
          ))}
          <label className="check">
            <input
              type="checkbox"
              checked={doctorSeen}
              onChange={(e) => setDoctorSeen(e.target.checked)}
            />
            {t('absence.doctorSeen')}
          </label>
        </fieldset>
      )}
      <button type="button" className="primary" onClick={() => void save()}>
        {t('absence.save')}
      </button>
      {problem && (
        <span className="field-error" role="alert">
          {problem}
        </span>
      )}
    </li>
  );
}

function FollowUpRow({
  absence,
  child,
  today,
  showHealth,
}: {
  absence: AbsenceDoc;
  child?: MemberDoc | undefined;
  today: string;
  showHealth: boolean;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [note, setNote] = useState('');
  return (
    <li className="followup">
      <span className="name">{child?.name ?? absence.memberId}</span>
      <span className="meta">
        {t('absence.since', { day: absence.day })}
        {showHealth && absence.illness
          ? ` · ${absence.illness.symptoms.map((s) => t(`symptom.${s}`)).join('、')}${absence.illness.doctorSeen ? ` · ${t('absence.doctorSeen')}` : ''}`
          : ''}
        {` · ${t('absence.followUps', { count: absence.followUps?.length ?? 0 })}`}
      </span>
      <input
        aria-label={t('absence.followUpNote', { name: child?.name ?? '' })}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={t('absence.followUpPlaceholder')}
      />
      <button
        type="button"
        disabled={!note.trim()}
        onClick={() => void followUpAbsence(desk, absence.id, note).then(() => setNote(''))}
      >
        {t('absence.addFollowUp')}
      </button>
      <button type="button" onClick={() => void markReturned(desk, absence.id, today)}>
        {t('absence.returned')}
      </button>
    </li>
  );
}
