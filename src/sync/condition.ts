import type { Operation } from '../effects.js';
import { assert, CancelledError, RuntimeError } from '../errors.js';
import { Future } from '../future.js';
import { holding } from './acquirable.js';
import { Deque } from './deque.js';
import { Lock } from './lock.js';
import { LoopBinding } from './loop-binding.js';
import { showValue } from '../show.js';

/**
 * A condition variable: asyncio's Condition. Tasks holding its lock wait to be
 * notified; `wait()` lets the lock go while waiting and takes it back before
 * returning. The lock is the condition's own, or one given to share.
 *
 * The surprising part: `wait()` always comes back holding the lock, even when
 * the task is cancelled while it waits; it takes the lock again (refusing
 * further cancellations meanwhile) and only then throws the CancelledError.
 * And a waiter that leaves by an error passes its notification on to the next
 * waiter, since it may have been notified already.
 *
 * @example
 * const ready = new Condition();
 * yield* ready.with(function* () {
 *   yield* ready.waitFor(() => items.length > 0);
 *   return items.shift();
 * });
 */
export class Condition {
  private readonly lock: Lock;
  /** One future per waiting task, oldest first; each wait removes its own. */
  private readonly waiters = new Deque<Future<boolean>>();
  private readonly binding = new LoopBinding(this);
  /** How a waiting task's deadlock report names the wait. */
  private waitDescription = 'Condition.wait()';

  /** Throws TypeError for a `lock` that is not a Lock. */
  constructor(lock: Lock = new Lock()) {
    if (!(lock instanceof Lock)) throw new TypeError(`Condition(lock): lock must be a Lock, got ${showValue(lock)}`);
    this.lock = lock;
  }

  /**
   * @internal Names the waits of a primitive built on this condition (a
   * Barrier's are `Barrier.wait()`), so its deadlock report names what the
   * program called.
   */
  describeWaitsAs(description: string): this {
    this.waitDescription = description;
    return this;
  }

  /** True while the lock is held. */
  locked(): boolean {
    return this.lock.locked();
  }

  /** Takes the lock, as Lock.acquire. */
  acquire(): Operation<true> {
    return this.lock.acquire();
  }

  /** Lets the lock go, as Lock.release. */
  release(): void {
    this.lock.release();
  }

  /**
   * `async with condition:` runs `body` holding the lock and releases it
   * however the body ends; returns the body's result.
   *
   * @example
   * yield* condition.with(function* () { condition.notifyAll(); });
   */
  with<R>(body: () => Operation<R>): Operation<R> {
    return holding(this, body);
  }

  /**
   * Releases the lock, waits for a notify, takes the lock again and returns
   * true. Throws RuntimeError if the lock is not held. May return without a
   * notify having been meant for this task, so callers check their condition
   * again (or use `waitFor`).
   */
  *wait(): Operation<true> {
    this.binding.checkHost();
    if (!this.locked()) throw new RuntimeError('cannot wait on un-acquired lock');
    const waiter = new Future<boolean>({ loop: this.binding.loop(), description: this.waitDescription });
    this.release();
    try {
      try {
        this.waiters.push(waiter);
        try {
          yield* waiter;
          return true;
        } finally {
          assert(this.waiters.remove(waiter), 'a Condition waiter left the list before its task resumed');
        }
      } finally {
        yield* this.reacquire();
      }
    } catch (error) {
      // We may have been notified before the error: hand the notification on.
      this.wakeWaiters(1);
      throw error;
    }
  }

  /**
   * Waits until `predicate()` is truthy, checking it first and after each
   * wakeup, and returns its last value. Must be called holding the lock.
   *
   * @example
   * const item = yield* condition.waitFor(() => items[0]);
   */
  *waitFor<R>(predicate: () => R): Operation<R> {
    let result = predicate();
    while (!result) {
      yield* this.wait();
      result = predicate();
    }
    return result;
  }

  /**
   * Wakes up to `n` waiting tasks, oldest first, skipping those already done.
   * Each resumes only once it gets the lock back, so the caller should release
   * it. Throws RuntimeError if the lock is not held.
   */
  notify(n = 1): void {
    if (!this.locked()) throw new RuntimeError('cannot notify on un-acquired lock');
    this.wakeWaiters(n);
  }

  /** Wakes every waiting task; throws RuntimeError if the lock is not held. */
  notifyAll(): void {
    this.notify(this.waiters.length);
  }

  toString(): string {
    const waiting = this.waiters.length > 0 ? `, waiters:${this.waiters.length}` : '';
    return `Condition [${this.locked() ? 'locked' : 'unlocked'}${waiting}]`;
  }

  /**
   * Takes the lock back whatever happens. Cancellations that arrive meanwhile
   * are held back; the last one is thrown once the lock is ours. The loop ends
   * because each turn needs a new cancel request, which only another task or
   * callback can make.
   */
  private *reacquire(): Operation<void> {
    let cancelled: CancelledError | null = null;
    for (;;) {
      try {
        yield* this.acquire();
        break;
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error;
        cancelled = error;
      }
    }
    if (cancelled !== null) throw cancelled;
  }

  /** Wakes the first `n` waiters that are not done yet. */
  private wakeWaiters(n: number): void {
    let woken = 0;
    for (const waiter of this.waiters) {
      if (woken >= n) break;
      if (waiter.done()) continue;
      woken++;
      waiter.setResult(false);
    }
  }
}
