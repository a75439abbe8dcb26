/**
 * Years of history in a desk's store, for the cold start's budget (issue 18, part 3: ≤ 2 s at
 * about 500,000 documents). No desk can be filled that far by its first sync in the bench's time
 * (docs/PERFORMANCE.md), so the bench writes the older years straight into the store: copies of
 * the records the desk's own first sync wrote (its documents and RxDB's bookkeeping of each), each
 * copy a year of 364 days older (the weekday kept), with new ids of that time. The records are the
 * storage's own bytes, with the same indexes; only ids, dates and `updatedAt` differ (RxDB's
 * `_meta.lwt`, when this desk stored the record, is kept: all of it is before the sync's end).
 *
 * What is copied: the history the first sync brought (records written before `before`), never
 * the people (their number is the centre's, not the years'), never the day's own check-ins and
 * never a visit still open.
 * The copies' sealed fields stay as sealed for the original's id: the desk could not open them,
 * and a start that read one would fail loudly (the bench logs page errors). That is the point: a
 * start must not read the history.
 */
import type { Page } from 'playwright-core';

export interface AgedStore {
  /** Documents in the store before and after (the collections' stores, not the bookkeeping). */
  before: number;
  after: number;
  /** Bookkeeping records copied beside the documents. */
  bookkeeping: number;
  ms: number;
}

/**
 * Grows the desk's store to `target` documents by copying `historyDatabases`' records written
 * before `before` (epoch ms) as older years. The desk must not be open (no page of it loaded):
 * the copies go in by plain IndexedDB requests from a page of the same origin.
 */
export async function ageDeskStore(
  page: Page,
  options: {
    historyDatabases: string[];
    allDatabases: string[];
    target: number;
    before: number;
  },
): Promise<AgedStore> {
  return page.evaluate(async ({ historyDatabases, allDatabases, target, before }) => {
    const started = performance.now();
    const DAY = 86_400_000;
    const YEAR = 364 * DAY;
    const BATCH = 2_000;
    type Row = Record<string, unknown>;
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
      });
    const open = (name: string) =>
      new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error ?? new Error(`cannot open ${name}`));
        r.onblocked = () => reject(new Error(`${name} is held open by another page`));
      });
    const readAll = async (db: IDBDatabase) =>
      (await request(db.transaction('docs').objectStore('docs').getAll())) as Row[];
    const count = async (db: IDBDatabase) =>
      db.objectStoreNames.contains('docs')
        ? await request(db.transaction('docs').objectStore('docs').count())
        : 0;
    const writeAll = async (db: IDBDatabase, rows: Row[]) => {
      for (let i = 0; i < rows.length; i += BATCH) {
        const tx = db.transaction('docs', 'readwrite', { durability: 'relaxed' });
        const store = tx.objectStore('docs');
        for (const row of rows.slice(i, i + BATCH)) store.put(row);
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
        });
      }
    };

    // A UUIDv7's first 48 bits are its time in ms: the copy's id is the original's, made `shift`
    // ms earlier (same length, so it sorts as an older document's would).
    const UUID7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7/;
    const olderId = (id: string, shift: number) => {
      if (!UUID7.test(id)) return `${id}~${shift / YEAR}`;
      const ms = parseInt(id.slice(0, 8) + id.slice(9, 13), 16) - shift;
      const hex = ms.toString(16).padStart(12, '0');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}${id.slice(13)}`;
    };
    const DATE = /^(\d{4})-(\d{2})-(\d{2})(T.*)?$/;
    // A hybrid-clock timestamp (`updatedAt`, shared/hlc.ts): 15 digits of ms, counter, node.
    const HLC = /^(\d{15})(-\d{5}-.+)$/;
    const olderDate = (text: string, shift: number) => {
      const hlc = HLC.exec(text);
      if (hlc) return String(Number(hlc[1]) - shift).padStart(15, '0') + hlc[2]!;
      const m = DATE.exec(text);
      if (!m) return text;
      const day = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!) - shift);
      return day.toISOString().slice(0, 10) + (m[4] ?? '');
    };
    // Every string of a record: an id of a copied document becomes its copy's, a date moves back.
    const older = (value: unknown, ids: Map<string, string>, shift: number): unknown => {
      if (typeof value === 'string') {
        const same = ids.get(value);
        if (same) return same;
        const bar = value.lastIndexOf('|');
        if (bar > 0) {
          const item = ids.get(value.slice(0, bar));
          if (item) return item + value.slice(bar);
        }
        return olderDate(value, shift);
      }
      if (Array.isArray(value)) return value.map((v) => older(v, ids, shift));
      if (value && typeof value === 'object') {
        const out: Row = {};
        for (const [k, v] of Object.entries(value)) out[k] = older(v, ids, shift);
        return out;
      }
      return value;
    };

    let existing = 0;
    for (const name of allDatabases) {
      const db = await open(name);
      existing += await count(db);
      db.close();
    }
    const history: { db: IDBDatabase; rows: Row[] }[] = [];
    for (const name of historyDatabases) {
      const db = await open(name);
      const rows = (await readAll(db)).filter((r) => {
        const meta = r._meta as { lwt?: number } | undefined;
        return (
          typeof meta?.lwt === 'number' &&
          meta.lwt < before &&
          // Closed visits only: a visit still open is today's (those in when the desk was set up).
          r.status !== 'in' &&
          r._deleted !== '1' &&
          r._deleted !== true
        );
      });
      history.push({ db, rows });
    }
    const perYear = history.reduce((n, h) => n + h.rows.length, 0);
    if (perYear === 0) throw new Error('no history in the store to copy');
    const bookkeepingNames = (await indexedDB.databases())
      .map((d) => d.name ?? '')
      .filter((n) => n.includes('rx-replication-meta'));
    const bookkeeping: { db: IDBDatabase; rows: Row[] }[] = [];
    for (const name of bookkeepingNames) {
      const db = await open(name);
      bookkeeping.push({ db, rows: db.objectStoreNames.contains('docs') ? await readAll(db) : [] });
    }

    let needed = target - existing;
    let copiedBookkeeping = 0;
    for (let year = 1; needed > 0; year++) {
      const shift = year * YEAR;
      const ids = new Map<string, string>();
      for (const h of history) {
        const rows = h.rows.slice(0, needed);
        needed -= rows.length;
        for (const r of rows) ids.set(r.id as string, olderId(r.id as string, shift));
        await writeAll(
          h.db,
          rows.map((r) => older(r, ids, shift) as Row),
        );
      }
      for (const b of bookkeeping) {
        const rows = b.rows.filter((r) => r.isCheckpoint === '0' && ids.has(r.itemId as string));
        copiedBookkeeping += rows.length;
        await writeAll(
          b.db,
          rows.map((r) => older(r, ids, shift) as Row),
        );
      }
    }
    for (const h of [...history, ...bookkeeping]) h.db.close();

    let after = 0;
    for (const name of allDatabases) {
      const db = await open(name);
      after += await count(db);
      db.close();
    }
    return {
      before: existing,
      after,
      bookkeeping: copiedBookkeeping,
      ms: Math.round(performance.now() - started),
    };
  }, options);
}
