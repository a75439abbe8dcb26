/**
 * The dashboard's calls to `/api/district/*` (docs/API.md): JSON in and out, the session in an
 * HttpOnly cookie the browser keeps. A 401 on any call but login means the session ended; the app
 * is told so it can send the user back to the login page.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The field at fault, for a 400 that names one (`settings.feverFrom`). */
    readonly field?: string,
    /** Seconds to wait, for a 429. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let sessionEnded: ((code: string) => void) | null = null;

/** Called with the error code when a call finds the session gone (expired or logged out). */
export function onSessionEnded(handler: ((code: string) => void) | null): void {
  sessionEnded = handler;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/district${path}`, {
      method,
      credentials: 'same-origin',
      headers: body !== undefined ? { 'content-type': 'application/json' } : {},
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'network', 'network');
  }
  const data = (await res.json().catch(() => null)) as {
    error?: { code?: string; message?: string; field?: string };
  } | null;
  if (!res.ok) {
    const e = data?.error;
    const retry = Number(res.headers.get('retry-after'));
    const err = new ApiError(
      res.status,
      e?.code ?? 'internal',
      e?.message ?? res.statusText,
      e?.field,
      Number.isFinite(retry) && retry > 0 ? retry : undefined,
    );
    if (res.status === 401 && path !== '/login' && path !== '/me') sessionEnded?.(err.code);
    throw err;
  }
  return data as T;
}
