/**
 * Text a request carries in its URL parameters, query fields and (outside the sync API) its body
 * is checked once, before any route reads it: a NUL character, which PostgreSQL cannot store or
 * compare, and values longer than any name, id or text of the API are refused with 400 naming
 * the field. No route has to remember it, and none answers 500 for it.
 *
 * The sync API and enrolment (`/api/sync/*`, `/api/enrol`) check their own input with answers of
 * their own (`unknown_collection`, `invalid_document` naming the document and field,
 * `enrolment_code_invalid`; server/badInput.test.ts) and take no query string, so they are left to
 * it: `ownsItsInput` says which routes those are.
 */
import type { FastifyRequest } from 'fastify';
import { clip, HttpError } from './errors';

/** The longest query value any route takes (an id, a month, a language, a number). */
export const MAX_QUERY_VALUE = 200;
/** The longest text in a request body outside the sync API (an announcement is at most 2,000). */
export const MAX_BODY_TEXT = 10_000;

function refuse(where: string, problem: string, fix: string): never {
  throw new HttpError(400, 'bad_request', `${where} ${problem}: ${fix}`);
}

function checkText(value: string, where: string, max: number, fix: string): void {
  if (value.includes('\u0000')) {
    refuse(where, 'contains a NUL character (\\u0000)', fix);
  }
  if (value.length > max) {
    refuse(where, `is too long (${value.length} characters, at most ${max})`, fix);
  }
}

function entries(record: unknown): [string, unknown][] {
  return record && typeof record === 'object' ? Object.entries(record) : [];
}

/** The routes that check their own input (see above), by their pattern. */
export function ownsItsInput(routeUrl: string): boolean {
  return routeUrl.startsWith('/api/sync/') || routeUrl === '/api/enrol';
}

/** URL parameters and query fields (each value, or each of a repeated field's values). */
export function checkUrlText(request: FastifyRequest): void {
  for (const [name, value] of entries(request.params)) {
    if (typeof value === 'string') {
      checkText(value, `the URL part "${clip(name, 40)}"`, MAX_QUERY_VALUE, 'check the address');
    }
  }
  for (const [name, value] of entries(request.query)) {
    const where = `the query field "${clip(name, 40)}"`;
    checkText(name, where, MAX_QUERY_VALUE, 'check the address');
    for (const each of Array.isArray(value) ? value : [value]) {
      if (typeof each === 'string') checkText(each, where, MAX_QUERY_VALUE, 'check the address');
    }
  }
}

/** Every key and text value of a parsed JSON body, at any depth (the parser bounds the depth). */
export function checkBodyText(body: unknown): void {
  const stack: { value: unknown; at: string }[] = [{ value: body, at: '' }];
  while (stack.length > 0) {
    const { value, at } = stack.pop()!;
    const where = `the body field "${clip(at || '/', 80)}"`;
    if (typeof value === 'string') {
      checkText(value, where, MAX_BODY_TEXT, 'send plain text, shorter if need be');
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    for (const [key, child] of entries(value)) {
      const path = `${at}/${key}`;
      checkText(
        key,
        `the body field name "${clip(path, 80)}"`,
        200,
        'use the names docs/API.md gives',
      );
      stack.push({ value: child, at: path });
    }
  }
}
