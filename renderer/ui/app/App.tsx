import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffDoc } from '../../../shared/schemas';
import { startDailyBackup } from '../../data/backupService';
import { keepClockMark } from '../../data/desk';
import { logout } from '../../data/staff';
import { openDeskStore } from '../../data/store';
import type { Platform } from '../../platform';
import { SyncController } from '../../sync/controller';
import { useRules } from '../kit/hooks';
import { NamesakesProvider } from '../kit/PersonName';
import { Announcements } from './Announcements';
import { DeskContext, useDesk, type DeskServices } from './DeskContext';
import { LockScreen } from './LockScreen';
import { ScreenView, screensFor, type Screen } from './Screens';
import { SideNav } from './SideNav';
import { StatusBar } from './StatusBar';
import { TopBar } from './TopBar';
import { useIdleLock } from './useIdleLock';
import { dropDraftsExcept, hasDraft } from '../people/registerDraft';

const KEY_LOST = 'store-key-lost';

async function openServices(platform: Platform): Promise<DeskServices> {
  const desk = await openDeskStore(platform);
  const sync = new SyncController(desk, platform);
  void sync.resume();
  // Run as long as the desk is open (the services live as long as the page).
  startDailyBackup(desk, platform);
  keepClockMark(desk);
  return { desk, platform, sync };
}

/** The desk: opens the store, then who is at the desk, the screens their role may open. */
export function App({ platform }: { platform: Platform }) {
  const { t } = useTranslation();
  const [services, setServices] = useState<DeskServices | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

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
  return (
    <DeskContext.Provider value={services}>
      <Shell />
    </DeskContext.Provider>
  );
}

/** The open desk: the top bar, the side bar of screens, the screen, the status bar. */
function Shell() {
  const [screen, setScreen] = useState<Screen>('checkIn');
  const [staff, setStaff] = useState<StaffDoc | null>(null);
  const { desk } = useDesk();
  const lock = useCallback(() => {
    logout(desk);
    setStaff(null);
  }, [desk]);
  useIdleLock(!!staff, useRules().idleLockMinutes, lock);

  const tabs = staff ? screensFor(staff.role) : [];
  const shown: Screen = tabs.includes(screen) ? screen : 'checkIn';
  // The screen scrolls inside <main> (the bars stay): each screen opens at its top, not where the
  // last one was left.
  const main = useRef<HTMLElement>(null);
  useEffect(() => {
    if (main.current) main.current.scrollTop = 0;
  }, [shown, staff]);
  return (
    <div className="shell">
      <TopBar staff={staff} onLock={lock} />
      <div className="workspace">
        {tabs.length > 0 && <SideNav tabs={tabs} shown={shown} onOpen={setScreen} />}
        <main ref={main}>
          {!staff ? (
            <LockScreen
              onLoggedIn={(s) => {
                // A registration left half-filled at the lock is theirs alone (registerDraft.ts).
                dropDraftsExcept(s.id);
                setStaff(s);
                setScreen(hasDraft(s.id) ? 'register' : 'checkIn');
              }}
            />
          ) : (
            <NamesakesProvider>
              <Announcements />
              <ScreenView shown={shown} goTo={setScreen} />
            </NamesakesProvider>
          )}
        </main>
      </div>
      <StatusBar />
    </div>
  );
}
