import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { format } from 'date-fns';
import { attendanceSummary, type ActivitySession } from '../../../shared/rules/schedule';
import type { MemberDoc, StaffDoc } from '../../../shared/schemas';
import { addSessionNote, logAttendance, sessionLog$ } from '../../data/activities';
import { useDesk } from '../app/DeskContext';
import { saveErrorText } from '../kit/errors';
import { Field } from '../kit/Field';
import { useObservable } from '../kit/hooks';
import { PeoplePicker } from './PeoplePicker';

/**
 * A caregiver logs one session on a touch screen: a big 到/未到 pair per enrolled person, walk-ins
 * found by name or pinyin, notes, and the count against the places, all from attendance events.
 */
export function SessionLog({
  session,
  members,
  staff,
  onClose,
}: {
  session: ActivitySession;
  members: readonly MemberDoc[];
  staff: readonly StaffDoc[];
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [note, setNote] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const log$ = useMemo(
    () => sessionLog$(desk, session.planId, session.date),
    [desk, session.planId, session.date],
  );
  const log = useObservable(log$, { records: [], latest: new Map(), notes: [] });
  const summary = attendanceSummary(session, log.records);
  const byId = useMemo(() => new Map(members.map((m) => [m.id, m])), [members]);
  const staffName = (id: string) => staff.find((s) => s.id === id)?.name ?? '';
  const walkIns = [...log.latest.values()]
    .filter((r) => !session.enrolled.includes(r.memberId))
    .map((r) => r.memberId);
  const listed = [...session.enrolled, ...walkIns];

  const run = async (write: () => Promise<unknown>) => {
    setFailure(null);
    try {
      await write();
    } catch (e) {
      setFailure(saveErrorText(t, e));
    }
  };
  const mark = (memberId: string, present: boolean) =>
    run(() =>
      logAttendance(desk, { planId: session.planId, date: session.date, memberId, present }),
    );

  return (
    <section className="session-log" aria-labelledby="session-log-title">
      <div className="session-head">
        <h2 id="session-log-title">
          {t('schedule.logTitle', { title: session.title, date: session.date })}
        </h2>
        <button type="button" className="big" onClick={onClose}>
          {t('schedule.backToWeek')}
        </button>
      </div>
      <p className="meta">
        {session.start}–{session.end} · {session.room} · {staffName(session.leaderId)}
      </p>
      <p
        className={summary.overCapacity ? 'notice error summary' : 'notice info summary'}
        role="status"
        aria-label={t('schedule.summaryLabel')}
      >
        {t('schedule.summary', {
          present: summary.present,
          capacity: summary.capacity,
          absent: summary.absent,
          unmarked: summary.unmarked,
          walkIns: summary.walkIns,
        })}
        {summary.overCapacity && <> {t('schedule.overCapacityNow')}</>}
      </p>
      {failure && (
        <p className="notice error" role="alert">
          {failure}
        </p>
      )}
      {listed.length === 0 ? (
        <p className="empty">{t('schedule.nobodyEnrolled')}</p>
      ) : (
        <ul className="marks" aria-label={t('schedule.marksList')}>
          {listed.map((id) => {
            const name = byId.get(id)?.name ?? id;
            const latest = log.latest.get(id);
            return (
              <li key={id} className="mark-row">
                <span className="name">{name}</span>
                {!session.enrolled.includes(id) && (
                  <span className="tag">{t('schedule.walkIn')}</span>
                )}
                <div className="toggles" role="group" aria-label={name}>
                  <button
                    type="button"
                    className={latest?.present === true ? 'toggle on present' : 'toggle'}
                    aria-pressed={latest?.present === true}
                    onClick={() => void mark(id, true)}
                  >
                    {t('schedule.present')}
                  </button>
                  <button
                    type="button"
                    className={latest?.present === false ? 'toggle on absent' : 'toggle'}
                    aria-pressed={latest?.present === false}
                    onClick={() => void mark(id, false)}
                  >
                    {t('schedule.absent')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <div className="session-columns">
        <div>
          <PeoplePicker
            id="walk-in"
            label={t('schedule.addWalkIn')}
            people={members.filter((m) => !listed.includes(m.id))}
            onPick={(m) => mark(m.id, true)}
            big
          />
        </div>
        <div>
          <Field id="session-note" label={t('schedule.note')}>
            <textarea
              id="session-note"
              rows={3}
              maxLength={300}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </Field>
          <button
            type="button"
            className="big"
            disabled={!note.trim()}
            onClick={() =>
              void run(async () => {
                await addSessionNote(desk, session.planId, session.date, note);
                setNote('');
              })
            }
          >
            {t('schedule.saveNote')}
          </button>
          <ul className="notes" aria-label={t('schedule.notes')}>
            {log.notes.map((n) => (
              <li key={n.id}>
                {format(new Date(n.recordedAt), 'HH:mm')} {staffName(n.recordedBy)}：{n.note}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
