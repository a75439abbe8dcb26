/**
 * The embedded PGlite database served over the PostgreSQL wire protocol on a unix socket, so the
 * server's `pg` pool and the admin CLI reach it exactly as they reach PostgreSQL (one SQL code
 * path). The socket lives in the private data folder (0700: no other user can even reach it) and
 * every connection must also give the password the server made at start (kept, 0600, in the
 * folder's `pglite.json`): no TCP port, and no connection without the secret.
 *
 * PGlite has a single backend. Connections take turns on it: one holds it from its first message
 * until PGlite is idle again after a Sync or a simple Query, so neither the messages of one
 * parameterised query (Parse/Bind/Execute/Sync) nor a transaction are ever interleaved with
 * another connection's.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { chmodSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

const PROTOCOL_3 = 196608;
const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
/** A startup message is a few parameters; anything longer is not a PostgreSQL client. */
const MAX_STARTUP_BYTES = 10_000;
const MAX_CONNECTIONS = 16;

export interface PgliteSocketServer {
  close(): Promise<void>;
}

/** An ErrorResponse message (severity, SQLSTATE, text). */
function errorResponse(severity: 'FATAL' | 'ERROR', code: string, message: string): Buffer {
  const fields = Buffer.concat([
    Buffer.from(`S${severity}\0V${severity}\0C${code}\0M${message}\0`, 'utf8'),
    Buffer.from([0]),
  ]);
  const head = Buffer.alloc(5);
  head.write('E', 0, 'latin1');
  head.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([head, fields]);
}

const AUTH_CLEARTEXT = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3]);
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** The one backend, taken in turns (first come, first served). */
class Turns {
  private holder: Connection | null = null;
  private waiting: { conn: Connection; go: () => void }[] = [];

  async take(conn: Connection): Promise<void> {
    if (this.holder === conn) return;
    if (this.holder === null) {
      this.holder = conn;
      return;
    }
    await new Promise<void>((go) => this.waiting.push({ conn, go }));
  }

  holds(conn: Connection): boolean {
    return this.holder === conn;
  }

  give(conn: Connection): void {
    this.waiting = this.waiting.filter((w) => w.conn !== conn);
    if (this.holder !== conn) return;
    const next = this.waiting.shift();
    this.holder = next?.conn ?? null;
    next?.go();
  }
}

type Phase = 'startup' | 'password' | 'ready' | 'closed';

class Connection {
  private phase: Phase = 'startup';
  private buffer = Buffer.alloc(0);
  private startup: Buffer | null = null;
  private pumping = false;
  /** A unit of work was started on the backend (Parse, Bind …) and not yet ended by a Sync. */
  private midUnit = false;

  constructor(
    private readonly socket: Socket,
    private readonly pglite: PGlite,
    private readonly turns: Turns,
    private readonly secretDigest: Buffer,
    private readonly onEnd: (conn: Connection) => void,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      void this.pump();
    });
    socket.on('error', () => void this.end());
    socket.on('close', () => void this.end());
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        const message = this.nextMessage();
        if (!message) break;
        await this.handle(message);
        if (this.phase === 'closed') break;
      }
    } catch {
      this.socket.destroy();
      await this.end();
    } finally {
      this.pumping = false;
    }
  }

  /** The next whole message in the buffer (untyped during startup), or null. */
  private nextMessage(): Buffer | null {
    if (this.phase === 'closed') return null;
    const typed = this.phase !== 'startup';
    const head = typed ? 5 : 4;
    if (this.buffer.length < head) return null;
    const length = this.buffer.readInt32BE(typed ? 1 : 0);
    if (length < 4 || (!typed && length > MAX_STARTUP_BYTES)) {
      this.refuse('08P01', 'this socket speaks the PostgreSQL protocol 3.0 only');
      return null;
    }
    const total = typed ? 1 + length : length;
    if (this.buffer.length < total) return null;
    const message = this.buffer.subarray(0, total);
    this.buffer = this.buffer.subarray(total);
    return Buffer.from(message);
  }

  private async handle(message: Buffer): Promise<void> {
    if (this.phase === 'startup') {
      const code = message.length >= 8 ? message.readInt32BE(4) : 0;
      if (code === SSL_REQUEST || code === GSS_REQUEST) {
        this.socket.write('N'); // no encryption on a local socket; the client goes on in the clear
      } else if (code === PROTOCOL_3) {
        this.startup = message;
        this.phase = 'password';
        this.socket.write(AUTH_CLEARTEXT);
      } else {
        // A CancelRequest, or an older protocol: neither is served.
        this.refuse('08P01', 'this socket speaks the PostgreSQL protocol 3.0 only');
      }
      return;
    }
    if (this.phase === 'password') {
      const given =
        message[0] === 0x70 ? message.subarray(5).toString('utf8').replace(/\0$/, '') : '';
      if (!timingSafeEqual(digest(given), this.secretDigest)) {
        this.refuse(
          '28P01',
          "password authentication failed: the district database's password is in pglite.json in its data folder",
        );
        return;
      }
      this.phase = 'ready';
      // PGlite answers the startup message itself (AuthenticationOk … ReadyForQuery).
      await this.run(this.startup!, true);
      this.startup = null;
      return;
    }
    const type = message[0];
    if (type === 0x58) {
      // Terminate: the client is done.
      this.socket.end();
      await this.end();
      return;
    }
    // A Sync or a simple Query ends a unit of work; so does the end of a transaction.
    await this.run(message, type === 0x53 || type === 0x51);
  }

  /** Runs one message on the backend, sending its answer to the client. */
  private async run(message: Uint8Array, endsUnit: boolean): Promise<void> {
    await this.turns.take(this);
    if (this.phase === 'closed') return this.turns.give(this);
    await this.pglite.runExclusive(() =>
      this.pglite.execProtocolRawStream(message, {
        onRawData: (data) => {
          if (this.phase !== 'closed' && this.socket.writable) this.socket.write(Buffer.from(data));
        },
      }),
    );
    this.midUnit = !endsUnit;
    if (endsUnit && !this.pglite.isInTransaction()) this.turns.give(this);
  }

  private refuse(code: string, message: string): void {
    if (this.socket.writable) this.socket.end(errorResponse('FATAL', code, message));
    void this.end();
  }

  /** Cuts the connection (the server is closing). */
  async cut(): Promise<void> {
    this.socket.destroy();
    await this.end();
  }

  /** The client went away: leave the backend as the next connection expects to find it. */
  private async end(): Promise<void> {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    this.onEnd(this);
    if (!this.turns.holds(this)) return this.turns.give(this);
    try {
      if (this.midUnit) {
        await this.pglite.runExclusive(() => this.pglite.execProtocolRaw(SYNC));
      }
      if (this.pglite.isInTransaction()) await this.pglite.exec('ROLLBACK');
    } catch {
      // The backend failed as well; the next connection's first message will say so.
    } finally {
      this.turns.give(this);
    }
  }
}

/**
 * Serves `pglite` on a unix socket at `socketPath` (inside the private data folder) to clients
 * that give `secret` as their password.
 */
export async function servePgliteSocket(
  pglite: PGlite,
  socketPath: string,
  secret: string,
): Promise<PgliteSocketServer> {
  const turns = new Turns();
  const connections = new Set<Connection>();
  const secretDigest = digest(secret);
  const server: Server = createServer((socket) => {
    if (connections.size >= MAX_CONNECTIONS) {
      socket.end(errorResponse('FATAL', '53300', 'too many connections to the district database'));
      return;
    }
    const conn = new Connection(socket, pglite, turns, secretDigest, (c) => connections.delete(c));
    connections.add(conn);
  });
  // A socket file left by a server that was killed would make listen() fail; the caller holds
  // the data folder (no live process owns it), so the file is stale.
  rmSync(socketPath, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  chmodSync(socketPath, 0o600);
  return {
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const conn of connections) await conn.cut();
      await closed;
      rmSync(socketPath, { force: true });
    },
  };
}
