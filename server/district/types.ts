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
  people: PersonSummary[];
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
