import type { EnrolRequest, EnrolResponse } from '../../shared/sync/protocol';
import { errorFromResponse, SyncError } from './errors';

/** District addresses must use HTTPS, except a server on this very machine (testing, a lab). */
export function checkDistrictUrl(input: string): URL | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  const local =
    url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol === 'https:' || (url.protocol === 'http:' && local)) {
    return new URL(url.origin);
  }
  return null;
}

export async function requestEnrolment(
  districtUrl: URL,
  request: EnrolRequest,
  fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis),
): Promise<EnrolResponse> {
  let response: Response;
  try {
    response = await fetchImpl(new URL('/api/enrol', districtUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
  } catch (caught) {
    throw new SyncError('offline', caught instanceof Error ? caught.message : String(caught));
  }
  if (!response.ok) throw await errorFromResponse(response);
  return (await response.json()) as EnrolResponse;
}
