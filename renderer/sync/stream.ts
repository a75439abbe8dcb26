import { isCollectionName, type CollectionName } from '../../shared/schemas';
import { errorFromResponse, SyncError } from './errors';

export interface HintStreamOptions {
  baseUrl: string;
  /** The device token to connect with, asked at every (re)connect: tokens rotate. */
  token: () => string;
  fetch?: typeof fetch;
  onOpen(): void;
  onHint(collections: CollectionName[]): void;
  onDown(error: SyncError): void;
}

/**
 * Listens to `GET /api/sync/stream` (server-sent events) with fetch, because EventSource cannot
 * send the Authorization header. Reconnects with backoff until stopped; every (re)connect calls
 * `onOpen`, and the caller answers it with a RESYNC so nothing missed while down is skipped.
 */
export function listenForHints(options: HintStreamOptions): { stop(): void } {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  let stopped = false;
  let controller: AbortController | null = null;
  let failures = 0;

  async function connectOnce(): Promise<void> {
    controller = new AbortController();
    const response = await fetchImpl(new URL('/api/sync/stream', options.baseUrl), {
      headers: { authorization: `Bearer ${options.token()}`, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    if (!response.ok || !response.body) throw await errorFromResponse(response);
    failures = 0;
    options.onOpen();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        handleEvent(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  function handleEvent(block: string): void {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trim());
    }
    if (event !== 'change' || data.length === 0) return;
    try {
      const parsed = JSON.parse(data.join('\n')) as { collections?: unknown[] };
      const collections = (parsed.collections ?? []).filter(isCollectionName);
      if (collections.length) options.onHint(collections);
    } catch {
      // A malformed hint is only a hint: the next regular pull still brings the data.
    }
  }

  void (async () => {
    while (!stopped) {
      try {
        await connectOnce();
        if (!stopped)
          options.onDown(new SyncError('offline', 'The live link to the district closed'));
      } catch (caught) {
        if (stopped) break;
        failures++;
        options.onDown(
          caught instanceof SyncError
            ? caught
            : new SyncError('offline', caught instanceof Error ? caught.message : String(caught)),
        );
        // Only the district refusing this device ends the stream (the caller halts the sync).
        // Anything else (a proxy's or portal's odd answer, a server restarting) is tried again
        // with backoff: a stream given up for good would leave the desk stale and its status
        // bar showing an error no one at the desk can fix.
        if (caught instanceof SyncError && caught.refusesDevice) break;
      }
      const wait = Math.min(60_000, 1000 * 2 ** Math.min(failures, 6));
      await new Promise((r) => setTimeout(r, failures === 0 ? 1000 : wait));
    }
  })();

  return {
    stop() {
      stopped = true;
      controller?.abort();
    },
  };
}
