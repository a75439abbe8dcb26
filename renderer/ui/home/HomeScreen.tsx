import { format } from 'date-fns';
import { zhCN, enUS } from 'date-fns/locale';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildDailySheet, dailySheetWorkbook, type DailySheet } from '../../data/dailySheet';
import { today$ } from '../../data/today';
import { DailySheetView } from '../daily-sheet/DailySheetView';
import { ActivitiesNowCard, MealsSoFarCard } from './TodayCards';
import { VisitsDue } from '../visits/VisitsScreen';
import { can } from '../../../shared/roles';
import { useDesk } from '../app/DeskContext';
import { saveErrorText } from '../kit/errors';
import { useObservable, useRules } from '../kit/hooks';

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** 今日: who is in, what needs attention, and the day's sheet to print or export. */
export function HomeScreen({ goTo }: { goTo(screen: 'checkIn' | 'absences' | 'staff'): void }) {
  const { t, i18n } = useTranslation();
  const { desk } = useDesk();
  const rules = useRules();
  const [now] = useState(() => new Date());
  const source = useMemo(() => today$(desk, rules, now), [desk, rules, now]);
  const today = useObservable(source, null);
  const [sheet, setSheet] = useState<DailySheet | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function makeSheet(): Promise<DailySheet | null> {
    try {
      setProblem(null);
      return await buildDailySheet(
        desk,
        format(now, 'yyyy-MM-dd'),
        t,
        desk.settings.centreName ?? '',
      );
    } catch (e) {
      setProblem(saveErrorText(t, e));
      return null;
    }
  }

  if (!today) return <p className="loading">{t('common.loading')}</p>;
  const { present } = today;
  const inBuilding =
    present.elders.length +
    present.children.length +
    present.staff.length +
    present.visitors.length;
  const locale = i18n.language.startsWith('zh') ? zhCN : enUS;

  return (
    <div className="home">
      <h2>{format(now, t('home.dateFormat'), { locale })}</h2>
      <div className="home-cards">
        <section className="panel card" aria-labelledby="home-in">
          <h3 id="home-in">{t('home.inBuilding')}</h3>
          <p className="figure">{inBuilding}</p>
          <p>
            {t('checkIn.inBuildingCount', {
              total: inBuilding,
              elders: present.elders.length,
              children: present.children.length,
              staff: present.staff.length,
              visitors: present.visitors.length,
            })}
          </p>
          <button type="button" onClick={() => goTo('checkIn')}>
            {t('home.toCheckIn')}
          </button>
        </section>
        <section className="panel card" aria-labelledby="home-came">
          <h3 id="home-came">{t('home.cameToday')}</h3>
          <p className="figure">{today.cameToday}</p>
        </section>
        <section className="panel card" aria-labelledby="home-not-in">
          <h3 id="home-not-in">{t('home.childrenNotIn')}</h3>
          <p className="figure">{today.childrenNotIn.length}</p>
          <p className="hint">
            {today.pastExpectedTime
              ? t('home.pastExpected', { time: rules.childrenExpectedBy })
              : t('home.beforeExpected', { time: rules.childrenExpectedBy })}
          </p>
          <button type="button" onClick={() => goTo('absences')}>
            {t('home.toAbsences')}
          </button>
        </section>
        <ActivitiesNowCard now={now} day={today.day} />
        <MealsSoFarCard day={today.day} />
      </div>
      {can(desk.session?.staff.role, 'recordVisits') && <VisitsDue now={now} />}

      <section aria-labelledby="home-alerts" className="home-alerts">
        <h3 id="home-alerts">{t('home.alerts')}</h3>
        {today.outbreaks.length === 0 &&
          today.certificates === 0 &&
          !(today.pastExpectedTime && today.childrenNotIn.length > 0) && (
            <p className="hint">{t('home.noAlerts')}</p>
          )}
        {today.outbreaks.map((alert) => (
          <p key={`${alert.childClass}-${alert.symptom}`} className="notice error" role="alert">
            {t('outbreak.alert', {
              cls: t(`childClass.${alert.childClass}`),
              symptom: t(`symptom.${alert.symptom}`),
              count: alert.cases.length,
            })}{' '}
            {alert.cases.map((c) => today.names.get(c.memberId)).join('、')}
          </p>
        ))}
        {today.pastExpectedTime && today.childrenNotIn.length > 0 && (
          <p className="notice warn">
            {t('home.notInList', {
              time: rules.childrenExpectedBy,
              names: today.childrenNotIn.map((c) => c.name).join('、'),
            })}
          </p>
        )}
        {today.certificates > 0 && (
          <p className="notice warn">
            {t('home.certificates', { count: today.certificates })}{' '}
            <button type="button" className="link" onClick={() => goTo('staff')}>
              {t('home.toStaff')}
            </button>
          </p>
        )}
      </section>

      <section aria-labelledby="home-sheet" className="panel">
        <h3 id="home-sheet">{t('sheet.heading')}</h3>
        <div className="sheet-actions">
          <button
            type="button"
            className="primary big"
            onClick={() => void makeSheet().then((s) => s && setSheet(s))}
          >
            {t('sheet.open')}
          </button>
          <button
            type="button"
            className="big"
            onClick={() =>
              void makeSheet().then(async (s) => {
                if (!s) return;
                download(
                  await dailySheetWorkbook(s, t('sheet.made')),
                  `cocare-daily-${s.day}.xlsx`,
                );
              })
            }
          >
            {t('sheet.excel')}
          </button>
        </div>
        {problem && (
          <p className="notice error" role="alert">
            {problem}
          </p>
        )}
      </section>
      {sheet && <DailySheetView sheet={sheet} onClose={() => setSheet(null)} />}
    </div>
  );
}
