import type { LoopTask } from '../../loop/loop.js';
import type { WorldStream } from './streams.js';

/**
 * The three places a run may differ from FIFO: which ready callback runs
 * next, which of the timers due at one instant fires first, and whether to
 * cancel a task at this resumption.
 *
 * @example
 * const kinds: ChoiceKind[] = report.trace.flatMap((event) => (event.type === 'choice' ? [event.kind] : [])); // ['ready', 'cancel'], say
 */
export type ChoiceKind = 'ready' | 'timer' | 'cancel';

/**
 * Where a run's choices come from: a seeded generator while exploring, a
 * written schedule while replaying. This is the one strategy interface behind
 * every policy; the RecordingPolicy asks it, checks the answer and writes it
 * down, so whatever a chooser decides can be replayed.
 *
 * @example
 * const fifo: Chooser = { name: 'fifo', chooseReady: () => 0, chooseTimer: () => 0, injectCancel: () => false };
 */
export interface Chooser {
  /** How reports name it: `random`, `pct`, `replay`. */
  readonly name: string;
  /** Which of the `count` (≥ 2) callbacks left in this iteration runs next; 0 is FIFO's. */
  chooseReady(count: number): number;
  /** Which of the `count` (≥ 2) timers due at the same instant fires next; 0 is FIFO's. */
  chooseTimer(count: number): number;
  /**
   * Whether to cancel `task` at this resumption. `resumption` counts the
   * cancellation points this run has met before this one (0 for the first).
   */
  injectCancel(task: LoopTask, resumption: number): boolean;
  /**
   * A simulated world's choice in `stream`: an index in [0, count) (count ≥
   * 2), 0 the fault-free answer; `weights`, when given, are the swarm's odds.
   * Absent: 0, no fault.
   */
  chooseWorld?(stream: WorldStream, kind: string, count: number, weights: readonly number[] | undefined): number;
  /** A swarm parameter of this run in [min, max]. Absent: `min` (faults off). */
  drawSwarm?(name: string, min: number, max: number): number;
}

/** Answers 0 everywhere: asyncio's order, never a cancel. */
export const FIFO_CHOOSER: Chooser = Object.freeze({
  name: 'fifo',
  chooseReady: () => 0,
  chooseTimer: () => 0,
  injectCancel: () => false,
});
