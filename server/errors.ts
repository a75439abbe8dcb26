import type { DocumentProblem } from '../shared/sync/protocol';
import type { DistrictErrorCode } from './district/types';

/** An error's body: `{error: {code, message, problems?, …}}` (docs/API.md, "Conventions"). */
export interface ErrorBody {
  error: {
    code: DistrictErrorCode;
    message: string;
    problems?: DocumentProblem[];
    [detail: string]: unknown;
  };
}

/** An error the API answers with its own status and the `ApiError` body. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: DistrictErrorCode,
    message: string,
    readonly problems?: DocumentProblem[],
    /** Extra response headers, e.g. `Retry-After` on a 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
  }

  /** Extra fields of the error object beside code and message (e.g. when and why). */
  protected details(): Record<string, unknown> {
    return {};
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.problems ? { problems: this.problems } : {}),
        ...this.details(),
      },
    };
  }
}

export function apiError(code: DistrictErrorCode, message: string): ErrorBody {
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
