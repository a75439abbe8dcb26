/**
 * The admin CLI's commands. The logic lives in admin.ts; this file only parses arguments and
 * prints, so tests call `runCli` with an argument list and read what it printed.
 */
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
import { openAdminDatabase, type Db } from './db/db';
import { migrate } from './db/migrate';

export const HELP = `CoCare district admin

Usage: npm run district:admin -- <command> [options]

  centre create --name <name> [--id <id>]   create a centre; prints its id
  centre list                               list centres
  code issue --centre <id> [--hours ${DEFAULT_CODE_HOURS}]     issue a one-time enrolment code for a desk
  device list [--centre <id>]               list enrolled devices
  device revoke <deviceId>                  revoke a device (it must be enrolled again)
  help                                      show this text

Settings: DATABASE_URL (PostgreSQL), else DISTRICT_DATA_DIR (default .district-data): the CLI
connects to the running server's PGlite when one is running there, or opens the folder itself.`;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  /** Use this database instead of opening one from the settings (tests). */
  db?: Db;
}

const defaultIo: CliIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  env: process.env,
};

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
  const known = ['centre create', 'centre list', 'code issue', 'device list', 'device revoke'];
  if (!known.includes(command)) {
    io.err(`unknown command "${command}"\n\n${HELP}`);
    return 2;
  }

  let db = io.db;
  try {
    if (!db) {
      const config = readConfig(io.env);
      db = await openAdminDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      await migrate(db);
    }
    switch (command) {
      case 'centre create': {
        if (!values.name)
          throw new AdminError('missing --name: centre create --name "<name>" [--id <id>]');
        const centre = await createCentre(db, { name: values.name, id: values.id });
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
        const issued = await issueEnrolmentCode(db, { centreId: values.centre, hours });
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
        const device = await revokeDevice(db, deviceId);
        io.out(
          `revoked ${device.id} (${device.name}, centre ${device.centreId}) at ${when(device.revokedAt)}`,
        );
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
