/**
 * Request and response shapes of the district dashboard's API (`/api/district/*`, docs/API.md).
 * Dates travel as ISO 8601 strings; figures are plain counts.
 */
import type { ApiErrorCode } from '../../shared/sync/protocol';

export const DISTRICT_ROLES = ['admin', 'viewer'] as const;
/** `admin` changes things (codes, devices); `viewer` only looks. */
export type DistrictRole = (typeof DISTRICT_ROLES)[number];

export function isDistrictRole(value: unknown): value is DistrictRole {
  return typeof value === 'string' && (DISTRICT_ROLES as readonly string[]).includes(value);
}

/** The sync API's codes plus the dashboard's own. */
export type DistrictErrorCode =
  | ApiErrorCode
  /** Wrong login name or password (the same answer for both). */
  | 'login_failed'
  /** No session cookie, or one the server does not know (logged out). */
  | 'not_logged_in'
  /** The session timed out (idle or absolute): log in again. */
  | 'session_expired'
  /** Logged in, but the role may not do this. */
  | 'forbidden';

export interface DistrictApiError {
  error: { code: DistrictErrorCode; message: string };
}

/** `POST /api/district/login` */
export interface LoginRequest {
  login: string;
  password: string;
}

/** `POST /api/district/login` and `GET /api/district/me` */
export interface SessionInfo {
  user: DistrictUserInfo;
  /** When the session ends if not used before (idle timeout), and at the latest. */
  idleExpiresAt: string;
  expiresAt: string;
}

export interface DistrictUserInfo {
  id: string;
  login: string;
  displayName: string;
  role: DistrictRole;
}

/** `POST /api/district/centres/:id/enrolment-codes` */
export interface IssueCodeRequest {
  /** Hours until the code expires (default 24, at most 720). */
  hours?: number;
}

export interface IssueCodeResponse {
  code: string;
  centreId: string;
  expiresAt: string;
}

/** One device in `GET /api/district/devices` and the answers of rename and revoke. */
export interface DeviceInfo {
  id: string;
  centreId: string;
  centreName: string;
  name: string;
  createdAt: string;
  /** The device's last sync call (to the minute), or null if it never synced. */
  lastSeenAt: string | null;
  revokedAt: string | null;
  revokedReason: string | null;
}

export interface DeviceListResponse {
  devices: DeviceInfo[];
}

/** `PATCH /api/district/devices/:id` */
export interface RenameDeviceRequest {
  name: string;
}

/** `PATCH /api/district/centres/:id` (admins): a whole number from 0 to 1000. */
export interface UpdateCentreRequest {
  childPlaces: number;
}

/** `PATCH /api/district/centres/:id` */
export interface CentreInfo {
  id: string;
  name: string;
  childPlaces: number | null;
}

/** `POST /api/district/devices/:id/revoke` */
export interface RevokeDeviceRequest {
  reason: string;
}

/** `GET /api/district/overview?staleDays=N&day=YYYY-MM-DD` */
export interface OverviewResponse {
  /** The day "today" means (the district's calendar day unless `day` was given). */
  day: string;
  /** The month the month figures cover, from its first day to `day`. */
  month: string;
  staleDays: number;
  centres: CentreOverview[];
}

export interface CentreOverview {
  id: string;
  name: string;
  /** The centre's licensed child places (托位数); null until an admin records it. */
  childPlaces: number | null;
  /** The most recent sync of any of its devices that are not revoked; null if none ever synced. */
  lastSyncAt: string | null;
  /** No device (not revoked) of this centre has synced for `staleDays` days, or ever. */
  stale: boolean;
  devices: OverviewDevice[];
  figures: CentreFigures;
}

export interface OverviewDevice {
  id: string;
  name: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

/**
 * Counts computed from the synced documents; none names or describes a person. "Check-ins" count
 * people, once each per day, not cancelled visits; "attendance days" count (person, day) pairs.
 */
export interface CentreFigures {
  /** Registered members who have not left (nor been erased). */
  members: { elders: number; children: number };
  today: { elders: number; children: number; staff: number; visitors: number };
  month: { elderAttendanceDays: number; childAttendanceDays: number; visitors: number };
}

/** `GET /api/district/actions?limit=N` (admins): the newest first. */
export interface ActionLogResponse {
  actions: ActionLogEntry[];
  /**
   * What the ids in the entries (targets, devices, users, centres and staff in the details) name:
   * the dashboard shows names, never bare ids, wherever the district holds one.
   */
  names: Record<string, string>;
}

export interface ActionLogEntry {
  id: number;
  at: string;
  /** The dashboard user's id; null for the admin CLI. */
  userId: string | null;
  /** The user's login, or `cli:<name>` for the admin CLI. */
  actor: string;
  action: string;
  target: string | null;
  details: Record<string, unknown> | null;
  address: string | null;
}

/** One person in `GET /api/district/centres/:id/people`: nothing sensitive, for anyone. */
export interface PersonSummary {
  id: string;
  kind: 'elder' | 'child';
  name: string;
  gender: 'M' | 'F' | null;
  /** Whole years on the district's today; null without a birth date. */
  age: number | null;
  status: 'active' | 'left';
  /** Elder categories (特困, 低保, 独居 …: shared/schemas/members.ts ELDER_CATEGORIES). */
  categories: string[];
  childClass: string | null;
  subsidyCategory: string | null;
  visitRisk: string | null;
}

/** `GET /api/district/centres/:id/people` */
export interface CentrePeopleResponse {
  centreId: string;
  centreName: string;
  /** The centre's licensed child places (托位数); null until an admin records it. */
  childPlaces: number | null;
  /** Those who consented to sharing with the district (server/district/people.ts). */
  people: PersonSummary[];
  /** The others on the centre's record, counted only: the district holds no more of them. */
  notShared: { elders: number; children: number };
}

export interface PersonContact {
  name: string;
  relation: string;
  phone: string | null;
}

/**
 * `GET /api/district/people/:id`: the sensitive fields are present for admins only; a viewer's
 * answer leaves them out and names them in `withheld`.
 */
export interface PersonRecord extends PersonSummary {
  centreId: string;
  centreName: string;
  abilityLevel: string | null;
  diets: string[];
  /** The sensitive fields the server removed from this answer (empty for an admin). */
  withheld: string[];
  /** Fields the person did not consent to the district holding: in no one's answer. */
  notConsented: string[];
  idNumber?: string | null;
  birthDate?: string | null;
  phone?: string | null;
  healthNotes?: string | null;
  chronicConditions?: string[];
  allergies?: string[];
  note?: string | null;
  guardians?: PersonContact[];
  emergencyContacts?: PersonContact[];
  pickupAdults?: PersonContact[];
}

/** `GET /api/district/published`: what the centres have in force. */
export interface PublishedResponse {
  rules: PublishedDoc | null;
  announcements: PublishedDoc[];
  templates: PublishedDoc[];
}

/** A district document as published (shared/schemas/district.ts DistrictDoc). */
export interface PublishedDoc {
  id: string;
  kind: 'rules' | 'announcement' | 'activityTemplate';
  title: string;
  text?: string;
  publishedAt: string;
  updatedBy: string;
  settings?: Record<string, unknown>;
  shownFrom?: string;
  shownUntil?: string;
  template?: { category: string; minutes: number; capacity?: number };
}

/** `POST /api/district/publish`: `{kind, title, text?, …}` as in server/publish.ts PublishInput. */
export interface PublishResponse {
  published: PublishedDoc;
}

/**
 * `GET /api/district/reports/monthly?month=YYYY-MM[&centre=ID]` (docs/API.md, "Monthly report"):
 * each centre's month and the district's, every figure a count (or an amount in fen, or a rate
 * from 0 to 1) computed from the synced documents. No figure names or describes a person.
 */
export interface MonthlyReportResponse {
  /** 'YYYY-MM', and its first and last calendar days. */
  month: string;
  firstDay: string;
  lastDay: string;
  /**
   * The district's calendar day when the report was made. In the month under way, figures cover
   * the days so far, and a visit not yet overdue is `pending` rather than missed.
   */
  today: string;
  /** The IANA time zone that turns recorded instants (visits, incident closings) into days. */
  timeZone: string;
  /** The centre asked for, or null for the whole district. */
  centreId: string | null;
  rules: ReportRules;
  /** The same figures over every centre in the report (all of them, or the one asked for). */
  district: ReportFigures;
  /** One per centre, by name; centres with nothing recorded have zeros. */
  centres: CentreReport[];
}

/** The daily rules the meal subsidy and the visit duty were worked out by. */
export interface ReportRules {
  /** `district`: the rules the district pushed to the centres; `default`: none (or not usable). */
  source: 'district' | 'default';
  /** Why a pushed rule set was not used (dotted field and problem), empty when it was. */
  problems: string[];
  /** Fen per meal, by subsidy category and meal type. */
  mealSubsidies: Record<string, Partial<Record<ReportMealType, number>>>;
  /**
   * The month's subsidy rates by period: from each day on, the rates then in force (rules take
   * effect from a date; one period when they did not change in the month).
   */
  subsidyPeriods: {
    from: string;
    mealSubsidies: Record<string, Partial<Record<ReportMealType, number>>>;
  }[];
  visitFrequency: Record<ReportRiskLevel, { every: number; unit: 'week' | 'month' }>;
  visitCountedKinds: string[];
}

export type ReportMealType = 'breakfast' | 'lunch' | 'dinner';
export type ReportServingMode = 'dineIn' | 'collected' | 'delivered';
export type ReportRiskLevel = 'high' | 'key' | 'normal';
export type ReportActivityCategory =
  | 'elder'
  | 'child'
  | 'intergenerational'
  | 'healthLecture'
  | 'exercise'
  /** The session's plan has not reached the district (or has no category). */
  | 'unknown';
export type ReportIncidentKind =
  | 'fall'
  | 'choking'
  | 'scald'
  | 'wandering'
  | 'injury'
  | 'medication'
  | 'other'
  /** Recorded without a kind. */
  | 'unrecorded';

export interface CentreReport {
  id: string;
  name: string;
  figures: ReportFigures;
}

export interface ReportFigures {
  attendance: AttendanceFigures;
  meals: MealFigures;
  visits: VisitFigures;
  activities: ActivityFigures;
  childPlaces: ChildPlaceFigures;
  incidents: IncidentFigures;
}

/** Members' check-ins that were not cancelled (staff and visitors only open the day). */
export interface AttendanceFigures {
  /** (member, day) pairs with a check-in: elderDays + childDays (人次). */
  personDays: number;
  elderDays: number;
  childDays: number;
  /** Different people who came at least once. */
  people: number;
  elders: number;
  children: number;
  /** Days with any check-in; for the district, centre-days (a day open at 3 centres is 3). */
  openDays: number;
  /** personDays ÷ openDays, one decimal; null when never open. */
  averagePerOpenDay: number | null;
}

export interface MealCounts {
  /** Every meal served, duplicates included. */
  served: number;
  /** At most one of each meal type per person per day (the earliest served). */
  claimable: number;
  /** Claimable meals whose subsidy category the rules pay for this meal type. */
  subsidised: number;
  /** The subsidy of the subsidised meals, in fen (¥0.01). */
  amountFen: number;
}

export interface MealFigures extends MealCounts {
  /** served − claimable: a second meal of the same type the same day for the same person. */
  duplicates: number;
  /** Claimable meals by how they reached the person. */
  byMode: Record<ReportServingMode, number>;
  byMealType: Record<ReportMealType, MealCounts>;
  /** Every meal type × subsidy category served (category null: served without one). */
  rows: MealRow[];
}

export interface MealRow extends MealCounts {
  mealType: ReportMealType;
  subsidyCategory: string | null;
}

/** The visit list (探访关爱); the definition of `rate` is in shared/rules/visits.ts and docs/API.md. */
export interface VisitCounts {
  /** Elders on the list during the month. */
  listed: number;
  /** Of them, elders who owed a visit in the month. */
  due: number;
  /** Elders who owed a visit and were visited as often as required. */
  completed: number;
  /** Owing, not yet overdue (only in the month under way). */
  pending: number;
  /** due − completed − pending. */
  missed: number;
}

export interface VisitFigures extends VisitCounts {
  /** completed ÷ due, from 0 to 1; null when nobody owed a visit. The target is `target`. */
  rate: number | null;
  /** The national target: 1 (100 %). */
  target: 1;
  /** Contacts recorded in the month (any kind, reached or not). */
  recorded: number;
  /** Of them, those that count as a visit (a counted kind that reached the elder). */
  counted: number;
  byRisk: Record<ReportRiskLevel, VisitCounts>;
}

export interface ActivityCounts {
  /** Sessions (activity × day) at which at least one member was marked present. */
  sessions: number;
  /** (member, session) pairs whose latest mark is present. */
  participations: number;
}

export interface ActivityFigures extends ActivityCounts {
  /** Of the above, the intergenerational (代际) sessions, shown apart. */
  intergenerational: ActivityCounts;
  byCategory: Record<ReportActivityCategory, ActivityCounts>;
}

/**
 * Child-place use (托位使用率): child attendance days over the places the centre could have filled
 * on the days it was open. The places are a centre's `child_places` (PATCH /centres/:id); a centre
 * without them has a null rate and `missing` says so.
 */
export interface ChildPlaceFigures {
  /**
   * The centre's child places; for the district, the sum over the centres that recorded theirs;
   * null: none recorded.
   */
  places: number | null;
  /**
   * childDays ÷ (places × openDays); for the district, the child days of the centres with places ÷
   * the sum of their places × open days. Null without places, or when never open.
   */
  usageRate: number | null;
  childDays: number;
  openDays: number;
  /** The most children present on one day (for the district: the busiest day's sum). */
  peakChildren: number;
  /** childDays ÷ openDays, one decimal; null when never open. */
  averageChildren: number | null;
  /** What is missing for the rate, in words; null once places are known (district: all of them). */
  missing: string | null;
}

export interface IncidentFigures {
  /** Incidents whose day is in the month. */
  count: number;
  byKind: Record<ReportIncidentKind, number>;
  /** Incidents of the month or before that had not been closed by the month's last day. */
  openAtMonthEnd: number;
}
