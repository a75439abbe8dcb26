import { format, parseISO } from 'date-fns';

/** A measurement's or incident's time as the record shows it ("2026-11-25 08:30"). */
export const shortTime = (at: string) => format(parseISO(at), 'yyyy-MM-dd HH:mm');

/** The value a datetime-local field takes for an instant (local time, to the minute). */
export const localInput = (d: Date) => format(d, "yyyy-MM-dd'T'HH:mm");
