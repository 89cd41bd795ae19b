import type { Operation } from '../effects.js';
import { Future } from '../future.js';
import type { Loop } from '../loop/loop.js';

/**
 * An unbounded FIFO whose `get` waits while it is empty: exactly the part of
 * asyncio.Queue that as_completed uses (`put_nowait` and `get`), with the
 * same wakeups. A waiting `get` parks on a future of its own; `put` resolves
 * the first of those still pending, and the woken getter takes an item in a
 * later loop iteration, or parks again if another getter took it first.
 *
 * @example
 * const queue = new CompletionQueue<string>(loop, 'asCompleted()');
 * queue.put('a');
 * const item = yield* queue.get(); // 'a', without waiting
 */
export class CompletionQueue<T> {
  private readonly items: T[] = [];
  /** Futures of the waiting gets, oldest first; some may be done already. */
  private readonly getters: Future<void>[] = [];

  /** `description` names a waiting get in a deadlock report: the user's call, not this internal queue. */
  constructor(
    private readonly loop: Loop,
    private readonly description: string,
  ) {}

  put(item: T): void {
    this.items.push(item);
    this.wakeNext();
  }

  *get(): Operation<T> {
    while (this.items.length === 0) {
      const getter = new Future<void>({ loop: this.loop, description: this.description });
      this.getters.push(getter);
      try {
        yield* getter;
      } catch (error) {
        getter.cancel();
        const index = this.getters.indexOf(getter);
        if (index >= 0) this.getters.splice(index, 1);
        // Woken but cancelled before taking the item: pass the wakeup on.
        if (this.items.length > 0 && !getter.cancelled()) this.wakeNext();
        throw error;
      }
    }
    return this.items.shift() as T;
  }

  private wakeNext(): void {
    for (let getter = this.getters.shift(); getter !== undefined; getter = this.getters.shift()) {
      if (!getter.done()) {
        getter.setResult(undefined);
        return;
      }
    }
  }
}
