import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startLinkProxy, type LinkProxy } from './link-proxy';

let server: Server;
let proxy: LinkProxy | null = null;
let handled = 0;

afterEach(async () => {
  await proxy?.close();
  proxy = null;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function echoServer(short = false): Promise<number> {
  handled = 0;
  server = createServer((req, res) => {
    handled++;
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => res.end(short ? `got ${body.length}` : `echo:${body}`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('link proxy', () => {
  it('relays traffic and counts the bytes each way', async () => {
    proxy = await startLinkProxy({ targetPort: await echoServer() });
    const response = await fetch(proxy.url, { method: 'POST', body: 'hello' });
    expect(await response.text()).toBe('echo:hello');
    expect(proxy.stats().bytesUp).toBeGreaterThan(5);
    expect(proxy.stats().bytesDown).toBeGreaterThan(10);
  });

  it('holds a reply back by at least a round trip and the transfer time of its bytes', async () => {
    proxy = await startLinkProxy({
      targetPort: await echoServer(),
      latencyMs: 100,
      bytesPerSecond: 20_000,
    });
    const started = performance.now();
    await (await fetch(proxy.url, { method: 'POST', body: 'x'.repeat(4000) })).text();
    // 4 kB up at 20 kB/s is 200 ms, plus 100 ms each way at least.
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('shares its bandwidth between connections, as one real line does', async () => {
    proxy = await startLinkProxy({ targetPort: await echoServer(true), bytesPerSecond: 20_000 });
    const started = performance.now();
    // Two uploads of 4 kB at once, on two connections, short answers: 8 kB up at 20 kB/s is
    // 400 ms, where two lines of their own would take 200.
    const post = () =>
      fetch(proxy!.url, { method: 'POST', body: 'x'.repeat(4000) }).then((r) => r.text());
    await Promise.all([post(), post()]);
    expect(proxy.stats().connections).toBe(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(395);
  });

  it('refuses connections while cut and works again once restored', async () => {
    proxy = await startLinkProxy({ targetPort: await echoServer() });
    proxy.cut();
    await expect(fetch(proxy.url)).rejects.toThrow();
    proxy.restore();
    expect(await (await fetch(proxy.url)).text()).toBe('echo:');
  });

  it('can lose the answer after the server has handled the request', async () => {
    proxy = await startLinkProxy({ targetPort: await echoServer() });
    proxy.loseResponses(true);
    await expect(fetch(proxy.url, { method: 'POST', body: 'x' })).rejects.toThrow();
    expect(handled).toBe(1);
  });
});
