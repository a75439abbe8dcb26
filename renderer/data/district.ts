import { map, of, type Observable } from 'rxjs';
import type { DistrictDoc } from '../../shared/schemas';
import type { Desk } from './desk';
import { plainDoc } from './plain';

/** The district's announcements shown on `day` (yyyy-MM-dd), newest first. */
export function announcements$(desk: Desk, day: string): Observable<DistrictDoc[]> {
  const collection = desk.db.collections.district;
  if (!collection) return of([]);
  return collection.find({ selector: { kind: 'announcement' } }).$.pipe(
    map((docs) =>
      docs
        .map((d) => plainDoc(d))
        .filter(
          (a) => (!a.shownFrom || a.shownFrom <= day) && (!a.shownUntil || day <= a.shownUntil),
        )
        .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt)),
    ),
  );
}
