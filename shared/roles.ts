import type { StaffRole } from './schemas/staff';

/**
 * What each role may see and do at the desk (least privilege). The UI hides what a role may not
 * use, and the data layer refuses it, so a hidden button is never the only guard.
 */
export const PERMISSIONS = [
  'checkIn', // check people in and out, see who is in
  'register', // register people, edit their ordinary fields
  'viewSensitive', // see ID numbers, guardians' phones
  'viewHealth', // see and record health checks, health notes, illness absences
  'recordAbsence', // record absence reasons
  'approveOverride', // allow a pick-up by someone not on the list, with a reason
  'correctRecords', // correct visit times, erase a person
  'manageStaff', // add staff, set roles, reset PINs
  'viewAudit', // browse and export the audit log
  'importPeople', // import people from a spreadsheet
  'serveMeals', // record reservations, meals served, deliveries and food samples
  'planMenus', // set the day's menu
  'mealClaims', // see the monthly meal subsidy claim
  'planActivities', // plan, change and cancel activities on the timetable, adopt templates
  'logActivities', // log a session's attendance and notes
  'recordVisits', // keep the visit list and record home visits and calls (探访关爱)
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  reception: ['checkIn', 'register', 'recordAbsence', 'serveMeals', 'logActivities'],
  caregiver: ['checkIn', 'recordAbsence', 'serveMeals', 'logActivities', 'recordVisits'],
  healthWorker: [
    'checkIn',
    'viewHealth',
    'recordAbsence',
    'viewSensitive',
    'logActivities',
    'recordVisits',
  ],
  manager: PERMISSIONS,
};

export function can(role: StaffRole | undefined, permission: Permission): boolean {
  return !!role && ROLE_PERMISSIONS[role].includes(permission);
}

export function permissionsOf(role: StaffRole): readonly Permission[] {
  return ROLE_PERMISSIONS[role];
}
