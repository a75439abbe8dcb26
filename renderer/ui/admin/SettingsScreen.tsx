import { useTranslation } from 'react-i18next';
import { can } from '../../../shared/roles';
import { useDesk } from '../app/DeskContext';
import { BackupPanel } from './BackupPanel';
import { DailyRulesView } from './DailyRulesView';
import { EnrolPanel } from './EnrolPanel';
import { PacketPanel } from './PacketPanel';
import { RulesPanel } from './RulesPanel';

/**
 * This desk's settings: enrolment with the district for anyone setting the desk up (it is also
 * offered on a new desk's first screen); backups and the centre's rules for the manager.
 */
export function SettingsScreen() {
  const { t } = useTranslation();
  const { desk, platform } = useDesk();
  const manager = can(desk.session?.staff.role, 'manageStaff');
  return (
    <div className="settings">
      <h2>{t('settings.title')}</h2>
      {platform.secretsAreDevelopmentOnly && (
        <p className="notice warn" role="note">
          {t('settings.devOnlySecret')}
        </p>
      )}
      <EnrolPanel />
      {manager && (
        <>
          <BackupPanel />
          {desk.settings.deviceId && <PacketPanel />}
          <RulesPanel />
          <DailyRulesView />
        </>
      )}
    </div>
  );
}
