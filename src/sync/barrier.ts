import type { Operation } from '../effects.js';
import { assert } from '../errors.js';
import { Condition } from './condition.js';
import { BrokenBarrierError, ValueError } from './errors.js';
import { showValue } from '../show.js';

/**
 * Where a barrier is in its cycle:
 * - `filling`: tasks arrive and wait until `parties` of them are there;
 * - `draining`: the last arrival released them; they leave, and newcomers wait
 *   until the last has left;
 * - `resetting`: `reset()` was called while tasks waited; they leave with
 *   BrokenBarrierError, and newcomers wait until the last has left;
 * - `broken`: `abort()` was called; every wait throws BrokenBarrierError until
 *   `reset()`.
 *
 * @example
 * const state: BarrierState = 'filling';
 */
export type BarrierState = 'filling' | 'draining' | 'resetting' | 'broken';

const LEGAL_MOVES: Record<BarrierState, readonly BarrierState[]> = {
  filling: ['draining', 'resetting', 'broken', 'filling'],
  draining: ['filling', 'resetting', 'broken'],
  resetting: ['filling', 'broken'],
  broken: ['filling', 'resetting', 'broken'],
};

/**
 * A meeting point for a fixed number of tasks: asyncio's Barrier. Each task
 * calls `wait()`; when `parties` tasks are waiting, all of them go on, and
 * each gets a distinct index from 0 to parties - 1 (its order of arrival).
 * Then the barrier can be used again.
 *
 * Everything happens under one Condition, whose lock a task takes to arrive
 * and takes again to leave. So the last arrival returns first, in the step
 * that trips the barrier, and the others follow in the order they arrived,
 * each once it has the lock back.
 *
 * @example
 * const barrier = new Barrier(3);
 * const index = yield* barrier.wait(); // 0, 1 or 2, once three tasks wait
 */
export class Barrier {
  private readonly condition = new Condition().describeWaitsAs('Barrier.wait()');
  private readonly partiesValue: number;
  private state: BarrierState = 'filling';
  /** Tasks inside wait(): arrived and not yet left. */
  private count = 0;

  /** Throws ValueError if `parties` is less than 1. */
  constructor(parties: number) {
    if (!Number.isInteger(parties)) throw new TypeError(`Barrier(parties): parties must be an integer, got ${showValue(parties)}`);
    if (parties < 1) throw new ValueError('parties must be >= 1');
    this.partiesValue = parties;
  }

  /** How many tasks must wait for the barrier to let them go. */
  get parties(): number {
    return this.partiesValue;
  }

  /** How many tasks wait for the barrier to fill; 0 while it drains, resets or is broken. */
  get nWaiting(): number {
    return this.state === 'filling' ? this.count : 0;
  }

  /** True after `abort()`, until `reset()`. */
  get broken(): boolean {
    return this.state === 'broken';
  }

  /**
   * Waits until `parties` tasks are waiting, then returns this task's index
   * (its place in the order of arrival). Throws BrokenBarrierError if the
   * barrier is broken, or is aborted or reset while this task waits.
   */
  wait(): Operation<number> {
    return this.condition.with(() => this.passThrough());
  }

  /**
   * Puts the barrier back to filling. Tasks waiting at it get
   * BrokenBarrierError; while they leave, newcomers wait. An operation
   * because it takes the barrier's lock.
   *
   * @example
   * yield* barrier.reset();
   */
  reset(): Operation<void> {
    return this.condition.with(() => this.resetHolding());
  }

  /**
   * Breaks the barrier: every task waiting at it, and every later `wait()`
   * until `reset()`, throws BrokenBarrierError. An operation because it takes
   * the barrier's lock.
   *
   * @example
   * yield* barrier.abort();
   */
  abort(): Operation<void> {
    return this.condition.with(() => this.abortHolding());
  }

  toString(): string {
    const waiting = this.broken ? '' : `, waiters:${this.nWaiting}/${this.partiesValue}`;
    return `Barrier [${this.state}${waiting}]`;
  }

  /** The body of wait(), holding the lock. */
  private *passThrough(): Operation<number> {
    yield* this.waitUntilOpen();
    try {
      const index = this.count;
      this.count++;
      if (index + 1 === this.partiesValue) this.releaseAll();
      else yield* this.waitUntilReleased();
      return index;
    } finally {
      this.count--;
      this.leave();
    }
  }

  /** Waits out a drain or reset; then throws if the barrier is broken. */
  private *waitUntilOpen(): Operation<void> {
    yield* this.condition.waitFor(() => this.state !== 'draining' && this.state !== 'resetting');
    if (this.state === 'broken') throw new BrokenBarrierError('Barrier aborted');
  }

  /** The last arrival: every waiter may go. */
  private releaseAll(): void {
    this.moveTo('draining');
    this.condition.notifyAll();
  }

  /** Waits until the barrier stops filling; throws if that was a reset or an abort. */
  private *waitUntilReleased(): Operation<void> {
    yield* this.condition.waitFor(() => this.state !== 'filling');
    if (this.state === 'broken' || this.state === 'resetting') {
      throw new BrokenBarrierError('Abort or reset of barrier');
    }
  }

  /** The last task out ends a drain or reset and wakes whoever waits for that. */
  private leave(): void {
    assert(this.count >= 0, `${this.toString()} has a negative count`);
    if (this.count > 0) return;
    if (this.state === 'draining' || this.state === 'resetting') this.moveTo('filling');
    this.condition.notifyAll();
  }

  private *resetHolding(): Operation<void> {
    if (this.count === 0) this.moveTo('filling');
    else if (this.state !== 'resetting') this.moveTo('resetting');
    this.condition.notifyAll();
  }

  private *abortHolding(): Operation<void> {
    this.moveTo('broken');
    this.condition.notifyAll();
  }

  /** The one place the state changes. */
  private moveTo(next: BarrierState): void {
    assert(LEGAL_MOVES[this.state].includes(next), `${this.toString()}: illegal move ${this.state} -> ${next}`);
    this.state = next;
  }
}
