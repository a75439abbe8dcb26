import type { ChangeEvent } from 'react';
import { finishedDay, readDateTime, readDay, readTime, showDateTime } from '../rules/dates';

/**
 * The props of text boxes that take a day, a time or both, year first and 24-hour (2026-12-04,
 * 08:30), whatever the computer's language: the browser's own date and time boxes show mm/dd/yyyy
 * and 07:31 PM on an English system. The desk and the dashboard both use them.
 */

/** A day: what is typed (2026/12/4, 2026年12月4日…) becomes 2026-12-04 once finished or left. */
export function dayInput(value: string, set: (day: string) => void, placeholder: string) {
  return {
    inputMode: 'numeric' as const,
    placeholder,
    value,
    onChange: (e: ChangeEvent<HTMLInputElement>) =>
      set(finishedDay(e.target.value) ?? e.target.value),
    onBlur: () => set(readDay(value) ?? value),
  };
}

/** A time of day, 24-hour: 8:30, 0830, 8点30 become 08:30 when the box is left. */
export function timeInput(value: string, set: (time: string) => void, placeholder = '08:30') {
  return {
    inputMode: 'numeric' as const,
    placeholder,
    value,
    onChange: (e: ChangeEvent<HTMLInputElement>) => set(e.target.value),
    onBlur: () => set(readTime(value) ?? value),
  };
}

/**
 * A day and a time in one box, shown 2026-12-05 08:30; `readDateTime` of the value gives the
 * local `yyyy-MM-ddTHH:mm` to send on.
 */
export function dateTimeBox(value: string, set: (at: string) => void, placeholder: string) {
  return {
    inputMode: 'numeric' as const,
    placeholder,
    value,
    onChange: (e: ChangeEvent<HTMLInputElement>) => set(e.target.value),
    onBlur: () => {
      const at = readDateTime(value);
      set(at ? showDateTime(at) : value);
    },
  };
}
