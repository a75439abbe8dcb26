import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../shared/roles';
import {
  weekDays,
  weekSessions,
  type ActivityPlan,
  type ActivitySession,
} from '../../../shared/rules/schedule';
import type { DistrictDoc } from '../../../shared/schemas';
import { localDay } from '../../../shared/time';
import { plans$, templates$ } from '../../data/activities';
import { peopleInCare$, staff$ } from '../../data/people';
import { useDesk } from '../app/DeskContext';
import { useDeskRead } from '../kit/hooks';
import { PlanForm } from './PlanForm';
import { SessionLog } from './SessionLog';
import { Templates } from './Templates';
import { TimetableSheet } from './TimetableSheet';
import { WeekBar } from './WeekBar';
import { WeekView } from './WeekView';
import { NoticeLine } from '../kit/Notice';

type Mode =
  | { kind: 'week' }
  | { kind: 'plan'; template?: DistrictDoc; editing?: ActivityPlan }
  | { kind: 'log'; session: ActivitySession };

/**
 * The shared activity timetable: a week at a time (Monday to Sunday, today marked), planning with
 * clashes shown before saving, the district's templates to adopt, each session's attendance log,
 * and a printed timetable for the notice board.
 */
export function ScheduleScreen({ now = new Date() }: { now?: Date }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const mayPlan = can(desk.session?.staff.role, 'planActivities');
  const today = localDay(now);
  const [weekOf, setWeekOf] = useState(today);
  const [mode, setMode] = useState<Mode>({ kind: 'week' });
  const [printing, setPrinting] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  const plans = useDeskRead(plans$, []);
  const sessions = useMemo(() => weekSessions(plans, weekOf), [plans, weekOf]);
  const templates = useDeskRead(templates$, []);
  const staff = useDeskRead(staff$, [], 'active');
  // Who may be enrolled or join a session: one definition, people in the centre's care.
  const members = useDeskRead(peopleInCare$, []);
  const staffName = (id: string) => staff.find((s) => s.id === id)?.name ?? '';

  const days = weekDays(weekOf);
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

  return (
    <div className="schedule">
      <WeekBar
        weekOf={weekOf}
        today={today}
        weekLabel={weekLabel}
        setWeekOf={setWeekOf}
        onPrint={() => setPrinting(true)}
        onPlan={mayPlan ? () => setMode({ kind: 'plan' }) : null}
      />
      <NoticeLine tone="ok" text={saved} />
      <WeekView
        days={days}
        today={today}
        weekLabel={weekLabel}
        sessions={sessions}
        staffName={staffName}
        onLog={(session) => setMode({ kind: 'log', session })}
        onEdit={
          mayPlan
            ? (s) => {
                const editing = plans.find((p) => p.id === s.planId);
                if (editing) setMode({ kind: 'plan', editing });
              }
            : null
        }
      />
      <Templates
        templates={templates}
        onAdopt={mayPlan ? (template) => setMode({ kind: 'plan', template }) : null}
      />
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
