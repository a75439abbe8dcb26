import type { ChangeEvent } from 'react';
import { finishedDay, readDay } from '../../../shared/rules/dates';

/**
 * The props of a text box that takes a day, year first (2026-12-04), whatever the computer's
 * language: the browser's own date box shows mm/dd/yyyy on an English system. What is typed
 * (2026/12/4, 2026年12月4日…) becomes 2026-12-04 once it is finished or the box is left.
 */
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
