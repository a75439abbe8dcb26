import { format } from 'date-fns';

/** The centre's local calendar day (YYYY-MM-DD) of an instant, in the desk's time zone. */
export function localDay(at: Date): string {
  return format(at, 'yyyy-MM-dd');
}
