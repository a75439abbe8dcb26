import type { FormValues } from './registerForm';

/**
 * A half-filled registration kept across the idle lock, for the staff member who typed it. Held
 * in this window's memory only (it holds personal data: never written to disk), and dropped when
 * someone else logs in at the desk or when the window closes.
 */
let draft: { staffId: string; values: FormValues } | null = null;

/** Keeps the form as it is for `staffId` (the registration screen closing: a lock, another tab). */
export function keepDraft(staffId: string, values: FormValues): void {
  draft = { staffId, values };
}

/** The draft `staffId` left, or null. */
export function draftOf(staffId: string): FormValues | null {
  return draft?.staffId === staffId ? draft.values : null;
}

/** The form was saved or emptied: nothing to give back. */
export function dropDraft(staffId: string): void {
  if (draft?.staffId === staffId) draft = null;
}

/** Someone logged in at the desk: a draft of anyone else's is thrown away. */
export function dropDraftsExcept(staffId: string): void {
  if (draft && draft.staffId !== staffId) draft = null;
}

/** Whether `staffId` has a draft waiting (the shell reopens the registration screen for it). */
export function hasDraft(staffId: string): boolean {
  return draft?.staffId === staffId;
}
