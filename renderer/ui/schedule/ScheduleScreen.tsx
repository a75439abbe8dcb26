import { useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { addDays, addWeeks, format, parseISO, startOfISOWeek } from 'date-fns';
import { map } from 'rxjs';
import { can } from '../../../shared/roles';
import {
  weekSessions,
  type ActivityPlan,
  type ActivitySession,
} from '../../../shared/rules/schedule';
import type { DistrictDoc, MemberDoc, StaffDoc } from '../../../shared/schemas';
import { localDay } from '../../../shared/time';
import { cancelSession, plans$, templates$ } from '../../data/activities';
import { useDesk } from '../app/DeskContext';
import { saveErrorText } from '../kit/errors';
import { useObservable, usePrintingSheet } from '../kit/hooks';
import { PlanForm } from './PlanForm';
import { SessionLog } from './SessionLog';

type Mode =
  | { kind: 'week' }
  | { kind: 'plan'; template?: DistrictDoc; editing?: ActivityPlan }
  | { kind: 'log'; session: ActivitySession };

const dayOf = (d: Date) => format(d, 'yyyy-MM-dd');

/**
 * The shared activity timetable: a week at a time (Monday to Sunday, today marked), planning with
 * clashes shown before saving, the district's templates to adopt, each session's attendance log,
 * and a printed timetable for the notice board.
 */
export function ScheduleScreen({ now = new Date() }: { now?: Date }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const role = desk.session?.staff.role;
  const mayPlan = can(role, 'planActivities');
  const today = localDay(now);
  const [weekOf, setWeekOf] = useState(today);
  const [mode, setMode] = useState<Mode>({ kind: 'week' });
  const [printing, setPrinting] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<string | null>(null);
  const [cancelReason, setCancelReason] = useState('');

  const plansSource = useMemo(() => plans$(desk), [desk]);
  const plans = useObservable(plansSource, [] as ActivityPlan[]);
  const sessions = useMemo(() => weekSessions(plans, weekOf), [plans, weekOf]);
  const templatesSource = useMemo(() => templates$(desk), [desk]);
  const templates = useObservable(templatesSource, [] as DistrictDoc[]);
  const staff$ = useMemo(
    () =>
      desk.db.staff
        .find({ selector: { active: true } })
        .$.pipe(map((d) => d.map((x) => x.toJSON() as StaffDoc))),
    [desk],
  );
  const staff = useObservable(staff$, [] as StaffDoc[]);
  const members$ = useMemo(
    () =>
      desk.db.members
        .find()
        .$.pipe(
          map((d) =>
            d
              .map((x) => x.toJSON() as MemberDoc)
              .filter((m) => (m.status ?? 'active') === 'active'),
          ),
        ),
    [desk],
  );
  const members = useObservable(members$, [] as MemberDoc[]);
  const staffName = (id: string) => staff.find((s) => s.id === id)?.name ?? '';

  const monday = startOfISOWeek(parseISO(weekOf));
  const days = Array.from({ length: 7 }, (_, i) => dayOf(addDays(monday, i)));
  const weekLabel = t('schedule.weekOf', { from: days[0], to: days[6] });

  if (mode.kind === 'plan')
    return (
      <PlanForm
        staff={staff}
        members={members}
        today={today}
        {...(mode.template ? { template: mode.template } : {})}
        {...(mode.editing ? { editing: mode.editing } : {})}
        onSaved={(title) => {
          setSaved(t(mode.editing ? 'schedule.changedSaved' : 'schedule.saved', { title }));
          setMode({ kind: 'week' });
        }}
        onCancel={() => setMode({ kind: 'week' })}
      />
    );
  if (mode.kind === 'log')
    return (
      <SessionLog
        session={mode.session}
        members={members}
        staff={staff}
        onClose={() => setMode({ kind: 'week' })}
      />
    );

  // Electron has no window.prompt: the reason is asked for in the session's own card.
  const cancel = async (s: ActivitySession) => {
    setFailure(null);
    try {
      await cancelSession(desk, s.planId, s.date, cancelReason);
      setCancelling(null);
      setCancelReason('');
    } catch (e) {
      setFailure(saveErrorText(t, e));
    }
  };

  return (
    <div className="schedule">
      <div className="schedule-bar">
        <h2>{t('schedule.title')}</h2>
        <button type="button" onClick={() => setWeekOf(dayOf(addWeeks(monday, -1)))}>
          {t('schedule.prevWeek')}
        </button>
        <span className="week-label">{weekLabel}</span>
        <button type="button" onClick={() => setWeekOf(dayOf(addWeeks(monday, 1)))}>
          {t('schedule.nextWeek')}
        </button>
        {weekOf !== today && (
          <button type="button" onClick={() => setWeekOf(today)}>
            {t('schedule.thisWeek')}
          </button>
        )}
        <span className="spacer" />
        <button type="button" onClick={() => setPrinting(true)}>
          {t('schedule.print')}
        </button>
        {mayPlan && (
          <button type="button" className="primary" onClick={() => setMode({ kind: 'plan' })}>
            {t('schedule.plan')}
          </button>
        )}
      </div>
      {saved && (
        <p className="notice ok" role="status">
          {saved}
        </p>
      )}
      {failure && (
        <p className="notice error" role="alert">
          {failure}
        </p>
      )}
      <div className="week" role="list" aria-label={weekLabel}>
        {days.map((day, i) => {
          const ofDay = sessions.filter((s) => s.date === day);
          return (
            <section
              key={day}
              role="listitem"
              className={day === today ? 'day today' : 'day'}
              aria-label={`${t(`schedule.weekday.${i + 1}`)} ${day}`}
              aria-current={day === today ? 'date' : undefined}
            >
              <h3>
                {t(`schedule.weekday.${i + 1}`)} <span className="date">{day.slice(5)}</span>
                {day === today && <span className="today-tag">{t('schedule.today')}</span>}
              </h3>
              {ofDay.length === 0 && <p className="empty">{t('schedule.none')}</p>}
              {ofDay.map((s) => (
                <article key={s.planId} className={`session cat-${s.category}`}>
                  <div className="when">
                    {s.start}–{s.end}
                  </div>
                  <div className="what">{s.title}</div>
                  {/* One fact a line: a narrow column breaks no name in the middle. */}
                  <div className="where">{s.room}</div>
                  <div className="where">{staffName(s.leaderId)}</div>
                  <div className="cat">{t(`schedule.category.${s.category}`)}</div>
                  <div className="cat">
                    {t('schedule.places', { enrolled: s.enrolled.length, capacity: s.capacity })}
                  </div>
                  {s.changed && <div className="changed">{t('schedule.changed')}</div>}
                  <div className="session-actions">
                    <button
                      type="button"
                      aria-label={t('schedule.logFor', { title: s.title, date: s.date })}
                      onClick={() => setMode({ kind: 'log', session: s })}
                    >
                      {t('schedule.log')}
                    </button>
                    {mayPlan && (
                      <button
                        type="button"
                        className="link"
                        aria-label={t('schedule.editFor', { title: s.title })}
                        onClick={() => {
                          const editing = plans.find((p) => p.id === s.planId);
                          if (editing) setMode({ kind: 'plan', editing });
                        }}
                      >
                        {t('schedule.edit')}
                      </button>
                    )}
                    {mayPlan && (
                      <button
                        type="button"
                        className="link"
                        aria-label={t('schedule.cancelFor', { title: s.title, date: s.date })}
                        onClick={() => setCancelling(`${s.planId}/${s.date}`)}
                      >
                        {t('schedule.cancelDate')}
                      </button>
                    )}
                  </div>
                  {cancelling === `${s.planId}/${s.date}` && (
                    <div className="cancel-form">
                      <label>
                        {t('schedule.cancelReason')}
                        <input
                          value={cancelReason}
                          maxLength={100}
                          onChange={(e) => setCancelReason(e.target.value)}
                        />
                      </label>
                      <button type="button" onClick={() => void cancel(s)}>
                        {t('schedule.confirmCancel')}
                      </button>
                      <button type="button" className="link" onClick={() => setCancelling(null)}>
                        {t('common.back')}
                      </button>
                    </div>
                  )}
                </article>
              ))}
            </section>
          );
        })}
      </div>
      <section className="templates" aria-labelledby="templates-title">
        <h2 id="templates-title">{t('schedule.templates')}</h2>
        {templates.length === 0 ? (
          <p className="empty">{t('schedule.noTemplates')}</p>
        ) : (
          <ul>
            {templates.map((tpl) => (
              <li key={tpl.id} className="template">
                <strong>{tpl.title}</strong>
                <span className="meta">
                  {t(`schedule.category.${tpl.template?.category ?? 'elder'}`, {
                    defaultValue: tpl.template?.category ?? '',
                  })}
                  {tpl.template && ` · ${t('schedule.minutes', { count: tpl.template.minutes })}`}
                  {tpl.template?.capacity !== undefined &&
                    ` · ${t('schedule.capacityOf', { count: tpl.template.capacity })}`}
                </span>
                {tpl.text && <span className="text">{tpl.text}</span>}
                {mayPlan && (
                  <button type="button" onClick={() => setMode({ kind: 'plan', template: tpl })}>
                    {t('schedule.adopt')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {printing && (
        <TimetableSheet
          days={days}
          sessions={sessions}
          staffName={staffName}
          onClose={() => setPrinting(false)}
        />
      )}
    </div>
  );
}

/** The week's timetable on paper for the notice board: large type, one column per day, landscape. */
function TimetableSheet({
  days,
  sessions,
  staffName,
  onClose,
}: {
  days: string[];
  sessions: ActivitySession[];
  staffName(id: string): string;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  usePrintingSheet();
  return createPortal(
    <div className="sheet timetable-sheet" role="dialog" aria-labelledby="timetable-title">
      <div className="sheet-actions no-print">
        <button type="button" className="primary big" onClick={() => window.print()}>
          {t('rollCall.printNow')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <h1 id="timetable-title">
        {[desk.settings.centreName, t('schedule.printTitle')].filter(Boolean).join(' · ')}
      </h1>
      <p>{t('schedule.weekOf', { from: days[0], to: days[6] })}</p>
      <table className="grid timetable">
        <thead>
          <tr>
            {days.map((day, i) => (
              <th key={day}>
                {t(`schedule.weekday.${i + 1}`)}
                <br />
                {day.slice(5)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {days.map((day) => (
              <td key={day}>
                {sessions
                  .filter((s) => s.date === day)
                  .map((s) => (
                    <div key={s.planId} className="printed-session">
                      <div className="when">
                        {s.start}–{s.end}
                      </div>
                      <div className="what">{s.title}</div>
                      <div>{s.room}</div>
                      <div>{staffName(s.leaderId)}</div>
                    </div>
                  ))}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>,
    document.body,
  );
}
