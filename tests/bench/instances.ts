/**
 * The district scaled out (issue 18, part 5): 1, 2 and 3 district server processes on one
 * PostgreSQL, each started as `npm run district` starts it (server/main.ts), behind a round-robin
 * balancer, driven by desks paced as real ones are: each keeps its live stream open and syncs
 * every 30–60 s with a few check-ins, and pulls when its stream says the other desk of its centre
 * wrote. The number of desks grows step by step until the p99 of a sync request passes its limit
 * or requests fail: the last step that held is what that many instances serve on this machine.
 *
 * Besides latency and throughput, each step reads what the machine spent (from /proc): CPU time
 * of the instances, of PostgreSQL and of this driver per sync request, and the instances' resident
 * memory. docs/PERFORMANCE.md builds its capacity model from those.
 */
import { setMaxListeners } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { startTestDistrict, createSyncClient } from '../../server/testing/harness';
import {
  freePort,
  startDistrictProcess,
  TEST_SECRET,
  type DistrictProcess,
} from '../../server/testing/process';
import type { PullRequest, SyncCheckpoint } from '../../shared/sync/protocol';
import { generateMembers, Rng } from '../fixtures/generate';
import { cpuSeconds, percentile, visitRows } from './lib';
import type { Figure } from './suite';

export interface InstancesOptions {
  /** How many server processes, in turn. */
  instances: number[];
  /** The desk counts of the ramp, smallest first. */
  desks: number[];
  /** How long each step of the ramp runs. */
  stepSeconds: number;
  /** A desk syncs again after a pause drawn from this range (seconds). */
  paceSeconds: [number, number];
  /** Check-ins a desk pushes at each sync, drawn from this range. */
  pushDocs: [number, number];
  desksPerCentre: number;
  /** A step whose p99 is above this (or with failed requests) ends the ramp. */
  p99LimitMs: number;
}

export const INSTANCES_FULL: InstancesOptions = {
  instances: [1, 2, 3],
  desks: [500, 1_000, 2_000, 4_000, 6_000],
  stepSeconds: 60,
  paceSeconds: [30, 60],
  pushDocs: [1, 5],
  desksPerCentre: 2,
  p99LimitMs: 1_000,
};

const SEED = 20_261_206;
const PULLED = ['members', 'attendance', 'auditLog'] as const;
const ms = (n: number) => Math.round(n * 10) / 10;

function residentMiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds of each PostgreSQL process on the machine (the bench's server is the only one), by
 * process: a backend that ends takes its time with it, so a step counts what each process still
 * alive at its end spent during it.
 */
function postgresCpu(): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (comm === 'postgres' || comm.startsWith('postgres:'))
        byPid.set(Number(entry), cpuSeconds(Number(entry)));
    } catch {
      // gone meanwhile
    }
  }
  return byPid;
}

function postgresCpuSince(before: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of postgresCpu()) total += seconds - (before.get(pid) ?? 0);
  return total;
}

interface Device {
  token: string;
  centreId: string;
  node: string;
  /** Kept from step to step, as a desk keeps its checkpoints. */
  checkpoints: Record<string, SyncCheckpoint | null>;
  rng: Rng;
}

interface StepResult {
  instances: number;
  desks: number;
  /** Seconds until every desk's stream was open, all connecting at once. */
  connectSeconds: number;
  /** Streams the district refused or dropped (not counting the step's end). */
  streamsRefused: number;
  requests: number;
  failed: number;
  hintPulls: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** CPU milliseconds per sync request: instances, PostgreSQL, this driver. */
  cpuMsPerRequest: { instances: number; postgres: number; driver: number };
  /** The instances' resident memory at the end of the step (MiB each). */
  residentMiB: number[];
  holds: boolean;
}

/**
 * One step: `desks` desks, each with its stream open on one instance and its requests spread
 * over all, for `stepSeconds`.
 */
async function runStep(
  options: InstancesOptions,
  instances: DistrictProcess[],
  devices: Device[],
  desks: number,
): Promise<StepResult> {
  const members = generateMembers({ seed: SEED, people: 50, days: 30, centreId: 'x' });
  const latencies: number[] = [];
  let failed = 0;
  let hintPulls = 0;
  let next = 0;
  let measuring = true;
  const stopping = new AbortController();
  const timers = new Set<NodeJS.Timeout>();
  const later = (fn: () => void, after: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, after);
    timers.add(timer);
  };
  const inFlight = new Set<Promise<void>>();

  // A stream per desk waits on this signal: thousands of listeners, on purpose.
  setMaxListeners(0, stopping.signal);
  const connecting: Promise<void>[] = [];
  const starts: (() => void)[] = [];
  let streamsRefused = 0;
  let opened = 0;
  const t0 = performance.now();

  devices.slice(0, desks).forEach((device, d) => {
    const { rng, checkpoints } = device;
    let syncing = false;
    let again = false;

    const sync = async (push: boolean) => {
      if (syncing) {
        again = true;
        return;
      }
      syncing = true;
      const client = createSyncClient(instances[next++ % instances.length]!.url, device.token);
      const now = Date.now();
      const pushes = push
        ? {
            attendance: visitRows({
              centreId: device.centreId,
              node: device.node,
              rng,
              members,
              now,
              count: rng.int(...options.pushDocs),
            }),
          }
        : {};
      const pulls = Object.fromEntries(
        PULLED.map((c) => [
          c,
          { checkpoint: checkpoints[c] ?? null, batchSize: 300 } as PullRequest,
        ]),
      );
      const start = performance.now();
      try {
        const answer = await client.batch({ pushes: pushes as never, pulls });
        if (measuring) latencies.push(performance.now() - start);
        for (const [c, p] of Object.entries(answer.pulls))
          checkpoints[c] = p?.checkpoint ?? checkpoints[c] ?? null;
      } catch {
        if (measuring && !stopping.signal.aborted) failed++;
      } finally {
        syncing = false;
        if (again && !stopping.signal.aborted) {
          again = false;
          void sync(false);
        }
      }
    };

    const scheduleSync = (first: boolean) => {
      const [low, high] = options.paceSeconds;
      const pause = first ? rng.next() * high : low + rng.next() * (high - low);
      later(() => {
        if (stopping.signal.aborted) return;
        const run = sync(true);
        inFlight.add(run);
        void run.finally(() => inFlight.delete(run));
        scheduleSync(false);
      }, pause * 1000);
    };

    // The live stream, on one instance; a change hint makes the desk pull.
    const streamUrl = `${instances[d % instances.length]!.url}/api/sync/stream`;
    let connected!: () => void;
    connecting.push(new Promise<void>((r) => (connected = r)));
    void (async () => {
      try {
        const res = await fetch(streamUrl, {
          headers: { authorization: `Bearer ${device.token}` },
          signal: stopping.signal,
        });
        connected();
        if (res.ok) opened++;
        else streamsRefused++;
        const reader = res.body!.getReader();
        const decoder = new TextDecoder();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          if (decoder.decode(value, { stream: true }).includes('event: change')) {
            if (measuring) hintPulls++;
            void sync(false);
          }
        }
      } catch {
        // stopped, or the stream failed
        connected();
        if (!stopping.signal.aborted) streamsRefused++;
      }
    })();
    starts.push(() => scheduleSync(true));
  });
  // Every desk connects at once (as after an instance restarts), then syncs at its own pace: the
  // step measures the paced syncs, not the reconnection.
  await Promise.race([Promise.all(connecting), new Promise((r) => setTimeout(r, 120_000))]);
  // A stream not open within two minutes counts as refused.
  streamsRefused = Math.max(streamsRefused, desks - opened);
  const connectSeconds = (performance.now() - t0) / 1000;
  const cpu1 = {
    instances: instances.reduce((a, i) => a + cpuSeconds(i.pid), 0),
    postgres: postgresCpu(),
    driver: process.cpuUsage(),
  };
  const t1 = performance.now();
  starts.forEach((start) => start());

  await new Promise((r) => setTimeout(r, options.stepSeconds * 1000));
  measuring = false;
  const seconds = (performance.now() - t1) / 1000;
  const cpuDriver = process.cpuUsage(cpu1.driver);
  const spent = {
    instances: instances.reduce((a, i) => a + cpuSeconds(i.pid), 0) - cpu1.instances,
    postgres: postgresCpuSince(cpu1.postgres),
    driver: (cpuDriver.user + cpuDriver.system) / 1e6,
  };
  const resident = instances.map((i) => Math.round(residentMiB(i.pid)));
  stopping.abort();
  for (const timer of timers) clearTimeout(timer);
  await Promise.allSettled([...inFlight]);

  const requests = latencies.length;
  const p99 = percentile(latencies, 99);
  const perRequest = (s: number) => (requests > 0 ? ms((s * 1000) / requests) : NaN);
  return {
    instances: instances.length,
    desks,
    connectSeconds: ms(connectSeconds),
    streamsRefused,
    requests,
    failed,
    hintPulls,
    requestsPerSecond: ms(requests / seconds),
    p50: ms(percentile(latencies, 50)),
    p99: ms(p99),
    cpuMsPerRequest: {
      instances: perRequest(spent.instances),
      postgres: perRequest(spent.postgres),
      driver: perRequest(spent.driver),
    },
    residentMiB: resident,
    holds: failed === 0 && streamsRefused === 0 && requests > 0 && p99 <= options.p99LimitMs,
  };
}

export async function instanceFigures(
  options: InstancesOptions,
  postgresUrl: string,
  log: (line: string) => void,
): Promise<Figure[]> {
  // The processes share the district's key, as instances behind a balancer do.
  const district = await startTestDistrict({ kind: 'postgres', postgresUrl, secret: TEST_SECRET });
  const figures: Figure[] = [];
  try {
    const most = Math.max(...options.desks);
    log(`  enrolling ${most} desks in ${Math.ceil(most / options.desksPerCentre)} centres`);
    const devices: Device[] = [];
    let centreId = '';
    for (let d = 0; d < most; d++) {
      if (d % options.desksPerCentre === 0)
        centreId = await district.createCentre(`scale ${d / options.desksPerCentre}`);
      const device = await district.enrolDevice(centreId, `scale desk ${d}`);
      devices.push({
        ...device,
        node: `dscale${String(d).padStart(6, '0')}`,
        checkpoints: Object.fromEntries(PULLED.map((c) => [c, null])),
        rng: new Rng(SEED + d),
      });
    }
    for (const count of options.instances) {
      const instances: DistrictProcess[] = [];
      try {
        for (let i = 0; i < count; i++)
          instances.push(
            await startDistrictProcess({
              port: await freePort(),
              databaseUrl: district.databaseUrl!,
              env: { DISTRICT_RETENTION_INTERVAL_HOURS: '0' },
            }),
          );
        const idle = instances.map((i) => Math.round(residentMiB(i.pid)));
        const steps: StepResult[] = [];
        for (const desks of options.desks) {
          const step = await runStep(options, instances, devices, desks);
          steps.push(step);
          log(
            `  ${count} instance(s), ${desks} desks (all connected in ${step.connectSeconds} s): ` +
              `${step.requestsPerSecond} req/s, p50 ${step.p50} ms, ` +
              `p99 ${step.p99} ms, ${step.failed} failed, ${step.streamsRefused} streams refused, CPU ms/request instances ${step.cpuMsPerRequest.instances} ` +
              `postgres ${step.cpuMsPerRequest.postgres} driver ${step.cpuMsPerRequest.driver}, ` +
              `RSS ${step.residentMiB.join('/')} MiB`,
          );
          if (!step.holds) break;
        }
        const held = steps.filter((s) => s.holds).at(-1);
        const where =
          `${count} district process(es) (server/main.ts) on one PostgreSQL, round-robin; desks paced ` +
          `every ${options.paceSeconds.join('–')} s with ${options.pushDocs.join('–')} check-ins, ` +
          `streams open, ${options.desksPerCentre} desks a centre; steps of ${options.stepSeconds} s; ` +
          `a step holds with p99 ≤ ${options.p99LimitMs} ms and no failed request`;
        const detail = { idleResidentMiB: idle, steps };
        figures.push(
          {
            id: `instances.${count}.desks`,
            label: `${count} district instance(s): paced desks served (largest step that held)`,
            value: held?.desks ?? 0,
            unit: 'desks',
            budget: null,
            pass: null,
            where,
            detail,
          },
          {
            id: `instances.${count}.throughput`,
            label: `${count} district instance(s): sync requests per second at that step`,
            value: held?.requestsPerSecond ?? 0,
            unit: 'req/s',
            budget: null,
            pass: null,
            where,
            detail,
          },
          {
            id: `instances.${count}.p99`,
            label: `${count} district instance(s): p99 of a sync request at that step`,
            value: held?.p99 ?? steps[0]!.p99,
            unit: 'ms',
            budget: null,
            pass: null,
            where,
            detail,
          },
          {
            id: `instances.${count}.rss`,
            label: `${count} district instance(s): resident memory of the largest, at that step`,
            value: Math.max(...(held ?? steps[0]!).residentMiB),
            unit: 'MiB',
            budget: null,
            pass: null,
            where,
            detail,
          },
        );
      } finally {
        await Promise.all(instances.map((i) => i.stop()));
      }
    }
  } finally {
    await district.close();
  }
  return figures;
}
