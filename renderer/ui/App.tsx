import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { openDeskDatabase } from '../data/database';
import { openDesk } from '../data/desk';
import { loadStoreKey } from '../data/storeKey';
import { setLanguage } from '../i18n';
import type { Platform } from '../platform';
import { SyncController } from '../sync/controller';
import { CheckInScreen } from './CheckInScreen';
import { DeskContext, type DeskServices } from './DeskContext';
import { RegisterScreen } from './RegisterScreen';
import { SettingsScreen } from './SettingsScreen';
import { StatusBar } from './StatusBar';
import { useObservable } from './hooks';

type Screen = 'checkIn' | 'register' | 'settings';

async function openServices(platform: Platform): Promise<DeskServices> {
  const db = await openDeskDatabase({
    name: 'cocare-desk',
    // Strict durability: a power cut must not drop a check-in the screen already confirmed.
    storage: getRxStorageDexie({ chromeTransactionDurability: 'strict' }),
    storeKey: await loadStoreKey(platform),
  });
  const desk = await openDesk(db);
  const sync = new SyncController(desk, platform);
  void sync.resume();
  return { desk, platform, sync };
}

export function App({ platform }: { platform: Platform }) {
  const { t, i18n } = useTranslation();
  const [services, setServices] = useState<DeskServices | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [screen, setScreen] = useState<Screen>('checkIn');
  // Re-render on sync changes: enrolment changes the centre shown in the top bar.
  useObservable(services?.sync.status$ ?? null, null);

  useEffect(() => {
    let cancelled = false;
    openServices(platform).then(
      (s) => !cancelled && setServices(s),
      (e: unknown) => !cancelled && setFailure(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [platform]);

  if (failure)
    return (
      <p className="fatal" role="alert">
        {t('app.storeFailed', { message: failure })}
      </p>
    );
  if (!services) return <p className="loading">{t('app.loading')}</p>;

  const tabs: Screen[] = ['checkIn', 'register', 'settings'];
  return (
    <DeskContext.Provider value={services}>
      <div className="shell">
        <header className="topbar">
          <h1>{t('app.title')}</h1>
          <span className="centre">{services.desk.settings.centreName ?? ''}</span>
          <nav aria-label="main">
            {tabs.map((tab) => (
              <button
                key={tab}
                type="button"
                className={screen === tab ? 'tab active' : 'tab'}
                aria-current={screen === tab ? 'page' : undefined}
                onClick={() => setScreen(tab)}
              >
                {t(`nav.${tab}`)}
              </button>
            ))}
          </nav>
          <button
            type="button"
            className="lang"
            onClick={() => setLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}
          >
            {t('lang.switchTo')}
          </button>
        </header>
        <main>
          {screen === 'checkIn' && <CheckInScreen />}
          {screen === 'register' && <RegisterScreen onRegistered={() => setScreen('checkIn')} />}
          {screen === 'settings' && <SettingsScreen />}
        </main>
        <StatusBar />
      </div>
    </DeskContext.Provider>
  );
}
