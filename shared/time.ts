import { format } from 'date-fns';

/** The centre's local calendar day (YYYY-MM-DD) of an instant, in the desk's time zone. */
export function localDay(at: Date): string {
  return format(at, 'yyyy-MM-dd');
}

/** The local clock time (HH:mm) of an instant, or of an ISO timestamp, in the desk's time zone. */
export function localTime(at: Date | string): string {
  return format(typeof at === 'string' ? new Date(at) : at, 'HH:mm');
}
