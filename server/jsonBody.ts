/**
 * The district's only request body parser: JSON, with messages that say what is wrong. Like
 * Fastify's own parser it refuses the keys `__proto__` and `constructor.prototype` (prototype
 * poisoning); it also refuses bodies nested deeper than any request of the API needs, so no later
 * step walks a structure deep enough to overflow the stack.
 */
import { clip, HttpError } from './errors';

/** The deepest nesting a request body may have (a batch's document fields sit at about 6). */
export const MAX_BODY_DEPTH = 64;

const FIX = 'send a JSON body with Content-Type: application/json';

export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') {
    throw new HttpError(400, 'bad_request', `the body is empty: ${FIX}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new HttpError(
      400,
      'bad_request',
      `the body is not valid JSON (${clip(err instanceof Error ? err.message : String(err), 120)}): ${FIX}`,
    );
  }
  const problem = findStructureProblem(value);
  if (problem) throw new HttpError(400, 'bad_request', problem);
  return value;
}

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | null;
  key: string;
}

/** A JSON Pointer to the frame ("/pushes/members/0/newDocumentState"), keys cut short. */
function pointer(frame: Frame): string {
  const keys: string[] = [];
  for (let f: Frame | null = frame; f?.parent; f = f.parent) keys.push(clip(f.key, 40));
  return keys.length === 0 ? '/' : clip(`/${keys.reverse().join('/')}`, 120);
}

/** Walks the parsed body without recursion; the first problem found, or null. */
function findStructureProblem(root: unknown): string | null {
  if (root === null || typeof root !== 'object') return null;
  const stack: Frame[] = [{ value: root, depth: 0, parent: null, key: '' }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.depth >= MAX_BODY_DEPTH) {
      return `the body is nested more than ${MAX_BODY_DEPTH} levels deep (at ${pointer(frame)}): send the documents as their collection's schema describes them`;
    }
    const value = frame.value as Record<string, unknown> | unknown[];
    if (Array.isArray(value)) {
      value.forEach((child, i) => {
        if (child !== null && typeof child === 'object') {
          stack.push({ value: child, depth: frame.depth + 1, parent: frame, key: String(i) });
        }
      });
      continue;
    }
    for (const key of Object.keys(value)) {
      const child = value[key];
      const isObject = child !== null && typeof child === 'object';
      if (
        key === '__proto__' ||
        (key === 'constructor' &&
          isObject &&
          Object.prototype.hasOwnProperty.call(child, 'prototype'))
      ) {
        const at = pointer({ value: child, depth: frame.depth + 1, parent: frame, key });
        return `the body uses the key "${key}" (at ${at}), which the server refuses: remove it`;
      }
      if (isObject) stack.push({ value: child, depth: frame.depth + 1, parent: frame, key });
    }
  }
  return null;
}
