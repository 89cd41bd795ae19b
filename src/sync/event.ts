import type { Operation } from '../effects.js';
import { assert } from '../errors.js';
import { Future } from '../future.js';
import { Deque } from './deque.js';
import { LoopBinding } from './loop-binding.js';

/**
 * A flag that tasks can wait for: asyncio's Event. `set()` wakes every task
 * waiting at that moment, in the order they started waiting, and later
 * `wait()`s return at once until `clear()`.
 *
 * Invariant: while the flag is set, no waiter is pending (set() finishes all
 * of them); each waiter leaves the list itself, when its task resumes.
 *
 * @example
 * const ready = new Event();
 * createTask((function* () { yield* sleep(100); ready.set(); })());
 * yield* ready.wait(); // returns true at t=100
 */
export class Event {
  private value = false;
  private readonly waiters = new Deque<Future<true>>();
  private readonly binding = new LoopBinding(this);

  /** True while the flag is set. */
  isSet(): boolean {
    return this.value;
  }

  /**
   * Sets the flag and wakes every waiting task. A waiter that is already done
   * (its task was cancelled) is skipped. Does nothing if the flag is set.
   */
  set(): void {
    if (this.value) return;
    this.value = true;
    for (const waiter of this.waiters) if (!waiter.done()) waiter.setResult(true);
  }

  /** Clears the flag: from now on `wait()` blocks until the next `set()`. */
  clear(): void {
    this.value = false;
  }

  /**
   * Returns true at once if the flag is set; otherwise waits for `set()`.
   * A task woken by `set()` returns true even if the flag was cleared again
   * before it resumed.
   */
  *wait(): Operation<true> {
    this.binding.checkHost();
    if (this.value) return true;
    const waiter = new Future<true>({ loop: this.binding.loop(), description: 'Event.wait()' });
    this.waiters.push(waiter);
    try {
      yield* waiter;
      return true;
    } finally {
      assert(this.waiters.remove(waiter), 'an Event waiter left the list before its task resumed');
    }
  }

  toString(): string {
    const waiting = this.waiters.length > 0 ? `, waiters:${this.waiters.length}` : '';
    return `Event [${this.value ? 'set' : 'unset'}${waiting}]`;
  }
}
