/**
 * The district's only request body parser: JSON, with messages that say what is wrong. Like
 * Fastify's own parser it refuses the keys `__proto__` and `constructor.prototype` (prototype
 * poisoning); it also refuses bodies nested deeper than any request of the API needs, so no later
 * step walks a structure deep enough to overflow the stack, and bytes that are not UTF-8 (which
 * a lenient decoder would store as U+FFFD in place of what the desk meant).
 */
import type { IncomingMessage } from 'node:http';
import { clip, HttpError } from './errors';

/** The deepest nesting a request body may have (a batch's document fields sit at about 6). */
export const MAX_BODY_DEPTH = 64;

const FIX = 'send a JSON body with Content-Type: application/json';

/** Fails on the first byte sequence that is not UTF-8; a BOM is kept, so JSON.parse refuses it. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function parseJsonBody(body: Uint8Array | string): unknown {
  let text: string;
  if (typeof body === 'string') text = body;
  else {
    try {
      text = UTF8.decode(body);
    } catch {
      throw new HttpError(
        400,
        'bad_request',
        'the body is not valid UTF-8 text: send JSON encoded as UTF-8, with Content-Type: application/json',
      );
    }
  }
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

/** How much of a body too large to take is still read (and dropped) before answering 413. */
export const DRAIN_LIMITS = { bytes: 64 * 1024 * 1024, ms: 60_000 };

/**
 * Reads what is left of a request's body and drops it, so the answer sent next reaches the
 * client. A browser (and the desk's `fetch`) sends the whole body before it reads an answer; an
 * answer sent while body bytes are still arriving is followed by closing the socket, the client's
 * further bytes make it reset the connection, and the client sees "network error" instead of
 * `413`: it would retry the same batch forever instead of splitting it. A body declared larger
 * than `limits.bytes`, or still arriving after `limits.ms`, is not waited for.
 */
export function drainRequest(raw: IncomingMessage, limits = DRAIN_LIMITS): Promise<void> {
  if (raw.complete || raw.readableEnded || raw.destroyed) return Promise.resolve();
  const declared = Number(raw.headers['content-length']);
  if (declared > limits.bytes) return Promise.resolve();
  return new Promise((resolve) => {
    let read = 0;
    const finish = () => {
      clearTimeout(timer);
      raw.off('data', onData);
      raw.off('end', finish);
      raw.off('error', finish);
      raw.off('close', finish);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      read += chunk.length;
      if (read > limits.bytes) finish();
    };
    const timer = setTimeout(finish, limits.ms);
    // A compressed body is piped into a decompressor nobody reads any more: read the raw bytes.
    raw.unpipe();
    raw.on('data', onData);
    raw.once('end', finish);
    raw.once('error', finish);
    raw.once('close', finish);
    raw.resume();
  });
}
