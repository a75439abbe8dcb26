import type { KeyboardEvent } from 'react';

/**
 * Enter inside a list entry never submits the form around it: the same on every screen, since
 * a form saved from a sub-field (an activity saved with nobody enrolled, a registration saved
 * half-typed) is the worst thing Enter can do. What Enter does instead is the entry's own
 * "add": the match picked in a box that adds people (`useFinderKeys`), a new row of a repeated
 * group (`enterAddsRow`), the end of one item of a list typed with separators (`enterEndsItem`).
 */

/** True for an Enter that belongs to the field: not an IME's, not a button's or a text area's. */
function fieldEnter(event: KeyboardEvent<HTMLElement>): boolean {
  if (event.key !== 'Enter' || event.nativeEvent.isComposing) return false;
  const target = event.target;
  return target instanceof HTMLInputElement && !['button', 'submit', 'file'].includes(target.type);
}

/** The first field of the row after `row` (a sibling of the same class), if there is one. */
function nextRowField(row: HTMLElement): HTMLInputElement | null {
  for (let next = row.nextElementSibling; next; next = next.nextElementSibling) {
    if (next.className !== row.className) return null;
    const field = next.querySelector('input');
    if (field) return field;
  }
  return null;
}

/**
 * For a row of a repeated group (a pick-up adult, a dish), put on the row's element: Enter in
 * any of its fields goes on to the next row, or after the last one adds a row (`add`, which
 * puts the cursor in it), or does nothing where no row can be added (`add` null).
 */
export function enterAddsRow(add: (() => void) | null) {
  return (event: KeyboardEvent<HTMLElement>) => {
    if (!fieldEnter(event)) return;
    event.preventDefault();
    const next = nextRowField(event.currentTarget);
    if (next) next.focus();
    else add?.();
  };
}

/** The separator a list typed in one field (allergies, illnesses) is split by. */
export const ITEM_SEPARATOR = '、';

/**
 * For a list typed in one field with separators: Enter ends the item typed (adds "、" for the
 * next one) instead of submitting the form; an empty field or a finished item stays as it is.
 */
export function enterEndsItem(event: KeyboardEvent<HTMLInputElement>): void {
  if (!fieldEnter(event)) return;
  event.preventDefault();
  const field = event.currentTarget;
  const text = field.value.trimEnd();
  if (!text || /[、，,；;/]$/.test(text)) return;
  // Through the input's own value setter and an input event, so a form library sees the change.
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  setValue?.call(field, text + ITEM_SEPARATOR);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}
