import { format } from 'date-fns';
import { zhCN, enUS } from 'date-fns/locale';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../shared/roles';
import { presentCounts } from '../../data/presence';
import { today$ } from '../../data/today';
import { useDesk } from '../app/DeskContext';
import { useDeskRead, useRules } from '../kit/hooks';
import { DuplicatesAlert } from '../people/Duplicates';
import { VisitsDue } from '../visits/VisitsScreen';
import { DailySheetPanel } from './DailySheetPanel';
import { HomeAlerts } from './HomeAlerts';
import { ReassessmentsDue } from './ReassessmentsDue';
import { ActivitiesNowCard, Card, MealsSoFarCard } from './TodayCards';

/** 今日: who is in, what needs attention, and the day's sheet to print or export. */
export function HomeScreen({
  goTo,
}: {
  goTo(screen: 'checkIn' | 'absences' | 'staff' | 'care' | 'people'): void;
}) {
  const { t, i18n } = useTranslation();
  const { desk } = useDesk();
  const rules = useRules();
  const [now] = useState(() => new Date());
  const today = useDeskRead(today$, null, rules, now);

  if (!today) return <p className="loading">{t('common.loading')}</p>;
  const counts = presentCounts(today.present);
  const locale = i18n.language.startsWith('zh') ? zhCN : enUS;
  const expectedBy = { time: rules.childrenExpectedBy };

  return (
    <div className="home">
      <h2>{format(now, t('home.dateFormat'), { locale })}</h2>
      {/* What needs someone's attention first, where the manager sees it on logging in. */}
      <HomeAlerts today={today} onStaff={() => goTo('staff')} onCare={() => goTo('care')} />
      <DuplicatesAlert onOpen={() => goTo('people')} />
      <ReassessmentsDue day={today.day} onCare={() => goTo('care')} />
      <div className="home-cards">
        <Card id="home-in" title={t('home.inBuilding')} figure={counts.total}>
          <p>{t('checkIn.inBuildingCount', counts)}</p>
          <button type="button" onClick={() => goTo('checkIn')}>
            {t('home.toCheckIn')}
          </button>
        </Card>
        <Card id="home-came" title={t('home.cameToday')} figure={today.cameToday.members}>
          <p className="hint">{t('home.cameTodayByKind', today.cameToday)}</p>
        </Card>
        <Card id="home-not-in" title={t('home.childrenNotIn')} figure={today.childrenNotIn.length}>
          <p className="hint">
            {today.pastExpectedTime
              ? t('home.pastExpected', expectedBy)
              : t('home.beforeExpected', expectedBy)}
          </p>
          <button type="button" onClick={() => goTo('absences')}>
            {t('home.toAbsences')}
          </button>
        </Card>
        <ActivitiesNowCard now={now} day={today.day} />
        <MealsSoFarCard day={today.day} />
      </div>
      {can(desk.session?.staff.role, 'recordVisits') && <VisitsDue now={now} />}
      <DailySheetPanel day={today.day} />
    </div>
  );
}
