import { uuidv7 } from 'uuidv7';

/** A time-ordered id created on the device (UUIDv7): sorts by creation time, unique without a server. */
export function newId(): string {
  return uuidv7();
}
