/**
 * Request and response shapes of the district dashboard's API (`/api/district/*`, docs/API.md).
 * Dates travel as ISO 8601 strings; figures are plain counts.
 */
import type { GrowthStandard, GrowthStatus } from '../../shared/rules/growth/evaluate';
import type { AbilityLevel } from '../../shared/schemas/members';
import type { ApiErrorCode } from '../../shared/sync/protocol';
import type { Department } from '../../shared/rules/departments';
import type { Symptom } from '../../shared/schemas/absences';

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
  /** The department whose remit the account sees (shared/rules/departments.ts); null: all. */
  department: Department | null;
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
  /** The last sync packet imported from it (sync packets), or null. */
  lastPacketAt: string | null;
  /** The desk's own count of changes still waiting, as its newest packet said. */
  packetPending: number | null;
  /** It registered its packet keys: the district can read its packets and write it one. */
  packetReady: boolean;
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
  /** The township (街道/乡镇) the outbreak rule counts the centre under; null: not recorded. */
  township: string | null;
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
  /** Outbreaks raised and reports made in the month (server/district/outbreaks.ts). */
  outbreaks: OutbreakMonth;
  /** Ability assessments done and due, staff certificates expired or missing (assessmentReport.ts). */
  assessments: AssessmentReport;
  /** Children's growth statuses, checks and vaccinations due or missing (growthReport.ts). */
  growth: GrowthReport;
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
  /** Records entered later from the paper emergency sheet (补录; server/district/paperReport.ts). */
  paper: PaperFigures;
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

/** 补录 (issue 19 part 2): the month's records entered later from the paper emergency sheet. */
export interface PaperFigures {
  /** Members', staff's and visitors' visits entered from paper, not cancelled. */
  visits: number;
  /** Meals served entered from paper. */
  meals: number;
  /** Health checks (the morning check) entered from paper. */
  healthChecks: number;
  /** Days with anything entered from paper; for the district, centre-days. */
  days: number;
}

/** `POST /api/district/packets` (admins): a desk's sync packet, the file's text. */
export interface ImportPacketRequest {
  packet: string;
}

/** What importing a desk's packet did. */
export interface ImportPacketResponse {
  packetId: string;
  deviceId: string;
  centreId: string;
  sequence: number;
  documents: number;
  conflicts: number;
}

/** `POST /api/district/devices/:id/return-packet` (admins): the return packet for that desk. */
export interface ReturnPacketResponse {
  fileName: string;
  packet: string;
  documents: number;
}

// ---- Outbreaks across centres (issue 17, part 4; server/district/outbreaks.ts) ----

/** A cluster the district rule found (shared/rules/districtOutbreak.ts), with its report duty. */
export interface OutbreakCluster {
  key: string;
  scope: 'township' | 'district';
  township: string | null;
  symptom: Symptom;
  threshold: number;
  cases: number;
  since: string;
  firstOnset: string;
  /** When the district received the case that reached the threshold. */
  raisedAt: string;
  /** raisedAt + 24 h: when the report to the disease-control centre is due. */
  dueAt: string;
  fromAbsences: number;
  fromChecks: number;
  centres: { centreId: string; name: string; township: string | null; cases: number }[];
  trend: { day: string; cases: number }[];
  /** The reports sent for it (the action log's `outbreak.report`), oldest first. */
  reports: { at: string; by: string }[];
}

/** `GET /api/district/outbreaks` */
export interface OutbreaksResponse {
  today: string;
  rules: { windowDays: number; township: number; district: number; symptoms: Symptom[] };
  clusters: OutbreakCluster[];
  /** Every centre with its township, for the district to record the ones missing. */
  centres: { id: string; name: string; township: string | null }[];
}

/** `GET /api/district/outbreaks/report?cluster=` */
export interface OutbreakReportDraft {
  cluster: OutbreakCluster;
  /** Children on the books of the cluster's centres (涉及人数). */
  children: number;
}

/**
 * The 突发公共卫生事件 report's fields, as the form sends them (all text, checked on the server:
 * server/district/outbreaks.ts `parseReportFields`).
 */
export interface OutbreakReportFields {
  /** 报告单位 */
  reportingUnit: string;
  /** 事件名称 */
  eventName: string;
  /** 事件类别 (传染病, 食物中毒, …) */
  category: string;
  /** 发生地点 */
  place: string;
  /** 首例发病时间 (YYYY-MM-DD) */
  firstOnset: string;
  /** 发病人数 */
  cases: string;
  /** 涉及人数 */
  involved: string;
  /** 死亡人数 */
  deaths: string;
  /** 主要症状 */
  symptoms: string;
  /** 已采取措施 */
  measures: string;
  /** 报告人 */
  reporter: string;
  /** 联系电话 */
  phone: string;
  /** 报告时间 (YYYY-MM-DD HH:mm) */
  reportedAt: string;
}

/** `POST /api/district/outbreaks/report` and `…/report.xlsx` */
export interface OutbreakReportRequest {
  cluster: string;
  fields: OutbreakReportFields;
  /** The sheet's language (xlsx only): zh (default) or en. */
  lang?: 'zh' | 'en';
}

/** `POST /api/district/outbreaks/report` */
export interface OutbreakReportSent {
  cluster: string;
  at: string;
}

/** The monthly report's outbreak lines (issue 17, part 5). */
export interface OutbreakMonth {
  /** Clusters found on a day of the month. */
  raised: number;
  /** Of them, those a report was sent for. */
  reported: number;
  clusters: {
    key: string;
    scope: 'township' | 'district';
    township: string | null;
    symptom: Symptom;
    cases: number;
    centres: number;
    raisedAt: string;
    reportedAt: string | null;
  }[];
}

/** The monthly report's lines on ability assessments and staff certificates (assessmentReport.ts). */
export interface AssessmentFigures {
  /** Assessments made in the month, corrections included; and of them corrections. */
  done: number;
  corrections: number;
  /** Elders in care at the month's end by the level of their latest assessment. */
  byLevel: Record<AbilityLevel, number>;
  /** Elders in care never assessed to the standard by the month's end. */
  notAssessed: number;
  /** Elders in care whose reassessment falls due within the month. */
  dueInMonth: number;
  /** Elders in care whose reassessment was overdue at the month's end (or today, if earlier). */
  overdue: number;
  /** Active staff with a certificate that had expired by then, and lacking one their role needs. */
  certificatesExpired: number;
  certificatesMissing: number;
}

export interface AssessmentReport {
  district: AssessmentFigures;
  centres: Record<string, AssessmentFigures>;
}

/** One centre's (or the district's) children's growth, checks and vaccinations. */
export interface GrowthFigures {
  /** Children in care at the month's end. */
  children: number;
  /** Of them, shared with the district as counts only: checks and doses not worked out. */
  notShared: number;
  /** Of the shared, children with no measurement (height or weight) the district holds. */
  notMeasured: number;
  /** Children by the statuses of their latest measurement up to the month's end (one child may have two). */
  byStatus: Record<GrowthStatus, number>;
  /** Measured children with none of the statuses. */
  normal: number;
  /** Measured children whose latest statuses call for the 体弱儿 list. */
  needingAttention: number;
  /** Children on the 体弱儿 list at the month's end. */
  onAttentionList: number;
  /** Children with a scheduled check falling due within the month, not done. */
  checksDueInMonth: number;
  /** Children whose latest check reached (by the month's end, or today) is overdue. */
  checksOverdue: number;
  /** Children with a dose due (its age reached, not yet a month past). */
  vaccinationsDue: number;
  /** Children with at least one dose missing (its age passed by a month): for catch-up. */
  vaccinationsMissing: number;
  /** All the doses missing, summed. */
  dosesMissing: number;
}

export interface GrowthReport {
  standard: GrowthStandard;
  district: GrowthFigures;
  centres: Record<string, GrowthFigures>;
}
