import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { attendanceSummary, type ActivitySession } from '../../../shared/rules/schedule';
import type { MemberDoc, StaffDoc } from '../../../shared/schemas';
import { addSessionNote, logAttendance, sessionLog$ } from '../../data/activities';
import { useDesk } from '../app/DeskContext';
import { saveErrorText } from '../kit/errors';
import { useObservable } from '../kit/hooks';
import { AttendanceMarks } from './AttendanceMarks';
import { PeoplePicker } from './PeoplePicker';
import { SessionNotes } from './SessionNotes';
import { NoticeLine } from '../kit/Notice';
import { useNameOf } from '../kit/PersonName';

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
  const nameOf = useNameOf();
  const { desk } = useDesk();
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

  /** Runs a write; a failure is said above the list. True when it was written. */
  const run = async (write: () => Promise<unknown>) => {
    setFailure(null);
    try {
      await write();
      return true;
    } catch (e) {
      setFailure(saveErrorText(t, e));
      return false;
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
      <NoticeLine tone="error" text={failure} />
      <AttendanceMarks
        listed={listed}
        enrolled={session.enrolled}
        latest={log.latest}
        nameOf={(id) => {
          const member = byId.get(id);
          return member ? nameOf(member) : id;
        }}
        onMark={(id, present) => void mark(id, present)}
      />
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
          <SessionNotes
            notes={log.notes}
            staffName={staffName}
            onSave={(note) => run(() => addSessionNote(desk, session.planId, session.date, note))}
          />
        </div>
      </div>
    </section>
  );
}
