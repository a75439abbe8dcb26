/**
 * Reads `POST /api/district/publish`'s body into a `PublishInput`, trusting nothing: every field
 * is checked for its type and range, and the first mistake is answered `400` with the field's
 * dotted path (`settings.ratioLimits.infant`, `template.minutes`…) so the dashboard can show the
 * error beside the field that caused it.
 */
import { ACTIVITY_CATEGORIES } from '../../shared/rules/schedule';
import { SYMPTOMS } from '../../shared/schemas/absences';
import { ABILITY_LEVELS, CHILD_CLASSES, RISK_LEVELS } from '../../shared/schemas/members';
import { DISTRICT_KINDS, type DistrictKind } from '../../shared/schemas';
import {
  MEAL_TYPES,
  validateDailyRules,
  withDailyDefaults,
  type DailyRules,
} from '../../shared/rules/dailySettings';
import { mergeRules, SCAN_AGAIN, validateRules, VITAL_RANGES } from '../../shared/rules/settings';
import { HttpError } from '../errors';
import type { PublishedSettings, PublishInput } from '../publish';
import { isCalendarDay } from './overview';

export const MAX_TITLE = 100;
export const MAX_TEXT = 2000;

/** A 400 that names the field at fault; the body carries it as `error.field`. */
export class FieldError extends HttpError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(400, 'bad_request', `${field}: ${message}`);
  }
  protected override details(): Record<string, unknown> {
    return { field: this.field };
  }
}

type Shape = 'number' | 'string' | 'strings' | { [key: string]: Shape } | { map: Shape };

const numbersOf = (keys: readonly string[]): Shape =>
  Object.fromEntries(keys.map((k) => [k, 'number' as const]));

/** The shape of what a rules document may carry (CentreRules and, under `daily`, DailyRules). */
const SETTINGS_SHAPE: Shape = {
  ratioLimits: numbersOf(CHILD_CLASSES),
  childrenExpectedBy: 'string',
  closingTime: 'string',
  outbreak: { symptoms: 'strings', sameDay: 'number', windowDays: 'number', inWindow: 'number' },
  clusters: { windowDays: 'number', township: 'number', district: 'number' },
  feverFrom: 'number',
  vitals: numbersOf(Object.keys(VITAL_RANGES)),
  pinMaxFailures: 'number',
  pinLockMinutes: 'number',
  idleLockMinutes: 'number',
  certificateWarnDays: 'number',
  scanAgain: 'string',
  assessment: {
    everyMonths: 'number',
    afterChangeMonths: 'number',
    warnDays: 'number',
    visitRisk: Object.fromEntries(ABILITY_LEVELS.map((l) => [l, 'string' as const])),
    subsidyCategory: Object.fromEntries(ABILITY_LEVELS.map((l) => [l, 'string' as const])),
  },
  daily: {
    visits: {
      frequency: Object.fromEntries(
        RISK_LEVELS.map((r) => [r, { every: 'number', unit: 'string' } as Shape]),
      ),
      afterIncidentHours: numbersOf(RISK_LEVELS),
      countedKinds: 'strings',
    },
    mealSubsidies: { map: numbersOf(MEAL_TYPES) },
    foodSample: { minGrams: 'number', keepHours: 'number' },
  },
};

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Types only (ranges come after, from the rules' own checks); unknown names are refused. */
function checkShape(value: unknown, shape: Shape, path: string): void {
  if (shape === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new FieldError(path, 'must be a number');
    return;
  }
  if (shape === 'string') {
    if (typeof value !== 'string' || value.length > 20)
      throw new FieldError(path, 'must be text (at most 20 characters)');
    return;
  }
  if (shape === 'strings') {
    if (!Array.isArray(value) || value.length > 20 || value.some((v) => typeof v !== 'string'))
      throw new FieldError(path, 'must be a list of names');
    return;
  }
  if (!isObject(value)) throw new FieldError(path, 'must be an object');
  const entries = Object.entries(value);
  if ('map' in shape) {
    if (entries.length > 50) throw new FieldError(path, 'has more than 50 entries');
    for (const [key, inner] of entries) {
      if (!/^[A-Za-z0-9_-]{1,40}$/.test(key))
        throw new FieldError(
          `${path}.${key}`,
          'a code is 1 to 40 letters, digits, - or _ (e.g. age70)',
        );
      checkShape(inner, shape.map as Shape, `${path}.${key}`);
    }
    return;
  }
  for (const [key, inner] of entries) {
    const innerShape = (shape as Record<string, Shape>)[key];
    if (!innerShape || !Object.hasOwn(shape, key)) {
      throw new FieldError(
        path ? `${path}.${key}` : key,
        `is not a setting; known: ${Object.keys(shape).join(', ')}`,
      );
    }
    checkShape(inner, innerShape, `${path}.${key}`);
  }
}

function rangeMessage(problem: string, min?: number, max?: number): string {
  if (problem === 'timeFormat') return 'must be a time written HH:mm (e.g. 17:30)';
  if (problem === 'unknown') return 'is not one of the allowed values';
  if (problem === 'empty') return 'must not be empty';
  const range = min !== undefined ? ` from ${min} to ${max}` : '';
  return problem === 'wholeNumber' ? `must be a whole number${range}` : `must be${range}`;
}

function checkSettings(raw: unknown): PublishedSettings {
  if (!isObject(raw) || Object.keys(raw).length === 0) {
    throw new FieldError('settings', 'rules need at least one setting, e.g. {"feverFrom": 37.5}');
  }
  checkShape(raw, SETTINGS_SHAPE, 'settings');
  const settings = raw as PublishedSettings;
  const { daily, ...centre } = settings;
  for (const symptom of centre.outbreak?.symptoms ?? []) {
    if (!(SYMPTOMS as readonly string[]).includes(symptom))
      throw new FieldError(
        'settings.outbreak.symptoms',
        `"${symptom.slice(0, 20)}" is not one of ${SYMPTOMS.join(', ')}`,
      );
  }
  const checked = validateRules(mergeRules(undefined, centre));
  if (!checked.ok) {
    const e = checked.errors[0]!;
    throw new FieldError(
      `settings.${e.field}`,
      e.field === 'scanAgain'
        ? `must be one of ${SCAN_AGAIN.join(', ')}`
        : rangeMessage(e.problem, e.min, e.max),
    );
  }
  if (daily !== undefined) {
    const checkedDaily = validateDailyRules(withDailyDefaults(daily as Partial<DailyRules>));
    if (!checkedDaily.ok) {
      const e = checkedDaily.errors[0]!;
      throw new FieldError(`settings.daily.${e.field}`, rangeMessage(e.problem, e.min, e.max));
    }
  }
  return settings;
}

function text(body: Record<string, unknown>, field: string, max: number, required: boolean) {
  const value = body[field];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || (required && !value.trim()) || value.trim().length > max) {
    throw new FieldError(field, `must be text of ${required ? 1 : 0} to ${max} characters`);
  }
  return value.trim();
}

function day(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !isCalendarDay(value))
    throw new FieldError(field, 'must be a date written YYYY-MM-DD');
  return value;
}

function wholeIn(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw new FieldError(field, `must be a whole number from ${min} to ${max}`);
  return value;
}

const FIELDS: Record<DistrictKind, string[]> = {
  rules: ['kind', 'title', 'text', 'settings', 'effectiveFrom'],
  announcement: ['kind', 'title', 'text', 'shownFrom', 'shownUntil'],
  activityTemplate: ['kind', 'title', 'text', 'template'],
};

export function parsePublishRequest(body: unknown): PublishInput {
  if (!isObject(body)) {
    throw new HttpError(400, 'bad_request', 'publish takes a JSON object {kind, title, …}');
  }
  const kind = body.kind;
  if (typeof kind !== 'string' || !(DISTRICT_KINDS as readonly string[]).includes(kind)) {
    throw new FieldError('kind', `must be one of ${DISTRICT_KINDS.join(', ')}`);
  }
  const k = kind as DistrictKind;
  for (const key of Object.keys(body)) {
    if (!FIELDS[k].includes(key))
      throw new FieldError(key, `is not part of a ${k}: send ${FIELDS[k].join(', ')}`);
  }
  const title = text(body, 'title', MAX_TITLE, true)!;
  const input: PublishInput = { kind: k, title };
  const t = text(body, 'text', MAX_TEXT, false);
  if (t) input.text = t;
  if (k === 'rules') {
    input.settings = checkSettings(body.settings);
    const from = day(body, 'effectiveFrom');
    if (from) input.effectiveFrom = from;
  }
  if (k === 'announcement') {
    const from = day(body, 'shownFrom');
    const until = day(body, 'shownUntil');
    if (from && until && until < from)
      throw new FieldError('shownUntil', `must be on or after shownFrom (${from})`);
    if (from) input.shownFrom = from;
    if (until) input.shownUntil = until;
  }
  if (k === 'activityTemplate') {
    const raw = body.template;
    if (!isObject(raw)) throw new FieldError('template', 'must be {category, minutes, capacity?}');
    for (const key of Object.keys(raw)) {
      if (!['category', 'minutes', 'capacity'].includes(key))
        throw new FieldError(`template.${key}`, 'is not part of a template');
    }
    const category = raw.category;
    if (
      typeof category !== 'string' ||
      !(ACTIVITY_CATEGORIES as readonly string[]).includes(category)
    )
      throw new FieldError('template.category', `must be one of ${ACTIVITY_CATEGORIES.join(', ')}`);
    input.template = {
      category,
      minutes: wholeIn(raw.minutes, 'template.minutes', 5, 600),
      ...(raw.capacity !== undefined && raw.capacity !== null
        ? { capacity: wholeIn(raw.capacity, 'template.capacity', 1, 500) }
        : {}),
    };
  }
  return input;
}
