/**
 * The admin CLI's commands. The logic lives in admin.ts; this file only parses arguments and
 * prints, so tests call `runCli` with an argument list and read what it printed.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import {
  AdminError,
  createCentre,
  DEFAULT_CODE_HOURS,
  issueEnrolmentCode,
  listCentres,
  listDevices,
  revokeDevice,
} from './admin';
import { readConfig } from './config';
import { openAdminDatabase, type Db, type Queryable } from './db/db';
import { migrate } from './db/migrate';
import { logAction, type ActionEntry } from './district/actionLog';
import { createUser, listUsers, setPassword, setUserDisabled } from './district/users';
import { readNewPassword } from './secretInput';
import { describeRetention, runRetention } from './retention';
import { checkServerKey, loadServerKey, type ServerKey } from './serverKey';
import { notifyOnCommit, type ChangeBus } from './sync/changes';
import { DEFAULT_COLLECTIONS } from './sync/collections';
import { SyncService } from './sync/service';
import { PacketService } from './sync/packets';
import { PacketError } from '../shared/packets';

/**
 * The CLI listens to nothing: on PostgreSQL it tells the running servers what it wrote (their
 * desks then pull at once); on PGlite the desks see it at their next sync.
 */
function notifyOnlyBus(db: Db): ChangeBus {
  return {
    publishInTransaction: (tx, events) =>
      db.kind === 'postgres' ? notifyOnCommit(tx, events) : Promise.resolve(),
    committed: () => undefined,
    subscribe: () => () => undefined,
    close: async () => undefined,
  };
}

export const HELP = `CoCare district admin

Usage: npm run district:admin -- <command> [options]

  centre create --name <name> [--id <id>]   create a centre; prints its id
  centre list                               list centres
  code issue --centre <id> [--hours ${DEFAULT_CODE_HOURS}]     issue a one-time enrolment code for a desk
  device list [--centre <id>]               list enrolled devices
  device revoke <deviceId> [--reason <why>] revoke a device (it must be enrolled again)
  user create --login <name> --role admin|viewer [--name "<display name>"]
              [--department civil|health|cdc]
                                            create a dashboard account; the password is asked
                                            for (or read from the first line of stdin); a
                                            department (民政/卫健/疾控) sees its remit only
  user list                                 list dashboard accounts
  user password <login>                     set a new password (asked for, as above)
  user disable <login>                      disable an account (its sessions end at once)
  user enable <login>                       enable it again
  retention run                             erase people who left long ago and purge old
                                            logs now (the server also does it every
                                            DISTRICT_RETENTION_INTERVAL_HOURS)
  packet import <file>                      import a desk's sync packet (a file from a USB stick)
  packet return <deviceId> [--out <file>]   write the return packet for that desk (default: its
                                            file name, in the current folder)
  help                                      show this text

Passwords are never taken from the command line. Every change is written to the district's
action log as cli:<your user name>.

Settings: DATABASE_URL (PostgreSQL), else DISTRICT_DATA_DIR (default .district-data): the CLI
connects to the running server's PGlite (the socket in that folder) when one is running there, or
opens the folder itself. Run it as the user that runs the server: the folder is that user's alone.`;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  /** Use this database instead of opening one from the settings (tests). */
  db?: Db;
  /** The district's key, given with `db` (otherwise it is found from the settings, as the server does). */
  serverKey?: ServerKey;
  /** Reads a new password (default: a hidden prompt, or the first line of stdin). */
  readPassword?: () => Promise<string>;
  /** Who runs the CLI, for the action log (default: the operating system's user name). */
  actor?: string;
}

const defaultIo: CliIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  env: process.env,
};

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
}

function when(date: Date | null): string {
  return date ? date.toISOString().replace(/\.\d+Z$/, 'Z') : '-';
}

/** Runs one command; returns the process exit code. */
export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        name: { type: 'string' },
        id: { type: 'string' },
        centre: { type: 'string' },
        hours: { type: 'string' },
        reason: { type: 'string' },
        login: { type: 'string' },
        role: { type: 'string' },
        out: { type: 'string' },
        department: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [noun, verb, ...rest] = positionals;
  const command = `${noun ?? 'help'} ${verb ?? ''}`.trim();
  if (values.help || command === 'help') {
    io.out(HELP);
    return 0;
  }
  const known = [
    'centre create',
    'centre list',
    'code issue',
    'device list',
    'device revoke',
    'user create',
    'user list',
    'user password',
    'user disable',
    'user enable',
    'retention run',
    'packet import',
    'packet return',
  ];
  if (!known.includes(command)) {
    io.err(`unknown command "${command}"\n\n${HELP}`);
    return 2;
  }

  let db = io.db;
  const actor = { cli: io.actor ?? osUser() };
  /** Runs a change and its action-log entry in one transaction. */
  const logged = <T>(
    fn: (tx: Queryable) => Promise<T>,
    entry: (result: T) => Omit<ActionEntry, 'actor'>,
  ) =>
    db!.transaction(async (tx) => {
      const result = await fn(tx);
      await logAction(tx, { actor, ...entry(result) });
      return result;
    });
  const readPassword = io.readPassword ?? readNewPassword;
  try {
    let key = io.serverKey;
    if (!db) {
      const config = readConfig(io.env);
      db = await openAdminDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      await migrate(db);
      key = loadServerKey({ secret: config.secret, dataDir: config.dataDir });
      await checkServerKey(db, key);
    }
    switch (command) {
      case 'centre create': {
        if (!values.name)
          throw new AdminError('missing --name: centre create --name "<name>" [--id <id>]');
        const centre = await logged(
          (tx) => createCentre(tx, { name: values.name!, id: values.id }),
          (c) => ({ action: 'centre.create', target: c.id, details: { name: c.name } }),
        );
        io.out(centre.id);
        break;
      }
      case 'centre list': {
        const centres = await listCentres(db);
        if (centres.length === 0)
          io.out('no centres yet: create one with `centre create --name "<name>"`');
        else
          table([
            ['ID', 'NAME', 'CREATED'],
            ...centres.map((c) => [c.id, c.name, when(c.createdAt)]),
          ]).forEach(io.out);
        break;
      }
      case 'code issue': {
        if (!values.centre)
          throw new AdminError(
            'missing --centre: code issue --centre <id> (list centres with `centre list`)',
          );
        const hours = values.hours === undefined ? undefined : Number(values.hours);
        const issued = await logged(
          (tx) => {
            if (!key) throw new Error('CliIo.db was given without CliIo.serverKey');
            return issueEnrolmentCode(tx, { centreId: values.centre!, hours }, key);
          },
          (i) => ({
            action: 'code.issue',
            target: i.centreId,
            details: { hours: hours ?? DEFAULT_CODE_HOURS, expiresAt: i.expiresAt.toISOString() },
          }),
        );
        io.out(issued.code);
        io.err(
          `one-time code for centre ${issued.centreId}, valid until ${when(issued.expiresAt)}`,
        );
        break;
      }
      case 'device list': {
        const devices = await listDevices(db, { centreId: values.centre });
        if (devices.length === 0) io.out('no devices enrolled');
        else
          table([
            ['ID', 'CENTRE', 'NAME', 'ENROLLED', 'LAST SEEN', 'REVOKED'],
            ...devices.map((d) => [
              d.id,
              d.centreId,
              d.name,
              when(d.createdAt),
              when(d.lastSeenAt),
              when(d.revokedAt),
            ]),
          ]).forEach(io.out);
        break;
      }
      case 'device revoke': {
        const deviceId = rest[0];
        if (!deviceId)
          throw new AdminError(
            'missing device id: device revoke <deviceId> (list devices with `device list`)',
          );
        const device = await logged(
          async (tx) => {
            const revoked = await revokeDevice(tx, deviceId, values.reason);
            // Servers on PostgreSQL end the device's open sync stream at once; on PGlite the
            // server notices at the stream's next ping.
            if (db!.kind === 'postgres') {
              await notifyOnCommit(tx, [
                { centreId: revoked.centreId, collections: [], revokedDeviceId: revoked.id },
              ]);
            }
            return revoked;
          },
          (d) => ({
            action: 'device.revoke',
            target: d.id,
            details: { centreId: d.centreId, reason: d.revokedReason },
          }),
        );
        io.out(
          `revoked ${device.id} (${device.name}, centre ${device.centreId}) at ${when(device.revokedAt)}`,
        );
        break;
      }
      case 'user create': {
        if (!values.login || !values.role) {
          throw new AdminError(
            'missing --login or --role: user create --login <name> --role admin|viewer [--name "<display name>"]',
          );
        }
        const password = await readPassword();
        const user = await logged(
          (tx) =>
            createUser(tx, {
              login: values.login!,
              role: values.role!,
              password,
              displayName: values.name,
              ...(values.department !== undefined ? { department: values.department } : {}),
            }),
          (u) => ({
            action: 'user.create',
            target: u.login,
            details: { role: u.role, ...(u.department ? { department: u.department } : {}) },
          }),
        );
        io.out(user.login);
        io.err(`created ${user.role} account ${user.login} (${user.displayName})`);
        break;
      }
      case 'user list': {
        const users = await listUsers(db);
        if (users.length === 0)
          io.out('no accounts yet: create one with `user create --login <name> --role admin`');
        else
          table([
            ['LOGIN', 'NAME', 'ROLE', 'DEPARTMENT', 'CREATED', 'DISABLED'],
            ...users.map((u) => [
              u.login,
              u.displayName,
              u.role,
              u.department ?? '-',
              when(u.createdAt),
              when(u.disabledAt),
            ]),
          ]).forEach(io.out);
        break;
      }
      case 'user password':
      case 'user disable':
      case 'user enable': {
        const login = rest[0];
        if (!login)
          throw new AdminError(
            `missing login: ${command} <login> (list accounts with \`user list\`)`,
          );
        const action =
          command === 'user password'
            ? 'user.password'
            : command === 'user disable'
              ? 'user.disable'
              : 'user.enable';
        const password = command === 'user password' ? await readPassword() : '';
        const user = await logged(
          (tx) =>
            command === 'user password'
              ? setPassword(tx, login, password)
              : setUserDisabled(tx, login, command === 'user disable'),
          (u) => ({ action, target: u.login }),
        );
        io.out(
          command === 'user password'
            ? `new password set for ${user.login}; its sessions ended`
            : `${user.login} ${user.disabledAt ? `disabled at ${when(user.disabledAt)}; its sessions ended` : 'enabled'}`,
        );
        break;
      }
      case 'packet import':
      case 'packet return': {
        if (!key) throw new Error('CliIo.db was given without CliIo.serverKey');
        const packets = new PacketService(
          db,
          new SyncService(db, notifyOnlyBus(db), DEFAULT_COLLECTIONS),
          DEFAULT_COLLECTIONS,
          key,
        );
        const arg = rest[0];
        try {
          if (command === 'packet import') {
            if (!arg) throw new AdminError('missing file: packet import <file>');
            const done = await packets.importPacket(await readFile(arg, 'utf8'), actor);
            io.out(
              `imported packet ${done.sequence} of device ${done.deviceId} (centre ${done.centreId}): ` +
                `${done.documents} document(s), ${done.conflicts} kept the district's later version`,
            );
          } else {
            if (!arg)
              throw new AdminError(
                'missing device id: packet return <deviceId> [--out <file>] (list devices with `device list`)',
              );
            const written = await packets.returnPacket(arg, actor);
            const out = values.out ?? written.fileName;
            await writeFile(out, written.text, { flag: 'wx' });
            io.out(out);
            io.err(`return packet for ${arg}: ${written.documents} document(s)`);
          }
        } catch (err) {
          // A refused packet: the reason, and that nothing was imported.
          if (err instanceof PacketError) throw new AdminError(`refused: ${err.message}`);
          throw err;
        }
        break;
      }
      case 'retention run': {
        const settings = readConfig(io.env).retention;
        const sync = new SyncService(db, notifyOnlyBus(db), DEFAULT_COLLECTIONS);
        io.out(describeRetention(await runRetention(db, sync, settings), settings));
        break;
      }
    }
    return 0;
  } catch (err) {
    io.err(err instanceof Error ? err.message : String(err));
    return 1;
  } finally {
    if (db && !io.db) await db.close();
  }
}
