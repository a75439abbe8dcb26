/**
 * Tells the live `GET /api/sync/stream` connections which collections changed after a push.
 *
 * On PostgreSQL the hint goes through LISTEN/NOTIFY, so every server instance behind a load
 * balancer hears every other's pushes (NOTIFY is sent at commit, never for a rolled-back push).
 * On PGlite there is one server process, and an in-process emitter does.
 */
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Db, Queryable } from '../db/db';

export interface ChangeEvent {
  /** The centre whose documents changed (`district` for district documents). */
  centreId: string;
  collections: string[];
  /** The device that pushed, which needs no hint about its own writes. */
  originDeviceId?: string;
  /** The district revoked this device: its open streams end at once (`collections` is empty). */
  revokedDeviceId?: string;
}

export interface ChangeBus {
  /** Called inside the push transaction, before commit. */
  publishInTransaction(tx: Queryable, events: ChangeEvent[]): Promise<void>;
  /** Called once the push transaction has committed. */
  committed(events: ChangeEvent[]): void;
  subscribe(listener: (event: ChangeEvent) => void): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'cocare_changes';

/**
 * Sends events to every server listening on PostgreSQL, when the transaction commits. For
 * processes without a bus of their own (the admin CLI revoking a device).
 */
export async function notifyOnCommit(tx: Queryable, events: ChangeEvent[]): Promise<void> {
  for (const payload of notifyPayloads(events)) {
    await tx.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]);
  }
}

/**
 * PostgreSQL refuses a NOTIFY payload of 8000 bytes or more, and one event is about 80 bytes: a
 * district job touching some 100 centres in one transaction would fail. The events go out as as
 * many notifications as they need, each a JSON array under the limit, so a push may touch any
 * number of centres (server/sync/changes.test.ts sends 1,000).
 */
export function notifyPayloads(events: ChangeEvent[], limit = NOTIFY_PAYLOAD_LIMIT): string[] {
  const payloads: string[] = [];
  let parts: string[] = [];
  let bytes = 2; // the brackets
  for (const event of events) {
    const part = JSON.stringify(event);
    const size = Buffer.byteLength(part) + (parts.length > 0 ? 1 : 0);
    if (parts.length > 0 && bytes + size > limit) {
      payloads.push(`[${parts.join(',')}]`);
      parts = [];
      bytes = 2;
    }
    parts.push(part);
    bytes += Buffer.byteLength(part) + (parts.length > 1 ? 1 : 0);
  }
  if (parts.length > 0) payloads.push(`[${parts.join(',')}]`);
  return payloads;
}

/** Below PostgreSQL's 8000-byte NOTIFY payload limit, with room to spare. */
const NOTIFY_PAYLOAD_LIMIT = 7_800;

class LocalChangeBus implements ChangeBus {
  protected readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  async publishInTransaction(_tx: Queryable, _events: ChangeEvent[]): Promise<void> {}

  committed(events: ChangeEvent[]): void {
    for (const event of events) this.emitter.emit('change', event);
  }

  subscribe(listener: (event: ChangeEvent) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

class PostgresChangeBus extends LocalChangeBus {
  private client: pg.Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(private readonly connectionString: string) {
    super();
  }

  async start(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        const events = JSON.parse(msg.payload) as ChangeEvent[];
        super.committed(events);
      } catch {
        // A malformed payload is not ours to act on.
      }
    });
    client.on('error', () => this.reconnect());
    client.on('end', () => this.reconnect());
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.client = client;
  }

  private reconnect(): void {
    if (this.closed || this.retry) return;
    this.client = null;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.start().catch(() => this.reconnect());
    }, 1000);
  }

  override async publishInTransaction(tx: Queryable, events: ChangeEvent[]): Promise<void> {
    await notifyOnCommit(tx, events);
  }

  override committed(): void {
    // Delivered by the notification, in every instance including this one.
  }

  override async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners('end');
      client.removeAllListeners('error');
      client.on('error', () => {});
      await client.end().catch(() => {});
    }
    await super.close();
  }
}

export async function createChangeBus(db: Db): Promise<ChangeBus> {
  if (db.kind === 'postgres') {
    const bus = new PostgresChangeBus(db.connectionString);
    await bus.start();
    return bus;
  }
  return new LocalChangeBus();
}
