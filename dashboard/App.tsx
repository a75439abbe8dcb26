import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DistrictUserInfo, SessionInfo } from '../server/district/types';
import { api, onSessionEnded } from './api';
import { LanguageButton } from '../shared/ui/LanguageButton';
import { setLanguage } from './i18n';
import type { Messages } from './i18n/zh-CN';
import { ActionLogPage } from './pages/ActionLog';
import { CentrePage } from './pages/Centre';
import { DevicesPage } from './pages/Devices';
import { LoginPage } from './pages/Login';
import { OverviewPage } from './pages/Overview';
import { PublishPage } from './pages/Publish';
import { ReportsPage } from './pages/Reports';
import { OutbreaksPage } from './pages/Outbreaks';
import { sees, type DistrictView } from '../shared/rules/departments';

/**
 * The pages of the left navigation, in order. A page is `#/<id>`; `adminOnly` pages are neither
 * listed nor opened for viewers (the server refuses their calls anyway). To add a page, add it
 * here with its component and its `nav.<id>` words in i18n/ (its id is one of those words' keys).
 */
interface NavPage {
  id: Exclude<keyof Messages['nav'], 'label'>;
  adminOnly?: boolean;
  /** What the page shows, for the account's department (shared/rules/departments.ts). */
  view?: DistrictView;
  render: (user: DistrictUserInfo) => ReactNode;
}

export const PAGES: NavPage[] = [
  { id: 'overview', render: (user) => <OverviewPage department={user.department} /> },
  {
    id: 'outbreaks',
    view: 'outbreaks',
    render: (user) => (
      <OutbreaksPage
        department={user.department}
        isAdmin={user.role === 'admin'}
        displayName={user.displayName}
      />
    ),
  },
  {
    id: 'devices',
    view: 'devices',
    render: (user) => <DevicesPage isAdmin={user.role === 'admin'} />,
  },
  { id: 'reports', view: 'reports', render: () => <ReportsPage /> },
  { id: 'publish', adminOnly: true, view: 'publish', render: () => <PublishPage /> },
  { id: 'actions', adminOnly: true, render: () => <ActionLogPage /> },
];

/** `#/centre/<id>` or `#/<page>`; anything else is the overview. */
function readRoute(): { page: string; centreId?: string } {
  const parts = window.location.hash.replace(/^#\/?/, '').split('/');
  if (parts[0] === 'centre' && parts[1])
    return { page: 'centre', centreId: decodeURIComponent(parts[1]) };
  return { page: parts[0] || 'overview' };
}

function useRoute() {
  const [route, setRoute] = useState(readRoute);
  useEffect(() => {
    const update = () => setRoute(readRoute());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

export function App() {
  const { t } = useTranslation();
  const [user, setUser] = useState<DistrictUserInfo | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const route = useRoute();

  useEffect(() => {
    api<SessionInfo>('GET', '/me').then(
      (s) => setUser(s.user),
      () => setUser(null),
    );
    onSessionEnded(() => {
      setUser(null);
      setNotice(t('login.expired'));
    });
    return () => onSessionEnded(null);
  }, [t]);

  const logout = useCallback(async () => {
    await api('POST', '/logout', {}).catch(() => {});
    setUser(null);
    setNotice(t('login.loggedOut'));
  }, [t]);

  if (user === undefined) return <p className="loading">{t('app.loading')}</p>;
  if (user === null) {
    return (
      <LoginPage
        notice={notice}
        onLoggedIn={(u) => {
          setNotice(null);
          setUser(u);
        }}
      />
    );
  }

  const pages = PAGES.filter(
    (p) => (!p.adminOnly || user.role === 'admin') && (!p.view || sees(user.department, p.view)),
  );
  const current = pages.find((p) => p.id === route.page);
  const navShown = route.page === 'centre' ? 'overview' : (current?.id ?? 'overview');
  return (
    <div className="shell">
      <header className="topbar">
        <h1>{t('app.title')}</h1>
        <span className="spacer" />
        <span className="who" data-testid="who">
          {t('header.user', { name: user.displayName, login: user.login })}
          <span className={`role role-${user.role}`}>
            {t('header.roleLabel', { role: t(`role.${user.role}`) })}
          </span>
          {user.department && (
            <span className="role" data-testid="department">
              {t(`department.${user.department}`)}
            </span>
          )}
        </span>
        <LanguageButton setLanguage={setLanguage} />
        <button type="button" onClick={() => void logout()}>
          {t('header.logout')}
        </button>
      </header>
      <div className="workspace">
        <nav aria-label={t('nav.label')} className="sidenav">
          {pages.map((p) => (
            <a
              key={p.id}
              href={`#/${p.id}`}
              className={navShown === p.id ? 'tab active' : 'tab'}
              aria-current={navShown === p.id ? 'page' : undefined}
            >
              {t(`nav.${p.id}`)}
            </a>
          ))}
        </nav>
        <main>
          {route.page === 'centre' && route.centreId && sees(user.department, 'people') ? (
            <CentrePage centreId={route.centreId} isAdmin={user.role === 'admin'} />
          ) : (
            (current ?? pages[0]!).render(user)
          )}
        </main>
      </div>
    </div>
  );
}
