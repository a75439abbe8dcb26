import { format } from 'date-fns';

/** The centre's local calendar day (YYYY-MM-DD) of an instant, in the desk's time zone. */
export function localDay(at: Date): string {
  return format(at, 'yyyy-MM-dd');
}

/** The local clock time (HH:mm) of an instant, or of an ISO timestamp, in the desk's time zone. */
export function localTime(at: Date | string): string {
  return format(typeof at === 'string' ? new Date(at) : at, 'HH:mm');
}

/** An instant (or an ISO timestamp) as a record shows it, to the minute: "2026-11-25 08:30". */
export function localDateTime(at: Date | string): string {
  return format(typeof at === 'string' ? new Date(at) : at, 'yyyy-MM-dd HH:mm');
}

/** The value a `datetime-local` field takes for an instant: local time, to the minute. */
export function dateTimeInput(at: Date): string {
  return format(at, "yyyy-MM-dd'T'HH:mm");
}
