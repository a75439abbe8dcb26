import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffDoc } from '../../../shared/schemas';
import { staff$ } from '../../data/people';
import { SettingsScreen } from '../admin/SettingsScreen';
import { useObservable } from '../kit/hooks';
import { useDesk } from './DeskContext';
import { FirstManager } from './FirstManager';
import { PinLogin } from './PinLogin';

/**
 * Who is at the desk. The first start sets up the centre's manager; after that each person picks
 * their name (or scans their staff card) and types their PIN. The desk locks itself when idle.
 */
export function LockScreen({ onLoggedIn }: { onLoggedIn(staff: StaffDoc): void }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const staff = useObservable<StaffDoc[] | null>(
    useMemo(() => staff$(desk, 'active'), [desk]),
    null,
  );
  if (!staff) return null;
  return staff.length === 0 ? (
    <>
      <FirstManager onLoggedIn={onLoggedIn} />
      <details className="lock another-desk">
        <summary>{t('lock.anotherDesk')}</summary>
        <SettingsScreen />
      </details>
    </>
  ) : (
    <PinLogin staff={staff} onLoggedIn={onLoggedIn} />
  );
}
