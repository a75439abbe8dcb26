import type { ApiError, ApiErrorCode, DocumentProblem } from '../shared/sync/protocol';

/** An error the API answers with its own status and the `ApiError` body. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly problems?: DocumentProblem[],
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
