/** The desk's day, time and day-and-time boxes: one implementation with the dashboard's. */
export { dateTimeBox, dayInput, timeInput } from '../../../shared/ui/dateInputs';
