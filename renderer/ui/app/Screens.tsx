import type { ReactNode } from 'react';
import { can, type Permission } from '../../../shared/roles';
import type { StaffRole } from '../../../shared/schemas/staff';
import { AbsenceScreen } from '../absences/AbsenceScreen';
import { AuditScreen } from '../admin/AuditScreen';
import { SettingsScreen } from '../admin/SettingsScreen';
import { CareScreen } from '../care/CareScreen';
import { CheckInScreen } from '../check-in/CheckInScreen';
import { GrowthScreen } from '../growth/GrowthScreen';
import { HomeScreen } from '../home/HomeScreen';
import { MealsScreen } from '../meals/MealsScreen';
import { PaperScreen } from '../paper/PaperScreen';
import { ImportScreen } from '../people/ImportScreen';
import { openPersonNext } from '../people/openPerson';
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
  | 'growth'
  | 'people'
  | 'register'
  | 'import'
  | 'staff'
  | 'audit'
  | 'settings'
  | 'schedule'
  | 'paper';

export type ScreenGroup = 'day' | 'people' | 'admin';

/**
 * Each screen, what it needs (a role without it does not see the tab), its group in the side
 * bar (the day's work, people, and the centre's administration), and what it shows.
 */
const SCREENS: {
  screen: Screen;
  needs: Permission;
  group: ScreenGroup;
  view(goTo: (screen: Screen) => void): ReactNode;
}[] = [
  { screen: 'home', needs: 'checkIn', group: 'day', view: (goTo) => <HomeScreen goTo={goTo} /> },
  { screen: 'checkIn', needs: 'checkIn', group: 'day', view: () => <CheckInScreen /> },
  { screen: 'absences', needs: 'recordAbsence', group: 'day', view: () => <AbsenceScreen /> },
  { screen: 'meals', needs: 'serveMeals', group: 'day', view: () => <MealsScreen /> },
  { screen: 'schedule', needs: 'logActivities', group: 'day', view: () => <ScheduleScreen /> },
  { screen: 'visits', needs: 'recordVisits', group: 'day', view: () => <VisitsScreen /> },
  { screen: 'care', needs: 'viewHealth', group: 'day', view: () => <CareScreen /> },
  { screen: 'growth', needs: 'viewHealth', group: 'day', view: () => <GrowthScreen /> },
  // The paper fallback (issue 19 part 2): entering a past day is a correction of the record.
  { screen: 'paper', needs: 'correctRecords', group: 'day', view: () => <PaperScreen /> },
  { screen: 'people', needs: 'register', group: 'people', view: () => <PeopleScreen /> },
  {
    screen: 'register',
    needs: 'register',
    group: 'people',
    view: (goTo) => (
      <RegisterScreen
        onRegistered={() => goTo('checkIn')}
        onOpenPerson={(id) => {
          openPersonNext(id);
          goTo('people');
        }}
      />
    ),
  },
  { screen: 'import', needs: 'importPeople', group: 'people', view: () => <ImportScreen /> },
  { screen: 'staff', needs: 'manageStaff', group: 'admin', view: () => <StaffScreen /> },
  { screen: 'audit', needs: 'viewAudit', group: 'admin', view: () => <AuditScreen /> },
  { screen: 'settings', needs: 'manageStaff', group: 'admin', view: () => <SettingsScreen /> },
];

/** The screens a role may open, in side-bar order. */
export const screensFor = (role: StaffRole) =>
  SCREENS.filter((s) => can(role, s.needs)).map((s) => s.screen);

export const groupOf = (screen: Screen) => SCREENS.find((s) => s.screen === screen)?.group;

/** The screen open now; `goTo` opens another (the home screen's cards, a saved registration). */
export function ScreenView({ shown, goTo }: { shown: Screen; goTo(screen: Screen): void }) {
  return SCREENS.find((s) => s.screen === shown)?.view(goTo) ?? null;
}
