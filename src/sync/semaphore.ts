import type { Operation } from '../effects.js';
import { assert, CancelledError } from '../errors.js';
import { Future } from '../future.js';
import { holding } from './acquirable.js';
import { Deque } from './deque.js';
import { ValueError } from './errors.js';
import { LoopBinding } from './loop-binding.js';
import { showValue } from '../show.js';

/**
 * A counter of free slots: asyncio's Semaphore. `acquire()` takes a slot,
 * waiting while there is none; `release()` gives one back.
 *
 * Unlike Lock, the hand-off is direct: `release()` takes the slot on behalf of
 * the first pending waiter before waking it. It is fair: a newcomer waits
 * while any waiter that has not been cancelled is queued, even if slots are
 * free. A waiter woken and then cancelled before it resumes gives its slot
 * back; and every acquire that ends, however it ends, wakes as many waiters
 * as there are free slots, so no slot is stranded.
 *
 * @example
 * const slots = new Semaphore(2);
 * yield* slots.with(function* () {
 *   yield* sleep(10); // at most two tasks are here at once
 * });
 */
export class Semaphore {
  /** Free slots, not counting those already handed to woken waiters. Never negative. */
  protected value: number;
  private readonly waiters = new Deque<Future<true>>();
  private readonly binding = new LoopBinding(this);

  /** Throws ValueError if `value` is negative. */
  constructor(value = 1) {
    if (!Number.isInteger(value)) throw new TypeError(`${new.target.name}(value): value must be an integer, got ${showValue(value)}`);
    if (value < 0) throw new ValueError('Semaphore initial value must be >= 0');
    this.value = value;
  }

  /** True when `acquire()` would wait: no free slot, or a live waiter queued ahead. */
  locked(): boolean {
    return this.value === 0 || this.waiters.some((waiter) => !waiter.cancelled());
  }

  /** Takes a slot, waiting for one in turn if needed; returns true. */
  *acquire(): Operation<true> {
    this.binding.checkHost();
    if (!this.locked()) {
      this.value--;
      return true;
    }
    const waiter = new Future<true>({ loop: this.binding.loop(), description: 'Semaphore.acquire()' });
    this.waiters.push(waiter);
    try {
      try {
        try {
          yield* waiter;
        } finally {
          assert(this.waiters.remove(waiter), 'a Semaphore waiter left the list before its task resumed');
        }
      } catch (error) {
        // Woken (so handed a slot), then cancelled before it resumed: give the slot back.
        if (error instanceof CancelledError && waiter.done() && !waiter.cancelled()) this.value++;
        throw error;
      }
    } finally {
      // Newcomers may have queued behind us while slots were free: wake as many as fit.
      while (this.value > 0) {
        if (!this.wakeUpNext()) break;
      }
    }
    return true;
  }

  /** Gives a slot back and wakes the first waiter that is still pending. */
  release(): void {
    this.value++;
    this.wakeUpNext();
  }

  /**
   * `async with semaphore:` runs `body` holding a slot and gives it back
   * however the body ends; returns the body's result.
   *
   * @example
   * const value = yield* semaphore.with(function* () { return 42; });
   */
  with<R>(body: () => Operation<R>): Operation<R> {
    return holding(this, body);
  }

  toString(): string {
    const state = this.locked() ? 'locked' : `unlocked, value:${this.value}`;
    const waiting = this.waiters.length > 0 ? `, waiters:${this.waiters.length}` : '';
    return `${this.constructor.name} [${state}${waiting}]`;
  }

  /** Hands a slot to the first waiter that is not done and wakes it; false when there is none. */
  private wakeUpNext(): boolean {
    for (const waiter of this.waiters) {
      if (waiter.done()) continue;
      this.value--;
      waiter.setResult(true);
      return true;
    }
    return false;
  }
}

/**
 * A Semaphore that refuses to be released above its initial value, which
 * catches a release without a matching acquire: asyncio's BoundedSemaphore.
 *
 * @example
 * const slots = new BoundedSemaphore(1);
 * yield* slots.acquire();
 * slots.release();
 * slots.release(); // throws ValueError: BoundedSemaphore released too many times
 */
export class BoundedSemaphore extends Semaphore {
  private readonly boundValue: number;

  constructor(value = 1) {
    super(value);
    this.boundValue = value;
  }

  /** Throws ValueError if every slot is already free. */
  override release(): void {
    if (this.value >= this.boundValue) throw new ValueError('BoundedSemaphore released too many times');
    super.release();
  }
}
