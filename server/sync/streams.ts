/**
 * The open `GET /api/sync/stream` connections of one server: change hints to the streams of the
 * centre that changed, and pings for all of them together.
 *
 * - A change event reaches only the streams of its centre (all of them for the district's
 *   documents), never the device that pushed: looked up by centre, so a push costs the streams it
 *   concerns, not every stream of the server.
 * - Every `pingMs` one query re-checks the tokens of all the streams (auth.ts
 *   `recheckDeviceTokens`): a stream whose device was revoked or whose token no longer works gets
 *   `event: error` with the error a request would get, and ends; the others get a `: ping`
 *   comment, which keeps proxies from closing them. This also notices a revocation no event told
 *   this server of (the admin CLI on PGlite).
 *
 * Each stream used to re-check its token on its own timer and to hear every event of the server:
 * a query per stream every 20 s (300 a second for 6,000 open desks) and a call per stream for each
 * push (docs/PERFORMANCE.md, "The district scaled out").
 */
import type { ServerResponse } from 'node:http';
import { DISTRICT_CENTRE_ID } from '../../shared/schemas';
import { recheckDeviceTokens } from '../auth';
import type { Queryable } from '../db/db';
import type { HttpError } from '../errors';
import type { ChangeBus, ChangeEvent } from './changes';

interface Stream {
  res: ServerResponse;
  tokenHash: string;
  deviceId: string;
  centreId: string;
}

export class LiveStreams {
  private readonly byCentre = new Map<string, Set<Stream>>();
  private readonly byDevice = new Map<string, Set<Stream>>();
  private readonly all = new Set<Stream>();
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private round: Promise<void> | null = null;

  constructor(
    private readonly db: Queryable,
    changes: ChangeBus,
    pingMs: number,
  ) {
    this.unsubscribe = changes.subscribe((event) => this.dispatch(event));
    this.timer = setInterval(() => {
      this.round ??= this.pingAll().finally(() => (this.round = null));
    }, pingMs);
    this.timer.unref();
  }

  /** A stream opened by a device with the token of this hash; it leaves when it closes. */
  add(res: ServerResponse, who: { tokenHash: string; deviceId: string; centreId: string }): void {
    const stream: Stream = { res, ...who };
    this.all.add(stream);
    setOf(this.byCentre, who.centreId).add(stream);
    setOf(this.byDevice, who.deviceId).add(stream);
    res.on('close', () => {
      this.all.delete(stream);
      removeFrom(this.byCentre, who.centreId, stream);
      removeFrom(this.byDevice, who.deviceId, stream);
    });
  }

  private dispatch(event: ChangeEvent): void {
    if (event.revokedDeviceId !== undefined) {
      const revoked = this.byDevice.get(event.revokedDeviceId);
      if (revoked) void this.recheck([...revoked], false);
      return;
    }
    const streams =
      event.centreId === DISTRICT_CENTRE_ID ? this.all : this.byCentre.get(event.centreId);
    if (!streams) return;
    const hint = `event: change\ndata: ${JSON.stringify({ collections: event.collections })}\n\n`;
    for (const { res, deviceId } of streams) {
      if (deviceId !== event.originDeviceId && !res.writableEnded) res.write(hint);
    }
  }

  private pingAll(): Promise<void> {
    return this.all.size === 0 ? Promise.resolve() : this.recheck([...this.all], true);
  }

  /** Ends the streams whose token no longer works; pings the others if asked to. */
  private async recheck(streams: Stream[], ping: boolean): Promise<void> {
    let verdicts: Map<string, HttpError | null> | null = null;
    try {
      verdicts = await recheckDeviceTokens(this.db, [...new Set(streams.map((s) => s.tokenHash))]);
    } catch {
      // The database hiccups: the streams are kept, and re-checked at the next round.
    }
    for (const { res, tokenHash } of streams) {
      if (res.writableEnded || res.destroyed) continue;
      const refused = verdicts?.get(tokenHash);
      if (refused) {
        res.write(`event: error\ndata: ${JSON.stringify(refused.toBody())}\n\n`);
        res.end();
      } else if (ping) {
        res.write(': ping\n\n');
      }
    }
  }

  /** Ends every stream (the server is closing) and stops listening and pinging. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.unsubscribe();
    await this.round;
    for (const { res } of this.all) res.end();
    this.all.clear();
    this.byCentre.clear();
    this.byDevice.clear();
  }
}

function setOf<K, V>(map: Map<K, Set<V>>, key: K): Set<V> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}

function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}
