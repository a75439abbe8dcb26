import type { ApiError, ApiErrorCode, DocumentProblem } from '../shared/sync/protocol';

/** An error the API answers with its own status and the `ApiError` body. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly problems?: DocumentProblem[],
    /** Extra response headers, e.g. `Retry-After` on a 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
  }

  toBody(): ApiError {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.problems ? { problems: this.problems } : {}),
      },
    };
  }
}

export function apiError(code: ApiErrorCode, message: string): ApiError {
  return { error: { code, message } };
}

/**
 * Text from the request quoted in an error message, cut to `max` characters: an error names what
 * was wrong without sending a 10 MB id or collection name back.
 */
export function clip(text: string, max = 60): string {
  if (text.length <= max) return text;
  // Never cut a surrogate pair in half.
  const end = /[\ud800-\udbff]/.test(text[max - 1] ?? '') ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}
