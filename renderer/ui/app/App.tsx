import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { distinctUntilChanged, map } from 'rxjs';
import { can, type Permission } from '../../../shared/roles';
import { DEFAULT_RULES } from '../../../shared/rules/settings';
import { rules$ } from '../../data/rules';
import type { StaffDoc } from '../../../shared/schemas';
import { startDailyBackup } from '../../data/backupService';
import { openDeskStore } from '../../data/store';
import { logout } from '../../data/staff';
import { setLanguage } from '../../i18n';
import type { Platform } from '../../platform';
import { SyncController } from '../../sync/controller';
import { AuditScreen } from '../admin/AuditScreen';
import { CheckInScreen } from '../check-in/CheckInScreen';
import { AbsenceScreen } from '../absences/AbsenceScreen';
import { ImportScreen } from '../people/ImportScreen';
import { LockScreen } from './LockScreen';
import { MealsScreen } from '../meals/MealsScreen';
import { PeopleScreen } from '../people/PeopleScreen';
import { StaffScreen } from '../staff/StaffScreen';
import { DeskContext, type DeskServices } from './DeskContext';
import { RegisterScreen } from '../people/RegisterScreen';
import { ScheduleScreen } from '../schedule/ScheduleScreen';
import { SettingsScreen } from '../admin/SettingsScreen';
import { StatusBar } from './StatusBar';
import { HomeScreen } from '../home/HomeScreen';
import { Announcements } from './Announcements';
import { useObservable } from '../kit/hooks';
import { VisitsScreen } from '../visits/VisitsScreen';
import { CareScreen } from '../care/CareScreen';

type Screen =
  | 'home'
  | 'checkIn'
  | 'absences'
  | 'meals'
  | 'visits'
  | 'care'
  | 'people'
  | 'register'
  | 'import'
  | 'staff'
  | 'audit'
  | 'settings'
  | 'schedule';

const KEY_LOST = 'store-key-lost';

/**
 * Each screen, what it needs (a role without it does not see the tab), and its group in the side
 * bar: the day's work, people, and the centre's administration.
 */
const SCREENS: { screen: Screen; needs: Permission; group: 'day' | 'people' | 'admin' }[] = [
  { screen: 'home', needs: 'checkIn', group: 'day' },
  { screen: 'checkIn', needs: 'checkIn', group: 'day' },
  { screen: 'absences', needs: 'recordAbsence', group: 'day' },
  { screen: 'meals', needs: 'serveMeals', group: 'day' },
  { screen: 'schedule', needs: 'logActivities', group: 'day' },
  { screen: 'visits', needs: 'recordVisits', group: 'day' },
  { screen: 'care', needs: 'viewHealth', group: 'day' },
  { screen: 'people', needs: 'register', group: 'people' },
  { screen: 'register', needs: 'register', group: 'people' },
  { screen: 'import', needs: 'importPeople', group: 'people' },
  { screen: 'staff', needs: 'manageStaff', group: 'admin' },
  { screen: 'audit', needs: 'viewAudit', group: 'admin' },
  { screen: 'settings', needs: 'manageStaff', group: 'admin' },
];
const groupOf = (screen: Screen) => SCREENS.find((s) => s.screen === screen)?.group;

/** Locks the desk after `minutes` without a key, a click or a touch. */
function useIdleLock(active: boolean, minutes: number, lock: () => void) {
  useEffect(() => {
    if (!active) return undefined;
    let timer = setTimeout(lock, minutes * 60_000);
    const poke = () => {
      clearTimeout(timer);
      timer = setTimeout(lock, minutes * 60_000);
    };
    const events = ['keydown', 'pointerdown', 'touchstart', 'wheel'] as const;
    events.forEach((e) => window.addEventListener(e, poke, { passive: true }));
    return () => {
      clearTimeout(timer);
      events.forEach((e) => window.removeEventListener(e, poke));
    };
  }, [active, minutes, lock]);
}

async function openServices(platform: Platform): Promise<DeskServices> {
  const desk = await openDeskStore(platform);
  const sync = new SyncController(desk, platform);
  void sync.resume();
  // Runs as long as the desk is open (the services live as long as the page).
  startDailyBackup(desk, platform);
  return { desk, platform, sync };
}

export function App({ platform }: { platform: Platform }) {
  const { t, i18n } = useTranslation();
  const [services, setServices] = useState<DeskServices | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [screen, setScreen] = useState<Screen>('checkIn');
  const [staff, setStaff] = useState<StaffDoc | null>(null);
  const lock = useCallback(() => {
    if (services) logout(services.desk);
    setStaff(null);
  }, [services]);
  const rules$OfDesk = useMemo(() => (services ? rules$(services.desk) : null), [services]);
  const rules = useObservable(rules$OfDesk, DEFAULT_RULES);
  useIdleLock(!!staff, rules.idleLockMinutes, lock);
  // Re-render when the sync's mode changes: enrolment changes the centre shown in the top bar.
  // Only the mode: every sync round and every pending count would otherwise re-render the whole
  // desk (the status bar follows those itself).
  const mode$ = useMemo(
    () =>
      services?.sync.status$.pipe(
        map((s) => s.mode),
        distinctUntilChanged(),
      ) ?? null,
    [services],
  );
  useObservable(mode$, null);

  useEffect(() => {
    let cancelled = false;
    openServices(platform).then(
      (s) => !cancelled && setServices(s),
      (e: unknown) => {
        if (cancelled) return;
        const message = e instanceof Error ? e.message : String(e);
        // RxDB's DB1: the store was made with another key (the secure store was reset).
        setFailure(/\bDB1\b/.test(message) ? KEY_LOST : message);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [platform]);

  if (failure)
    return (
      <p className="fatal" role="alert">
        {failure === KEY_LOST ? t('app.storeKeyLost') : t('app.storeFailed', { message: failure })}
      </p>
    );
  if (!services) return <p className="loading">{t('app.loading')}</p>;

  const tabs = staff ? SCREENS.filter((s) => can(staff.role, s.needs)).map((s) => s.screen) : [];
  const shown: Screen = tabs.includes(screen) ? screen : 'checkIn';
  return (
    <DeskContext.Provider value={services}>
      <div className="shell">
        <header className="topbar">
          <h1>{t('app.title')}</h1>
          <span className="centre">{services.desk.settings.centreName ?? ''}</span>
          <span className="spacer" />
          {staff && (
            <span className="who">
              {staff.name} · {t(`role.${staff.role}`)}
              <button type="button" className="switch" onClick={lock}>
                {t('lock.switch')}
              </button>
            </span>
          )}
          <button
            type="button"
            className="lang"
            onClick={() => setLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}
          >
            {t('lang.switchTo')}
          </button>
        </header>
        <div className="workspace">
          {tabs.length > 0 && (
            <nav aria-label="main" className="sidenav no-print">
              {tabs.map((tab, i) => (
                <button
                  key={tab}
                  type="button"
                  className={[
                    'tab',
                    shown === tab ? 'active' : '',
                    i > 0 && groupOf(tab) !== groupOf(tabs[i - 1]!) ? 'group-start' : '',
                  ]
                    .filter(Boolean)
                    .join(' ')}
                  aria-current={shown === tab ? 'page' : undefined}
                  onClick={() => setScreen(tab)}
                >
                  {t(`nav.${tab}`)}
                </button>
              ))}
            </nav>
          )}
          <main>
            {!staff ? (
              <LockScreen
                onLoggedIn={(s) => {
                  setStaff(s);
                  setScreen('checkIn');
                }}
              />
            ) : (
              <>
                <Announcements />
                {shown === 'home' && <HomeScreen goTo={setScreen} />}
                {shown === 'checkIn' && <CheckInScreen />}
                {shown === 'absences' && <AbsenceScreen />}
                {shown === 'meals' && <MealsScreen />}
                {shown === 'register' && (
                  <RegisterScreen onRegistered={() => setScreen('checkIn')} />
                )}
                {shown === 'people' && <PeopleScreen />}
                {shown === 'import' && <ImportScreen />}
                {shown === 'staff' && <StaffScreen />}
                {shown === 'audit' && <AuditScreen />}
                {shown === 'settings' && <SettingsScreen />}
                {shown === 'schedule' && <ScheduleScreen />}
                {shown === 'visits' && <VisitsScreen />}
                {shown === 'care' && <CareScreen />}
              </>
            )}
          </main>
        </div>
        <StatusBar />
      </div>
    </DeskContext.Provider>
  );
}
