/**
 * The app:// protocol handler: serves the built renderer (dist/renderer) and nothing else.
 * Pure apart from the injected file reader, so it is tested with plain Request objects.
 */
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { CONTENT_SECURITY_POLICY } from './security';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps an app:// URL to a file under rootDir, or null when the URL must not be served: another
 * scheme or host, a malformed escape, a NUL byte or backslash, or any path that would leave
 * rootDir once decoded (e.g. `%2e%2e%2f`). A path with no extension is a client-side route and
 * gets index.html, so a reload on any screen works.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const root = path.resolve(rootDir);
  const resolved = path.resolve(root, `.${pathname}`);
  const relative = path.relative(root, resolved);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  if (relative === '' || path.extname(relative) === '') return path.join(root, 'index.html');
  return resolved;
}

function baseHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
}

export type ReadFile = (filePath: string) => Promise<Uint8Array>;

export function createAppProtocolHandler(
  rootDir: string,
  readFile: ReadFile,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: baseHeaders() });
    }
    const filePath = resolveAppPath(rootDir, request.url);
    if (filePath === null) return new Response(null, { status: 404, headers: baseHeaders() });
    let body: Uint8Array;
    try {
      body = await readFile(filePath);
    } catch {
      return new Response(null, { status: 404, headers: baseHeaders() });
    }
    const headers = { ...baseHeaders(), 'Content-Type': contentTypeFor(filePath) };
    // Copied into a fresh ArrayBuffer: Response does not take a Buffer over a shared pool.
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers,
    });
  };
}
