/**
 * The district's data folder (DISTRICT_DATA_DIR) holds the embedded database, its socket and the
 * server's secrets: people's ID numbers and health data, and what it takes to read them. It must
 * be private to the user that runs the server: created 0700, its files 0600, and the server does
 * not start on a folder that other users can read or write.
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';

/** Who runs this process, for messages ("uid 1000 (cocare)"). */
function me(): string {
  const uid = process.getuid?.() ?? -1;
  try {
    return `uid ${uid} (${userInfo().username})`;
  } catch {
    return `uid ${uid}`;
  }
}

function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}

/** Who may do what to the folder beyond its owner, in words ("group can read, others can write"). */
function openTo(mode: number): string {
  const parts: string[] = [];
  for (const [who, shift] of [
    ['its group', 3],
    ['other users', 0],
  ] as const) {
    const can = [(mode >> shift) & 4 ? 'read' : '', (mode >> shift) & 2 ? 'write' : '']
      .filter(Boolean)
      .join(' and ');
    const enter = (mode >> shift) & 1 ? 'enter' : '';
    const what = can || enter;
    if (what) parts.push(`${who} can ${what}`);
  }
  return parts.join(', ');
}

/**
 * Makes `dir` if it is missing (0700), and throws, naming the fix, when it is not a folder, not
 * this user's, or open to anyone else. `setting` names where the folder came from.
 */
export function requirePrivateFolder(dir: string, setting = 'DISTRICT_DATA_DIR'): void {
  if (process.platform === 'win32') {
    throw new Error(
      'the data folder can be made private to the server only on Linux or macOS: on Windows, set ' +
        'DATABASE_URL to a PostgreSQL database and DISTRICT_SECRET (docs/API.md, "Settings")',
    );
  }
  // mkdir's mode passes through the umask; the folder it makes is set to 0700 whatever that is.
  if (mkdirSync(dir, { recursive: true, mode: 0o700 }) !== undefined) chmodSync(dir, 0o700);
  const stat = statSync(dir);
  if (!stat.isDirectory()) {
    throw new Error(
      `${setting} ${dir} is not a folder: point ${setting} at a folder (it is made if missing)`,
    );
  }
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) {
    throw new Error(
      `the data folder ${dir} belongs to uid ${stat.uid}, not to the user running this (${me()}): ` +
        'run the district server and its admin CLI as the user that owns the folder',
    );
  }
  if (stat.mode & 0o077) {
    throw new Error(
      `the data folder ${dir} is not private (mode ${octal(stat.mode)}: ${openTo(stat.mode)}), and it ` +
        `holds people's personal data: run \`chmod -R go= ${dir}\`, then start again`,
    );
  }
}

/**
 * Makes every file under `dir` 0600 and every folder 0700. PGlite writes some of its files with
 * modes of its own (0666 and 0644); the folder's 0700 already keeps them from other users, and
 * this puts each file right as well.
 */
export function tightenModes(dir: string): void {
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) continue;
      const mode = stat.isDirectory() ? 0o700 : 0o600;
      if ((stat.mode & 0o777) !== mode) chmodSync(path, mode);
      if (stat.isDirectory()) stack.push(path);
    }
  }
}
