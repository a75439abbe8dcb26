/**
 * The district's own secret key. It keys the hashes of enrolment codes, so a copy of the database
 * (a backup, a replica) cannot be searched for the codes it holds (8 characters are quick to try
 * against a plain SHA-256), and the tags failed logins are logged under.
 *
 * It comes from DISTRICT_SECRET, or else from `district.key` in the private data folder, made on
 * first use. Every server of a district and its admin CLI must use the same key, or the codes one
 * issues would not work on another: the database keeps a check value of the key, and a process
 * with another key refuses to go on, saying so.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { requirePrivateFolder } from './dataFolder';
import type { Queryable } from './db/db';

export const KEY_FILE = 'district.key';
/** The shortest DISTRICT_SECRET taken (about 190 bits when it is random base64). */
export const MIN_SECRET_LENGTH = 32;

/** 32 bytes: the SHA-256 of the secret text. */
export type ServerKey = Buffer;

function keyOf(secret: string): ServerKey {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/**
 * The key from `secret` (DISTRICT_SECRET) when given, else from the data folder's key file,
 * which is made (0600) if it is missing.
 */
export function loadServerKey(options: { secret?: string; dataDir: string }): ServerKey {
  if (options.secret !== undefined) return keyOf(options.secret);
  requirePrivateFolder(options.dataDir);
  const path = join(options.dataDir, KEY_FILE);
  if (!existsSync(path)) {
    try {
      writeFileSync(path, `${randomBytes(32).toString('base64url')}\n`, {
        mode: 0o600,
        flag: 'wx',
      });
    } catch (err) {
      // Another process of this district made it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const secret = readFileSync(path, 'utf8').trim();
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(
      `${path} holds no key (${secret.length} characters, at least ${MIN_SECRET_LENGTH}): ` +
        'restore it from a backup of the data folder; a new key makes the codes already issued unusable',
    );
  }
  return keyOf(secret);
}

/** HMAC-SHA-256 of `value` for one `purpose`, as hex. */
export function keyedHash(key: ServerKey, purpose: string, value: string): string {
  return createHmac('sha256', key).update(`${purpose}\u0000${value}`, 'utf8').digest('hex');
}

/**
 * Records the key's check value in a database that has none yet, and throws when the database
 * was set up with another key.
 */
export async function checkServerKey(db: Queryable, key: ServerKey): Promise<void> {
  const check = keyedHash(key, 'key-check', 'cocare district');
  await db.query(
    'INSERT INTO server_key_check (check_value) VALUES ($1) ON CONFLICT (id) DO NOTHING',
    [check],
  );
  const { rows } = await db.query<{ check_value: string }>(
    'SELECT check_value FROM server_key_check',
  );
  if (rows[0]?.check_value !== check) {
    throw new Error(
      "this process's key is not the one the district's database was set up with: give every " +
        `server and the admin CLI the same DISTRICT_SECRET, or the same data folder (its ${KEY_FILE})`,
    );
  }
}
