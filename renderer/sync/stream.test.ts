import { afterEach, describe, expect, it } from 'vitest';
import { listenForHints } from './stream';
import type { SyncError } from './errors';

/** A fetch answering from a script: each call takes the next answer. */
function scriptedFetch(answers: (() => Response)[]): { fetch: typeof fetch; calls: () => number } {
  let calls = 0;
  return {
    fetch: (async () => {
      const answer = answers[Math.min(calls, answers.length - 1)]!;
      calls++;
      return answer();
    }) as typeof fetch,
    calls: () => calls,
  };
}

const refused = (status: number, code: string) => () =>
  new Response(JSON.stringify({ error: { code, message: code } }), {
    status,
    headers: { 'content-type': 'application/json' },
  });

const openStream = () =>
  new Response(
    new ReadableStream({
      start(controller) {
        controller.enqueue(
          new TextEncoder().encode(
            'retry: 5000\n: connected\n\nevent: change\ndata: {"collections":["members"]}\n\n',
          ),
        );
      },
    }),
    { status: 200, headers: { 'content-type': 'text/event-stream' } },
  );

describe('the live hint stream', () => {
  let stop: (() => void) | null = null;
  afterEach(() => stop?.());

  /** Listens through the script and records what the stream tells its caller. */
  function listen(script: ReturnType<typeof scriptedFetch>) {
    const heard = { opened: 0, downs: [] as SyncError[], hints: [] as string[][] };
    stop = listenForHints({
      baseUrl: 'http://district.test',
      token: () => 'token',
      fetch: script.fetch,
      onOpen: () => heard.opened++,
      onHint: (collections) => heard.hints.push(collections),
      onDown: (error) => heard.downs.push(error),
    }).stop;
    return heard;
  }

  it('after an answer that is not the device being refused, reconnects and passes hints on', async () => {
    const heard = listen(scriptedFetch([refused(400, 'bad_request'), openStream]));
    await expect.poll(() => heard.opened, { timeout: 8_000 }).toBe(1);
    expect(heard.downs.map((d) => d.code)).toEqual(['bad_request']);
    await expect.poll(() => heard.hints, { timeout: 2_000 }).toEqual([['members']]);
  });

  it('stops for good when the district refuses the device', async () => {
    const script = scriptedFetch([refused(401, 'device_revoked'), openStream]);
    const heard = listen(script);
    await expect.poll(() => heard.downs.length, { timeout: 2_000 }).toBe(1);
    // Longer than the first backoff (2 s): a stream still trying would have called again.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(script.calls()).toBe(1);
    expect(heard.opened).toBe(0);
    expect(heard.downs[0]!.code).toBe('device_revoked');
  });
});
