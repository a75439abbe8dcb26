import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { distinctUntilChanged, map } from 'rxjs';
import type { StaffDoc } from '../../../shared/schemas';
import { LanguageButton } from '../../../shared/ui/LanguageButton';
import { setLanguage } from '../../i18n';
import { useObservable } from '../kit/hooks';
import { useDesk } from './DeskContext';

/** The bar on top: the centre, who is at the desk (and handing it over), the language. */
export function TopBar({ staff, onLock }: { staff: StaffDoc | null; onLock(): void }) {
  const { t } = useTranslation();
  const { desk, sync } = useDesk();
  // Enrolment names the centre: re-render when the sync's mode changes, and only then (every
  // sync round and pending count would otherwise re-render the bar; the status bar shows those).
  const mode$ = useMemo(
    () =>
      sync.status$.pipe(
        map((s) => s.mode),
        distinctUntilChanged(),
      ),
    [sync],
  );
  useObservable(mode$, null);
  return (
    <header className="topbar">
      <h1>{t('app.title')}</h1>
      <span className="centre">{desk.settings.centreName ?? ''}</span>
      <span className="spacer" />
      {staff && (
        <span className="who">
          {staff.name} · {t(`role.${staff.role}`)}
          <button type="button" className="switch" onClick={onLock}>
            {t('lock.switch')}
          </button>
        </span>
      )}
      <LanguageButton setLanguage={setLanguage} />
    </header>
  );
}
