import type { LoopTask } from './loop.js';

/**
 * The single seam through which every scheduling choice passes. The loop asks
 * a policy only where more than one order is possible; FIFO answers 0 every
 * time, which is asyncio's order. Seeded and scripted policies (schedule
 * exploration, replay) implement the same two methods.
 *
 * @example
 * run(main(), { policy: FIFO });
 */
export interface SchedulingPolicy {
  /** A name for traces and reports, e.g. `fifo`. */
  readonly name: string;
  /**
   * Index in [0, count) of the callback to run next among the `count` (≥ 2)
   * callbacks still to run in this loop iteration, in FIFO order.
   */
  chooseReady(count: number): number;
  /**
   * Index in [0, count) of the timer to fire next among `count` (≥ 2) timers
   * due at the same instant, in scheduling order.
   */
  chooseTimer(count: number): number;
  /**
   * Optional: whether to cancel `task` just before this resumption, so that
   * CancelledError is thrown in at exactly this yield (cancellation-point
   * exploration). Asked once per step; absent means never.
   */
  cancelAtResumption?(task: LoopTask): boolean;
  /**
   * Optional: a choice of a simulated world's, in its named stream (`net`,
   * `disk`, `crash`, `clock`, `buggify`, `random`): an index in [0, count),
   * 0 being the fault-free answer (deliver, no crash, the base latency).
   * `weights`, when given (one per alternative), are the odds a seeded
   * policy draws by; a scripted one ignores them. Absent means 0 always, so
   * a plain `run` is fault-free. Where a choice point is and what each
   * answer means must not depend on anything but the program and its
   * options, or a replay would not meet the same choices.
   */
  chooseWorld?(stream: string, kind: string, count: number, weights?: readonly number[]): number;
  /**
   * Optional: a swarm parameter of this run (a fault probability, say),
   * drawn from the run's seed in [min, max]. Swarm parameters only weigh
   * world choices, never decide where they are. Absent means `min`: faults off.
   */
  drawSwarm?(name: string, min: number, max: number): number;
}

/**
 * asyncio's order: ready callbacks first in, first out; equal deadlines in scheduling order.
 *
 * @example
 * run(main(), { policy: FIFO }); // the same as run(main())
 */
export const FIFO: SchedulingPolicy = Object.freeze({
  name: 'fifo',
  chooseReady: () => 0,
  chooseTimer: () => 0,
});
