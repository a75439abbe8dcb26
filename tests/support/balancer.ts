/**
 * A load balancer in front of several district instances, at the level of the desk's fetch: each
 * request (the event stream included) goes to the next instance in turn, the harshest spread a
 * balancer can give. `move()` drops every request in flight, as when an instance is taken out of
 * the pool, so the desk reconnects and lands on another. `pin(i)` sends everything to one.
 */
export function balancer(urls: string[]) {
  let next = 0;
  let pinned: number | null = null;
  const hits = urls.map(() => 0);
  const inFlight = new Set<AbortController>();

  const balancedFetch: typeof fetch = async (input, init) => {
    const target = pinned ?? next++ % urls.length;
    hits[target]!++;
    const from = new URL(input instanceof Request ? input.url : String(input));
    const to = new URL(from.pathname + from.search, urls[target]);
    const abort = new AbortController();
    inFlight.add(abort);
    const signal = init?.signal ? AbortSignal.any([init.signal, abort.signal]) : abort.signal;
    try {
      return await fetch(to, { ...init, signal });
    } finally {
      // The event stream's body outlives the call: it stays cuttable until `move()`.
      if (from.pathname !== '/api/sync/stream') inFlight.delete(abort);
    }
  };

  return {
    fetch: balancedFetch,
    /** Requests each instance has answered so far. */
    hits: () => [...hits],
    /** Every request and stream in flight is cut; what follows goes round the instances again. */
    move(): void {
      for (const abort of inFlight) abort.abort(new Error('balancer: instance left the pool'));
      inFlight.clear();
    },
    pin(index: number | null): void {
      pinned = index;
    },
  };
}
