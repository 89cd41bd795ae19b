import type { Operation } from '../effects.js';
import { assert, CancelledError, RuntimeError } from '../errors.js';
import { Future } from '../future.js';
import { holding } from './acquirable.js';
import { Deque } from './deque.js';
import { LoopBinding } from './loop-binding.js';

/**
 * A mutual-exclusion lock: asyncio's Lock. It belongs to no task: any task may
 * release it. It is fair: tasks get it in the order they asked, and a task
 * that calls `acquire()` while others wait queues behind them even if the
 * lock is free at that instant.
 *
 * The hand-off is not direct. `release()` unlocks and wakes the first waiter,
 * which takes the lock only when it resumes, an iteration later. Until then
 * the lock reads unlocked, yet a newcomer still queues, because the woken
 * waiter is still in the list (done, not cancelled). If the woken waiter is
 * cancelled before it resumes, it wakes the next one on its way out, so the
 * lock is never lost.
 *
 * @example
 * const lock = new Lock();
 * yield* lock.with(function* () {
 *   yield* sleep(10); // no other task holds `lock` meanwhile
 * });
 */
export class Lock {
  private isLocked = false;
  /** One future per waiting acquire, oldest first; each acquire removes its own. */
  private readonly waiters = new Deque<Future<true>>();
  private readonly binding = new LoopBinding(this);

  /** True while some task holds the lock. */
  locked(): boolean {
    return this.isLocked;
  }

  /**
   * Waits until the lock is free and it is this task's turn, takes it and
   * returns true. A task cancelled while waiting does not take the lock.
   */
  *acquire(): Operation<true> {
    this.binding.checkHost();
    // Queue jumping is allowed only when every queued waiter has given up.
    if (!this.isLocked && !this.waiters.some((waiter) => !waiter.cancelled())) {
      this.isLocked = true;
      return true;
    }
    const waiter = new Future<true>({ loop: this.binding.loop(), description: 'Lock.acquire()' });
    this.waiters.push(waiter);
    try {
      try {
        yield* waiter;
      } finally {
        assert(this.waiters.remove(waiter), 'a Lock waiter left the list before its task resumed');
      }
    } catch (error) {
      // Woken and cancelled, or cancelled while the lock sat free: pass the turn on.
      if (error instanceof CancelledError && !this.isLocked) this.wakeUpFirst();
      throw error;
    }
    assert(!this.isLocked, 'a Lock waiter resumed to find the lock taken');
    this.isLocked = true;
    return true;
  }

  /**
   * Unlocks and wakes the first waiter, if any. Throws RuntimeError if the
   * lock is not locked.
   */
  release(): void {
    if (!this.isLocked) throw new RuntimeError('Lock is not acquired.');
    this.isLocked = false;
    this.wakeUpFirst();
  }

  /**
   * `async with lock:` runs `body` holding the lock and releases it however
   * the body ends; returns the body's result.
   *
   * @example
   * const value = yield* lock.with(function* () { return 42; });
   */
  with<R>(body: () => Operation<R>): Operation<R> {
    return holding(this, body);
  }

  toString(): string {
    const waiting = this.waiters.length > 0 ? `, waiters:${this.waiters.length}` : '';
    return `Lock [${this.isLocked ? 'locked' : 'unlocked'}${waiting}]`;
  }

  /**
   * Makes sure the first waiter will wake. Only the first: if it is already
   * done (woken, or cancelled), its own task will pass the turn on if needed.
   */
  private wakeUpFirst(): void {
    const first = this.waiters.first();
    if (first !== undefined && !first.done()) first.setResult(true);
  }
}
