/**
 * One person's records of the last days, as their record screen lists them: visits, meals served
 * and morning checks, each saying whether it was typed in later from the paper emergency sheet
 * (补录, issue 19 part 2), when and by whom. What a role may not see is left out, as on the daily
 * sheet: meals need `serveMeals`, checks `viewHealth`.
 */
import { combineLatest, map, of, type Observable } from 'rxjs';
import { addDays } from 'date-fns';
import { can } from '../../shared/roles';
import type { MealType } from '../../shared/rules/dailySettings';
import { localDay } from '../../shared/time';
import type { HealthDoc } from '../../shared/schemas';
import type { Desk } from './desk';
import { plain } from './plain';
import { requirePermission } from './staff';

export interface PaperMarkInfo {
  enteredAt: string;
  enteredBy: string;
  /** The staff member's name, filled in for the screen ('' if not on this desk). */
  byName?: string;
}

export type PersonRecordLine =
  | {
      kind: 'visit';
      id: string;
      day: string;
      at: string;
      checkOutAt?: string;
      fromPaper?: PaperMarkInfo;
    }
  | {
      kind: 'meal';
      id: string;
      day: string;
      at: string;
      mealType: MealType;
      fromPaper?: PaperMarkInfo;
    }
  | {
      kind: 'check';
      id: string;
      day: string;
      at: string;
      temperature?: number;
      outcome?: HealthDoc['outcome'];
      fromPaper?: PaperMarkInfo;
    };

/** The person's records from `days` days back to today, newest first. */
export function personRecords$(
  desk: Desk,
  memberId: string,
  days = 30,
  now = new Date(),
): Observable<PersonRecordLine[]> {
  requirePermission(desk, 'checkIn');
  const role = desk.session?.staff.role;
  const from = localDay(addDays(now, -days));
  const visits$ = desk.db.attendance.find({ selector: { memberId, day: { $gte: from } } }).$.pipe(
    map((docs) =>
      plain(docs)
        .filter((v) => !v.cancelled)
        .map((v): PersonRecordLine => ({
          kind: 'visit',
          id: v.id,
          day: v.day,
          at: v.checkInAt,
          ...(v.status === 'out' && v.checkOutAt ? { checkOutAt: v.checkOutAt } : {}),
          ...(v.fromPaper ? { fromPaper: v.fromPaper } : {}),
        })),
    ),
  );
  const meals$ = can(role, 'serveMeals')
    ? desk.db.meals.find({ selector: { kind: 'serving', day: { $gte: from } } }).$.pipe(
        map((docs) =>
          plain(docs)
            .filter((m) => m.memberId === memberId && !m.cancelled)
            .map((m): PersonRecordLine => ({
              kind: 'meal',
              id: m.id,
              day: m.day,
              at: m.servedAt ?? m.createdAt,
              mealType: m.mealType,
              ...(m.fromPaper ? { fromPaper: m.fromPaper } : {}),
            })),
        ),
      )
    : of([]);
  const checks$ = can(role, 'viewHealth')
    ? desk.db.health.find({ selector: { memberId, day: { $gte: from } } }).$.pipe(
        map((docs) =>
          plain(docs)
            .filter((h) => h.kind === 'morningCheck')
            .map((h): PersonRecordLine => ({
              kind: 'check',
              id: h.id,
              day: h.day,
              at: h.at,
              ...(h.temperature !== undefined ? { temperature: h.temperature } : {}),
              ...(h.outcome ? { outcome: h.outcome } : {}),
              ...(h.fromPaper ? { fromPaper: h.fromPaper } : {}),
            })),
        ),
      )
    : of([]);
  const staffNames$ = desk.db.staff
    .find()
    .$.pipe(map((docs) => new Map(docs.map((d) => [d.id, d.name] as const))));
  return combineLatest([visits$, meals$, checks$, staffNames$]).pipe(
    map(([visits, meals, checks, names]) =>
      [visits, meals, checks].map((lines) =>
        lines.map((l) =>
          l.fromPaper
            ? {
                ...l,
                fromPaper: { ...l.fromPaper, byName: names.get(l.fromPaper.enteredBy) ?? '' },
              }
            : l,
        ),
      ),
    ),
    map((parts) =>
      parts.flat().sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id)),
    ),
  );
}
