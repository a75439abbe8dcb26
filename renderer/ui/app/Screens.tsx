import { can, type Permission } from '../../../shared/roles';
import type { StaffRole } from '../../../shared/schemas/staff';
import { AbsenceScreen } from '../absences/AbsenceScreen';
import { AuditScreen } from '../admin/AuditScreen';
import { SettingsScreen } from '../admin/SettingsScreen';
import { CareScreen } from '../care/CareScreen';
import { CheckInScreen } from '../check-in/CheckInScreen';
import { HomeScreen } from '../home/HomeScreen';
import { MealsScreen } from '../meals/MealsScreen';
import { ImportScreen } from '../people/ImportScreen';
import { PeopleScreen } from '../people/PeopleScreen';
import { RegisterScreen } from '../people/RegisterScreen';
import { ScheduleScreen } from '../schedule/ScheduleScreen';
import { StaffScreen } from '../staff/StaffScreen';
import { VisitsScreen } from '../visits/VisitsScreen';

export type Screen =
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

export type ScreenGroup = 'day' | 'people' | 'admin';

/**
 * Each screen, what it needs (a role without it does not see the tab), and its group in the side
 * bar: the day's work, people, and the centre's administration.
 */
const SCREENS: { screen: Screen; needs: Permission; group: ScreenGroup }[] = [
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

/** The screens a role may open, in side-bar order. */
export const screensFor = (role: StaffRole) =>
  SCREENS.filter((s) => can(role, s.needs)).map((s) => s.screen);

export const groupOf = (screen: Screen) => SCREENS.find((s) => s.screen === screen)?.group;

/** The screen open now; `goTo` opens another (the home screen's cards, a saved registration). */
export function ScreenView({ shown, goTo }: { shown: Screen; goTo(screen: Screen): void }) {
  switch (shown) {
    case 'home':
      return <HomeScreen goTo={goTo} />;
    case 'checkIn':
      return <CheckInScreen />;
    case 'absences':
      return <AbsenceScreen />;
    case 'meals':
      return <MealsScreen />;
    case 'schedule':
      return <ScheduleScreen />;
    case 'visits':
      return <VisitsScreen />;
    case 'care':
      return <CareScreen />;
    case 'people':
      return <PeopleScreen />;
    case 'register':
      return <RegisterScreen onRegistered={() => goTo('checkIn')} />;
    case 'import':
      return <ImportScreen />;
    case 'staff':
      return <StaffScreen />;
    case 'audit':
      return <AuditScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}
