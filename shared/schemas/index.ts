import { absenceSchemaLiteral, type AbsenceDoc } from './absences';
import { activitySchemaLiteral, type ActivityDoc } from './activities';
import { attendanceSchemaLiteral, type AttendanceDoc } from './attendance';
import { auditLogSchemaLiteral, type AuditLogDoc } from './auditLog';
import { careSchemaLiteral, type CareDoc } from './care';
import { consentSchemaLiteral, type ConsentDoc } from './consents';
import { districtSchemaLiteral, type DistrictDoc } from './district';
import { healthSchemaLiteral, type HealthDoc } from './health';
import {
  healthRecordSchemaLiteral,
  type AssessmentDoc,
  type ChildHealthDoc,
  type HealthRecordDoc,
} from './healthRecords';
import { mealSchemaLiteral, type MealDoc } from './meals';
import { memberSchemaLiteral, type MemberDoc } from './members';
import { staffSchemaLiteral, type StaffDoc } from './staff';
import { visitSchemaLiteral, type VisitDoc } from './visits';

export * from './base';
export * from './bounds';
export type {
  AbsenceDoc,
  ActivityDoc,
  AssessmentDoc,
  AttendanceDoc,
  AuditLogDoc,
  CareDoc,
  ChildHealthDoc,
  ConsentDoc,
  DistrictDoc,
  HealthDoc,
  HealthRecordDoc,
  MealDoc,
  MemberDoc,
  StaffDoc,
  VisitDoc,
};
export { DISTRICT_KINDS, DISTRICT_RULES_ID, type DistrictKind } from './district';

/**
 * Every synced collection. `scope: 'centre'` documents are read and written by the desks of their
 * own centre; `scope: 'district'` documents are written by the district and read by every desk.
 * RxDB allows 13 collections per process: keep this list at 13 or fewer (docs/DESIGN.md). It holds
 * 13: a new kind of record joins a collection of its kind (as `healthRecords` holds ability
 * assessments and children's checks, doses and 体弱儿 records) rather than adding one.
 */
export const COLLECTIONS = {
  members: { schema: memberSchemaLiteral, scope: 'centre' },
  attendance: { schema: attendanceSchemaLiteral, scope: 'centre' },
  auditLog: { schema: auditLogSchemaLiteral, scope: 'centre' },
  staff: { schema: staffSchemaLiteral, scope: 'centre' },
  visits: { schema: visitSchemaLiteral, scope: 'centre' },
  care: { schema: careSchemaLiteral, scope: 'centre' },
  consents: { schema: consentSchemaLiteral, scope: 'centre' },
  absences: { schema: absenceSchemaLiteral, scope: 'centre' },
  health: { schema: healthSchemaLiteral, scope: 'centre' },
  district: { schema: districtSchemaLiteral, scope: 'district' },
  meals: { schema: mealSchemaLiteral, scope: 'centre' },
  activities: { schema: activitySchemaLiteral, scope: 'centre' },
  healthRecords: { schema: healthRecordSchemaLiteral, scope: 'centre' },
} as const;

export type CollectionName = keyof typeof COLLECTIONS;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];

export interface CollectionDocs {
  members: MemberDoc;
  attendance: AttendanceDoc;
  visits: VisitDoc;
  care: CareDoc;
  auditLog: AuditLogDoc;
  staff: StaffDoc;
  consents: ConsentDoc;
  absences: AbsenceDoc;
  health: HealthDoc;
  district: DistrictDoc;
  meals: MealDoc;
  activities: ActivityDoc;
  healthRecords: HealthRecordDoc;
}

export function isCollectionName(value: unknown): value is CollectionName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(COLLECTIONS, value);
}
