/**
 * A person's record to open when the people screen next opens (a refused registration's "see the
 * person already registered", the home screen's duplicates alert). Read when the screen mounts,
 * then cleared, so React's second mount in development reads the same person.
 */
let next: string | null = null;

export function openPersonNext(memberId: string | null): void {
  next = memberId;
}

export function personToOpen(): string | null {
  return next;
}
