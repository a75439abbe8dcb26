import { addDays } from 'date-fns';
import { combineLatest, map, type Observable } from 'rxjs';
import { followUps, vitalFlag, type FollowUp, type VitalFlag } from '../../shared/rules/alerts';
import { newId } from '../../shared/ids';
import type { CareDoc } from '../../shared/schemas';
import { localDay } from '../../shared/time';
import {
  CareInputError,
  checkFollowUpNote,
  MEASURED_KIND,
  checkIncident,
  checkMeasurement,
  type IncidentInput,
  type MeasurementInput,
} from '../../shared/validation/care';
import { audit } from './audit';
import type { Desk } from './desk';
import { rules$ } from './rules';
import { requirePermission } from './staff';

/*
 * Light health records and incidents (shared/schemas/care.ts). Everything here needs the health
 * permission ('viewHealth'), checked here and not only by the hidden tab; each opening of a
 * person's health record and each change is written to the audit log (field names, never values).
 */

/** A new health document's base: id, centre, when, the desk's clock, who recorded it. */
export const stamp = (desk: Desk, at: Date, by: string) => ({
  id: newId(),
  centreId: desk.settings.centreId,
  createdAt: at.toISOString(),
  updatedAt: desk.clock.tick(),
  updatedBy: desk.actor(),
  by,
});

/** A measurement kept to one decimal, as the forms show it. */
export const oneDecimal = (n: number | undefined) =>
  n === undefined ? undefined : Math.round(n * 10) / 10;
const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;

/**
 * Records a blood pressure, a blood sugar or a child's height and weight. Out-of-range or missing
 * values throw a `CareInputError` naming the field (with the range), and nothing is stored; so does
 * a measurement of the wrong kind of person (blood pressure of a toddler).
 */
export async function recordMeasurement(
  desk: Desk,
  input: MeasurementInput & { memberId: string; at?: Date; note?: string },
  now = new Date(),
): Promise<CareDoc> {
  const staff = requirePermission(desk, 'viewHealth');
  const at = input.at ?? now;
  const errors = checkMeasurement({ ...input, at }, now);
  const member = await desk.db.members.findOne(input.memberId).exec();
  if (!member || member.kind !== MEASURED_KIND[input.kind])
    errors.unshift({ field: 'memberId', problem: 'unknownValue' });
  if (errors.length) throw new CareInputError(errors);
  const values = defined({
    systolic: input.kind === 'bloodPressure' ? input.systolic : undefined,
    diastolic: input.kind === 'bloodPressure' ? input.diastolic : undefined,
    pulse: input.kind === 'bloodPressure' ? input.pulse : undefined,
    sugar: input.kind === 'bloodSugar' ? oneDecimal(input.sugar) : undefined,
    sugarTiming: input.kind === 'bloodSugar' ? input.sugarTiming : undefined,
    heightCm: input.kind === 'heightWeight' ? oneDecimal(input.heightCm) : undefined,
    weightKg: input.kind === 'heightWeight' ? oneDecimal(input.weightKg) : undefined,
    note: input.note?.trim(),
  });
  const doc: CareDoc = {
    ...stamp(desk, now, staff.id),
    kind: input.kind,
    memberId: input.memberId,
    day: localDay(at),
    at: at.toISOString(),
    ...values,
  };
  await desk.db.care.insert(doc);
  await audit(desk, {
    action: 'sensitive.change',
    subjectCollection: 'care',
    subjectId: doc.id,
    fields: Object.keys(values),
  });
  return doc;
}

/** Records an incident (a fall, choking…): what happened and what was done at once. */
export async function recordIncident(
  desk: Desk,
  input: IncidentInput,
  now = new Date(),
): Promise<CareDoc> {
  const staff = requirePermission(desk, 'viewHealth');
  const errors = checkIncident(input, now);
  const member = await desk.db.members.findOne(input.memberId).exec();
  if (!member) errors.unshift({ field: 'memberId', problem: 'unknownValue' });
  if (errors.length) throw new CareInputError(errors);
  const doc: CareDoc = {
    ...stamp(desk, now, staff.id),
    kind: 'incident',
    memberId: input.memberId,
    day: localDay(input.at),
    at: input.at.toISOString(),
    incidentKind: input.incidentKind,
    happened: input.happened.trim(),
    actionTaken: input.actionTaken.trim(),
    followUps: [],
  };
  await desk.db.care.insert(doc);
  await audit(desk, {
    action: 'sensitive.change',
    subjectCollection: 'care',
    subjectId: doc.id,
    fields: ['incidentKind', 'happened', 'actionTaken'],
  });
  return doc;
}

/**
 * A follow-up of an open incident (a call to the family, the doctor's check the next day); with
 * `close`, the last one, which ends the follow-up. A closed incident takes no more.
 */
export async function followUpIncident(
  desk: Desk,
  incidentId: string,
  note: string,
  options: { close?: boolean } = {},
  now = new Date(),
): Promise<CareDoc> {
  const staff = requirePermission(desk, 'viewHealth');
  const noteErrors = checkFollowUpNote(note);
  if (noteErrors.length) throw new CareInputError(noteErrors);
  const doc = await desk.db.care.findOne(incidentId).exec();
  if (!doc || doc.kind !== 'incident') throw new Error(`No incident with id ${incidentId}`);
  if (doc.closedAt) throw new Error('incidentClosed');
  const updated = await doc.incrementalPatch({
    followUps: [
      ...(doc.followUps ?? []),
      { at: now.toISOString(), by: staff.id, note: note.trim() },
    ],
    ...(options.close ? { closedAt: now.toISOString(), closedBy: staff.id } : {}),
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
  });
  await audit(desk, {
    action: 'sensitive.change',
    subjectCollection: 'care',
    subjectId: doc.id,
    fields: options.close ? ['followUps', 'closedAt'] : ['followUps'],
  });
  return updated.toMutableJSON();
}

/** A person's measurements and incidents, oldest first. */
export interface CareRecord {
  measurements: CareDoc[];
  incidents: CareDoc[];
}

/**
 * Opens a person's health record: checks the permission, logs the view in the audit log (who,
 * whose, which kinds of data), then gives the record as it changes. Every opening is one entry.
 */
export async function openCareRecord(
  desk: Desk,
  memberId: string,
  at = new Date(),
): Promise<Observable<CareRecord>> {
  requirePermission(desk, 'viewHealth');
  await audit(
    desk,
    {
      action: 'sensitive.view',
      subjectCollection: 'care',
      subjectId: memberId,
      fields: ['measurements', 'incidents'],
    },
    at,
  );
  return desk.db.care.find({ selector: { memberId } }).$.pipe(
    map((docs) => {
      const all = docs.map((d) => d.toMutableJSON()).sort((a, b) => a.at.localeCompare(b.at));
      return {
        measurements: all.filter((d) => d.kind !== 'incident'),
        incidents: all.filter((d) => d.kind === 'incident'),
      };
    }),
  );
}

/**
 * Open incidents of the centre, oldest first, for the follow-up list. Needs the health permission;
 * the list shows whose incident and its kind, and opening one is a view of that person's record.
 */
export function openIncidents$(desk: Desk): Observable<CareDoc[]> {
  requirePermission(desk, 'viewHealth');
  return desk.db.care.find({ selector: { kind: 'incident' } }).$.pipe(
    map((docs) =>
      docs
        .map((d) => d.toMutableJSON())
        .filter((d) => !d.closedAt)
        .sort((a, b) => a.at.localeCompare(b.at)),
    ),
  );
}

/** How far back the follow-up list (需随访) looks: a reading older than this is not followed. */
export const FOLLOW_UP_DAYS = 30;

/**
 * The follow-up list (需随访): each elder's latest blood pressure or blood sugar of the last
 * FOLLOW_UP_DAYS days that is out of range by the thresholds in force (district-configurable,
 * shared/rules/settings.ts `vitals`), most severe first. A later reading in range takes it off.
 */
export function followUps$(desk: Desk, now = new Date()): Observable<FollowUp[]> {
  requirePermission(desk, 'viewHealth');
  const since = localDay(addDays(now, -FOLLOW_UP_DAYS));
  return combineLatest([
    desk.db.care.find({ selector: { day: { $gte: since } } }).$,
    rules$(desk),
  ]).pipe(
    map(([docs, rules]) =>
      followUps(
        docs.map((d) => d.toMutableJSON()),
        rules.vitals,
        since,
      ),
    ),
  );
}

/** A measurement's flag by the thresholds in force (null in range), for the record's trend table. */
export function vitalFlags$(desk: Desk): Observable<(m: CareDoc) => VitalFlag | null> {
  return rules$(desk).pipe(map((rules) => (m: CareDoc) => vitalFlag(m, rules.vitals)));
}
