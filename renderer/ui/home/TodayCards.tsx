import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { of } from 'rxjs';
import { can } from '../../../shared/roles';
import { expandSessions, sessionsAt } from '../../../shared/rules/schedule';
import { MEAL_TYPES } from '../../../shared/rules/dailySettings';
import { localTime } from '../../../shared/time';
import { plans$ } from '../../data/activities';
import { mealsDay$ } from '../../data/meals';
import { useDesk } from '../app/DeskContext';
import { useDeskRead, useObservable } from '../kit/hooks';

/** One card of 今日: its title, a big figure if it has one, and what it says and offers. */
export function Card({
  id,
  title,
  figure,
  children,
}: {
  id: string;
  title: string;
  figure?: number;
  children?: ReactNode;
}) {
  return (
    <section className="panel card" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {figure !== undefined && <p className="figure">{figure}</p>}
      {children}
    </section>
  );
}

/** 今日: the activities on now and next, from the timetable. */
export function ActivitiesNowCard({ now, day }: { now: Date; day: string }) {
  const { t } = useTranslation();
  const plans = useDeskRead(plans$, []);
  const time = localTime(now);
  const sessions = expandSessions(plans, day, day);
  const { current, next, ended } = sessionsAt(sessions, time);
  const line = (s: (typeof sessions)[number]) => `${s.start}–${s.end} ${s.title} · ${s.room}`;
  return (
    <Card id="home-activities" title={t('home.activities')}>
      {current.length === 0 && next.length === 0 && (
        <p className="hint">
          {ended > 0 ? t('home.activitiesEnded', { count: ended }) : t('home.noActivities')}
        </p>
      )}
      {current.map((s) => (
        <p key={`now-${s.planId}`}>
          <strong>{t('home.now')}</strong> {line(s)}
        </p>
      ))}
      {next.map((s) => (
        <p key={`next-${s.planId}`}>
          {t('home.next')} {line(s)}
        </p>
      ))}
    </Card>
  );
}

/** 今日: meals served so far, by meal (counted once per person and meal). */
export function MealsSoFarCard({ day }: { day: string }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const allowed = can(desk.session?.staff.role, 'serveMeals');
  const source = useMemo(() => (allowed ? mealsDay$(desk, day) : of(null)), [desk, day, allowed]);
  const meals = useObservable(source, null);
  if (!allowed) return null;
  const served = (type: string) =>
    (meals?.counts ?? []).filter((c) => c.mealType === type).reduce((n, c) => n + c.count, 0);
  return (
    <Card id="home-meals" title={t('home.mealsSoFar')}>
      <p>{MEAL_TYPES.map((type) => `${t(`meals.mealType.${type}`)} ${served(type)}`).join('，')}</p>
    </Card>
  );
}
