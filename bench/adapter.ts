/**
 * What every implementation under comparison provides: one function per
 * workload, with the same semantics everywhere (see bench/README.md). Each
 * returns what the harness needs to verify the run, never a timing; the
 * harness times the call. A function may return a promise (promise-based
 * libraries) or the value itself (synchronous schedulers).
 */
export type MaybePromise<T> = T | Promise<T>;

/** What W2 reports so the harness can check that the tasks really interleaved. */
export interface InterleaveOutcome {
  /** Sum of the values the joined tasks returned (task i returns i). */
  readonly joinedSum: number;
  /** Total yields performed, over all tasks. */
  readonly yields: number;
  /** The least progress of any task at the moment the first task finished. */
  readonly minProgressAtFirstFinish: number;
}

export interface Adapter {
  readonly name: string;
  /** W1: one task yields `n` times (a zero-delay yield); returns how many yields it counted. */
  w1Yield(n: number): MaybePromise<number>;
  /** W2: `tasks` tasks of `yields` yields each, all started, then all joined. */
  w2Interleave(tasks: number, yields: number): MaybePromise<InterleaveOutcome>;
  /** W3s: `n` tasks that return their index at once, each spawned and joined before the next; returns the sum. */
  w3sSpawnJoin(n: number): MaybePromise<number>;
  /** W3b: `n` tasks that return their index at once, all spawned, then all joined; returns the sum. */
  w3bSpawnAllJoin(n: number): MaybePromise<number>;
  /** W4: task i sleeps `delaysFor(n, seed)[i]` ms; returns the task indices in completion order. */
  w4Timers(n: number, seed: number): MaybePromise<readonly number[]>;
  /** W5: `n` tasks sleeping a long time are cancelled; returns how many saw it in a finally block. */
  w5Cancel(n: number): MaybePromise<number>;
  /**
   * M1: calls `probe()` once before starting anything and once while `n`
   * tasks are suspended in a long sleep, then cleans up; returns how many
   * tasks had reached the sleep at the second probe.
   */
  m1Suspend(n: number, probe: () => void): MaybePromise<number>;
  /**
   * X1 (simloop only: the others have no schedule exploration): explores
   * `runs` seeded random schedules of a 10-task program; returns how many
   * schedules ran and passed.
   */
  x1Explore?(runs: number): MaybePromise<number>;
}

/** A sleep long enough never to end during a workload (fits setTimeout's 32-bit limit). */
export const LONG_SLEEP_MS = 1_000_000_000;
