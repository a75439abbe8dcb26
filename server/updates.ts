/**
 * The desks' own updates, served by the district at `/updates/` (docs/API.md, "Desk updates").
 * Each desk's electron-updater (`generic` provider, electron/updater.ts) reads `latest.yml`
 * (Windows) or `latest-linux.yml` here, then downloads the installer it names, in byte ranges
 * when it can download only what changed. A release manager copies electron-builder's `release/`
 * output into the folder (DISTRICT_UPDATES_DIR).
 *
 * Read-only and narrow on purpose, since anyone who reaches the port may ask: GET and HEAD of one
 * regular file by its plain name, of the kinds a release has. No listing, no sub-folders, no
 * dot-files, no symbolic links, nothing decoded into a path (`..`, `%2e%2e`, `%2f`, `%00` are
 * refused before the disk is touched). A refusal is a 4xx in the API's error shape.
 */
import { createReadStream } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { apiError, clip } from './errors';

export interface UpdatesOptions {
  /**
   * The folder served at `/updates/`. Left out: DISTRICT_UPDATES_DIR from the environment; null or
   * unset there: this district serves no updates, and `/updates/*` says how to turn it on.
   */
  updatesDir?: string | null;
}

/** Metadata is read on every check; an installer's name carries its version and never changes. */
const FRESH = 'no-cache';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** What a release holds: the file types served, each with its Content-Type and Cache-Control. */
export const UPDATE_FILE_TYPES: ReadonlyArray<{ suffix: string; type: string; cache: string }> = [
  // electron-updater's metadata: version, file names, sizes and SHA-512 sums (RFC 9512 type).
  { suffix: '.yml', type: 'application/yaml; charset=utf-8', cache: FRESH },
  { suffix: '.exe', type: 'application/vnd.microsoft.portable-executable', cache: IMMUTABLE },
  { suffix: '.AppImage', type: 'application/vnd.appimage', cache: IMMUTABLE },
  { suffix: '.deb', type: 'application/vnd.debian.binary-package', cache: IMMUTABLE },
  // Gzipped JSON that electron-updater unzips itself: never sent with a Content-Encoding.
  { suffix: '.blockmap', type: 'application/octet-stream', cache: IMMUTABLE },
  // The release manager's detached gpg signatures (docs/SECURITY.md, "Signed releases").
  { suffix: '.asc', type: 'application/pgp-signature', cache: IMMUTABLE },
  { suffix: '.sig', type: 'application/pgp-signature', cache: IMMUTABLE },
];

/** A plain file name: letters, digits and `._+~-`, not starting with a dot, no `..`. */
const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._+~-]{0,199}$/;

const HOW_TO_ASK =
  'ask for one file of the release by its name, e.g. /updates/latest.yml (see docs/API.md, "Desk updates")';

/** The file type of `name`, or null when the name is not one this route serves. */
export function updateFileType(name: string): (typeof UPDATE_FILE_TYPES)[number] | null {
  if (!PLAIN_NAME.test(name) || name.includes('..')) return null;
  return UPDATE_FILE_TYPES.find((t) => name.endsWith(t.suffix)) ?? null;
}

/**
 * The one `bytes=` range asked for in a file of `size` bytes, as [start, end] inclusive; null for
 * no range, several ranges, other units or a range past the end: then the whole file is sent,
 * as RFC 9110 allows a server to do (it keeps the answers to 200, 206 and the API's 4xx).
 */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null {
  const m = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    return suffix > 0 && size > 0 ? { start: Math.max(0, size - suffix), end: size - 1 } : null;
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  return Number.isSafeInteger(start) && start < size && start <= end ? { start, end } : null;
}

function notServed(reply: FastifyReply) {
  return reply
    .code(404)
    .send(
      apiError(
        'not_found',
        'this district serves no desk updates: set DISTRICT_UPDATES_DIR to the folder of the release files and restart the server',
      ),
    );
}

/** Registers GET (and HEAD) `/updates/:name`, and a refusal of `/updates/` itself (no listing). */
export async function registerUpdates(
  app: FastifyInstance,
  options: UpdatesOptions = {},
): Promise<void> {
  const configured =
    options.updatesDir === undefined ? process.env.DISTRICT_UPDATES_DIR : options.updatesDir;
  const dir = configured ? resolve(configured) : null;

  const noListing = async (_request: unknown, reply: FastifyReply) =>
    dir
      ? reply
          .code(404)
          .send(apiError('not_found', `no listing of the updates folder: ${HOW_TO_ASK}`))
      : notServed(reply);
  app.get('/updates', { compress: false }, noListing);
  app.get('/updates/', { compress: false }, noListing);

  // Bodies are sent as they are on disk: compressing would break Content-Length and byte ranges.
  // HEAD is its own method here so that it answers the file's length without reading the file.
  app.route<{ Params: { name: string } }>({
    method: ['GET', 'HEAD'],
    url: '/updates/:name',
    compress: false,
    handler: async (request, reply) => {
      if (!dir) return notServed(reply);
      // The router has already decoded the name: %2e%2e, %2f and %00 arrive as '..', '/', NUL.
      const { name } = request.params;
      const kind = updateFileType(name);
      if (!kind) {
        return reply
          .code(400)
          .send(
            apiError(
              'bad_request',
              `"${clip(name)}" is not the name of a release file: ${HOW_TO_ASK}`,
            ),
          );
      }
      const file = join(dir, name);
      // lstat, not stat: a symbolic link is not followed out of the folder.
      const stats = await lstat(file).catch(() => null);
      if (!stats?.isFile()) {
        return reply
          .code(404)
          .send(
            apiError(
              'not_found',
              `no file "${clip(name)}" in this district's updates: copy the release's files into DISTRICT_UPDATES_DIR`,
            ),
          );
      }
      void reply
        .header('Content-Type', kind.type)
        .header('Cache-Control', kind.cache)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Accept-Ranges', 'bytes')
        .header('Last-Modified', stats.mtime.toUTCString());
      const range = parseRange(request.headers.range, stats.size);
      if (!range) {
        void reply.header('Content-Length', String(stats.size));
        return reply.send(request.method === 'HEAD' ? undefined : createReadStream(file));
      }
      void reply
        .code(206)
        .header('Content-Range', `bytes ${range.start}-${range.end}/${stats.size}`)
        .header('Content-Length', String(range.end - range.start + 1));
      return reply.send(
        request.method === 'HEAD'
          ? undefined
          : createReadStream(file, { start: range.start, end: range.end }),
      );
    },
  });
}
