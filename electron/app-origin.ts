/**
 * The desk's own origin. The renderer is served from a privileged custom scheme rather than
 * file:// so that it has a real, stable origin: IndexedDB (the desk's whole database) is keyed by
 * it, the Content-Security-Policy's 'self' means exactly the app's files, and a sender or a
 * navigation target can be checked against it. Changing the host would orphan every desk's data.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True only for URLs on the app's own origin (scheme and host compared exactly). */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
