import { format, subMonths } from 'date-fns';

/**
 * The months a report screen offers ('yyyy-MM'): the month of `now` and the ones before it, newest
 * first — the meal claim and the visit completion rate look back two years.
 */
export function recentMonths(now: Date, count = 24): string[] {
  return Array.from({ length: count }, (_, i) => format(subMonths(now, i), 'yyyy-MM'));
}
