/**
 * The workloads: what each measures, its sizes, how many operations a run
 * performs, and how a run's result is verified. Every implementation runs
 * the same workload with the same semantics; only N may shrink for a slow
 * peer, which is why results are reported per operation.
 */
import type { Adapter, InterleaveOutcome } from './adapter.js';
import { expectedOrder } from './delays.js';

export const IMPLEMENTATIONS = ['floor', 'bound', 'promise', 'effection', 'redux-saga', 'simloop'] as const;
export type Implementation = (typeof IMPLEMENTATIONS)[number];

/**
 * The fastest plain-JavaScript implementations: simloop's target is 1.5× the
 * better of them. Not `bound`: it measures what simloop's contract costs, so
 * it is a reference for the target, never its baseline.
 */
export const BASELINES: readonly Implementation[] = ['floor', 'promise'];

export interface Sizes {
  /** Tasks (or yields, for W1). */
  readonly n: number;
  /** Yields per task (W2 only). */
  readonly yields: number;
}

export interface Workload {
  readonly id: string;
  readonly title: string;
  /** What one sample measures. */
  readonly unit: 'ns/op' | 'bytes/task' | 'schedules/s';
  /** The implementations that can run it; all when absent. */
  readonly only?: readonly Implementation[];
  readonly full: Sizes;
  readonly quick: Sizes;
  /** Divides N at full size for implementations too slow to run it five times in reasonable time. */
  readonly slowDivisor?: Partial<Record<Implementation, number>>;
  operations(sizes: Sizes): number;
  /** Runs the workload once; returns what `verify` checks. */
  call(adapter: Adapter, sizes: Sizes, probe: () => void): unknown;
  /** Null when the result is right, else why not. */
  verify(result: unknown, sizes: Sizes): string | null;
}

/** W4's seed: any fixed number; the delays it gives are the same for every implementation. */
export const W4_SEED = 20_240_601;

function expectEqual(what: string, actual: unknown, expected: unknown): string | null {
  return actual === expected ? null : `${what}: expected ${String(expected)}, got ${String(actual)}`;
}

function sumBelow(n: number): number {
  return (n * (n - 1)) / 2;
}

export const WORKLOADS: readonly Workload[] = [
  {
    id: 'W1',
    title: 'yield: one task yields N times (sleep(0))',
    unit: 'ns/op',
    full: { n: 10_000_000, yields: 0 },
    quick: { n: 2_000, yields: 0 },
    operations: (s) => s.n,
    call: (a, s) => a.w1Yield(s.n),
    verify: (r, s) => expectEqual('yields counted', r, s.n),
  },
  {
    id: 'W2',
    title: 'interleave: N tasks × 100 yields, all started, then all joined',
    unit: 'ns/op',
    full: { n: 10_000, yields: 100 },
    quick: { n: 50, yields: 5 },
    operations: (s) => s.n * s.yields,
    call: (a, s) => a.w2Interleave(s.n, s.yields),
    verify: (r, s) => {
      const outcome = r as InterleaveOutcome;
      return (
        expectEqual('sum of joined results', outcome.joinedSum, sumBelow(s.n)) ??
        expectEqual('total yields', outcome.yields, s.n * s.yields) ??
        (outcome.minProgressAtFirstFinish >= s.yields - 1
          ? null
          : `not interleaved: when the first task finished, one had yielded only ${outcome.minProgressAtFirstFinish} of ${s.yields} times`)
      );
    },
  },
  {
    id: 'W3s',
    title: 'spawn-join: N tasks that return at once, each joined before the next',
    unit: 'ns/op',
    full: { n: 2_000_000, yields: 0 },
    quick: { n: 1_000, yields: 0 },
    slowDivisor: { effection: 10 },
    operations: (s) => s.n,
    call: (a, s) => a.w3sSpawnJoin(s.n),
    verify: (r, s) => expectEqual('sum of joined results', r, sumBelow(s.n)),
  },
  {
    id: 'W3b',
    title: 'spawn-all-join: N tasks spawned, then all joined',
    unit: 'ns/op',
    full: { n: 200_000, yields: 0 },
    quick: { n: 1_000, yields: 0 },
    slowDivisor: { effection: 10 },
    operations: (s) => s.n,
    call: (a, s) => a.w3bSpawnAllJoin(s.n),
    verify: (r, s) => expectEqual('sum of joined results', r, sumBelow(s.n)),
  },
  {
    id: 'W4',
    title: 'timers: N tasks sleep seeded delays in 0..10,000 ms; order must be (delay, spawn index)',
    unit: 'ns/op',
    full: { n: 100_000, yields: 0 },
    quick: { n: 1_000, yields: 0 },
    slowDivisor: { effection: 10 },
    operations: (s) => s.n,
    call: (a, s) => a.w4Timers(s.n, W4_SEED),
    verify: (r, s) => {
      const order = r as readonly number[];
      const expected = expectedOrder(s.n, W4_SEED);
      if (order.length !== s.n) return `completion order has ${order.length} entries, expected ${s.n}`;
      for (let i = 0; i < s.n; i++) {
        if (order[i] !== expected[i]) return `completion ${i} was task ${order[i]}, expected task ${expected[i]}`;
      }
      return null;
    },
  },
  {
    id: 'W5',
    title: 'cancel: N tasks sleeping a long time are cancelled, each sees it in finally',
    unit: 'ns/op',
    full: { n: 100_000, yields: 0 },
    quick: { n: 1_000, yields: 0 },
    slowDivisor: { effection: 10 },
    operations: (s) => s.n,
    call: (a, s) => a.w5Cancel(s.n),
    verify: (r, s) => expectEqual('cancellations seen in finally', r, s.n),
  },
  {
    id: 'M1',
    title: 'memory: heap bytes per task suspended in a sleep',
    unit: 'bytes/task',
    full: { n: 100_000, yields: 0 },
    quick: { n: 1_000, yields: 0 },
    slowDivisor: { effection: 10 },
    operations: (s) => s.n,
    call: (a, s, probe) => a.m1Suspend(s.n, probe),
    verify: (r, s) => expectEqual('tasks suspended at the probe (and then cancelled)', r, s.n),
  },
  {
    id: 'X1',
    title: 'exploration: N seeded random schedules of a 10-task program',
    unit: 'schedules/s',
    only: ['simloop'],
    full: { n: 5_000, yields: 0 },
    quick: { n: 20, yields: 0 },
    operations: (s) => s.n,
    call: (a, s) => {
      if (a.x1Explore === undefined) throw new Error(`${a.name} has no schedule exploration`);
      return a.x1Explore(s.n);
    },
    verify: (r, s) => expectEqual('schedules explored, all passing', r, s.n),
  },
];

/** Whether `implementation` takes part in `workload`. */
export function runsOn(workload: Workload, implementation: Implementation): boolean {
  return workload.only === undefined || workload.only.includes(implementation);
}

/** The sizes one implementation runs a workload at. */
export function sizesFor(workload: Workload, implementation: Implementation, quick: boolean): Sizes {
  if (quick) return workload.quick;
  const divisor = workload.slowDivisor?.[implementation] ?? 1;
  return { n: Math.round(workload.full.n / divisor), yields: workload.full.yields };
}
