import { format, parseISO } from 'date-fns';

/** The time of day of a stored instant, as the meals lists show it ("12:05"). */
export const clockOf = (iso: string) => format(parseISO(iso), 'HH:mm');

/** A stored instant within the last days, as the sample lists show it ("11-23 12:05"). */
export const shortTimeOf = (iso: string) => format(parseISO(iso), 'MM-dd HH:mm');
