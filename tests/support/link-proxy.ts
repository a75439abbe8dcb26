/**
 * A TCP link simulator for tests and benchmarks (`tc netem` is not available here): it sits
 * between a client and a server on loopback and gives the link a bandwidth, a latency, and faults.
 *
 * - Bandwidth: each direction is one serial line shared by every connection, as on a real link;
 *   a chunk occupies it for size ÷ bytesPerSecond. (Parallel connections do not add bandwidth.)
 * - Latency: each chunk arrives `latencyMs` after it finished sending (one way; RTT = 2×).
 * - `cut()`: every open connection is dropped and new ones are refused until `restore()`.
 * - `setBandwidth(n)`: a new speed from now on (a congested line that clears).
 * - `loseResponses(true)`: requests still reach the server, but the first byte of any answer
 *   closes the client's connection, as when a link dies after the server committed.
 */
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';

export interface LinkOptions {
  targetPort: number;
  targetHost?: string;
  /** Bytes per second in each direction; unlimited when absent. */
  bytesPerSecond?: number;
  /** One-way delay in milliseconds. */
  latencyMs?: number;
}

export interface LinkStats {
  /** Client → server bytes. */
  bytesUp: number;
  /** Server → client bytes. */
  bytesDown: number;
  connections: number;
}

export interface LinkProxy {
  url: string;
  port: number;
  stats(): LinkStats;
  resetStats(): void;
  cut(): void;
  restore(): void;
  loseResponses(on: boolean): void;
  /** Changes the link's bandwidth (both directions), as when a congested line clears. */
  setBandwidth(bytesPerSecond: number | undefined): void;
  close(): Promise<void>;
}

/** One direction of the whole link: its bandwidth, which every connection shares. */
class Pipe {
  private freeAt = 0;

  constructor(public bytesPerSecond: number | undefined) {}

  /** A new speed from now on; what was queued at the old speed is let go. */
  setSpeed(bytesPerSecond: number | undefined): void {
    this.bytesPerSecond = bytesPerSecond;
    this.freeAt = 0;
  }

  /** When a chunk of `size` bytes, ready at `now`, has been sent. */
  send(size: number, now: number): number {
    const start = Math.max(now, this.freeAt);
    this.freeAt = start + (this.bytesPerSecond ? (size / this.bytesPerSecond) * 1000 : 0);
    return this.freeAt;
  }
}

/** One direction of one connection: delivers its chunks in order, after the link's latency. */
class Line {
  private lastDelivery = 0;

  constructor(
    private readonly pipe: Pipe,
    private readonly latencyMs: number,
  ) {}

  deliverAt(size: number, now: number): number {
    const sent = this.pipe.send(size, now);
    this.lastDelivery = Math.max(sent + this.latencyMs, this.lastDelivery);
    return this.lastDelivery;
  }
}

export async function startLinkProxy(options: LinkOptions): Promise<LinkProxy> {
  const latency = options.latencyMs ?? 0;
  const up = new Pipe(options.bytesPerSecond);
  const downPipe = new Pipe(options.bytesPerSecond);
  const sockets = new Set<Socket>();
  let stats: LinkStats = { bytesUp: 0, bytesDown: 0, connections: 0 };
  let down = false;
  let losing = false;

  const relay = (
    from: Socket,
    to: Socket,
    line: Line,
    count: (n: number) => void,
    isDown: boolean,
  ) => {
    from.on('data', (chunk: Buffer) => {
      if (isDown && losing) {
        from.destroy();
        to.destroy();
        return;
      }
      count(chunk.length);
      const at = line.deliverAt(chunk.length, Date.now());
      const wait = at - Date.now();
      if (wait <= 0 && !from.isPaused()) {
        if (!to.destroyed) to.write(chunk);
      } else {
        setTimeout(() => {
          if (!to.destroyed) to.write(chunk);
        }, wait);
      }
    });
    from.on('end', () => {
      const at = line.deliverAt(0, Date.now());
      setTimeout(() => to.end(), Math.max(0, at - Date.now()));
    });
  };

  const server = createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    stats.connections++;
    const upstream = connect(options.targetPort, options.targetHost ?? '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
    relay(client, upstream, new Line(up, latency), (n) => (stats.bytesUp += n), false);
    relay(upstream, client, new Line(downPipe, latency), (n) => (stats.bytesDown += n), true);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats: () => ({ ...stats }),
    resetStats: () => {
      stats = { bytesUp: 0, bytesDown: 0, connections: 0 };
    },
    cut: () => {
      down = true;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    restore: () => {
      down = false;
    },
    loseResponses: (on) => {
      losing = on;
    },
    setBandwidth: (bytesPerSecond) => {
      up.setSpeed(bytesPerSecond);
      downPipe.setSpeed(bytesPerSecond);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
