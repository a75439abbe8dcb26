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
