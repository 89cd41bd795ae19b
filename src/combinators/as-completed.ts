import type { Operation } from '../effects.js';
import { TimeoutError } from '../errors.js';
import type { Future } from '../future.js';
import { checkTime } from '../loop/check-time.js';
import { getRunningLoop } from '../loop/running.js';
import type { TimerHandle } from '../loop/timer-heap.js';
import { CompletionQueue } from './completion-queue.js';
import type { ResultOf } from './outcome.js';

/**
 * The options of `asCompleted` (asyncio's `as_completed(aws, timeout=...)`).
 *
 * @example
 * for (const next of asCompleted(tasks, { timeoutMs: 500 })) console.log(yield* next);
 */
export interface AsCompletedOptions {
  /** Give up after this many milliseconds: every operation still to come throws TimeoutError. Null: no limit. */
  timeoutMs?: number | null;
}

/**
 * The iterator `asCompleted` returns (asyncio's `_AsCompletedIterator`). Each
 * `next()` gives an operation that waits for the next future to finish and
 * returns its result or throws its error; there are as many as futures.
 * `nextDone()` is the `async for` form: it gives the next finished future
 * itself, or undefined when all have been given.
 *
 * Futures finish into a queue in the order their done callbacks run, which
 * is the order they completed in. Futures already done when the iterator is
 * made come first, in the order given (asyncio's order there follows a set).
 *
 * @example
 * const iterator: AsCompleted<Task<number>> = asCompleted([a, b]);
 * let future: Task<number> | undefined;
 * while ((future = yield* iterator.nextDone()) !== undefined) console.log(future.result());
 */
export class AsCompleted<F extends Future<unknown>> implements IterableIterator<Operation<ResultOf<F>>> {
  /** Finished futures, with null for each one the timeout gave up on. */
  private readonly finished: CompletionQueue<F | null>;
  /** Futures not finished yet; emptied at once by the timeout. */
  private readonly todo: Set<F>;
  private todoLeft: number;
  private timer: TimerHandle | null = null;

  constructor(futures: Iterable<F>, timeoutMs: number | null) {
    if (timeoutMs !== null) checkTime('asCompleted', 'timeoutMs', timeoutMs);
    const loop = getRunningLoop();
    this.finished = new CompletionQueue<F | null>(loop, 'asCompleted()');
    this.todo = new Set(futures);
    for (const future of this.todo) future.addDoneCallback(this.onCompletion);
    if (this.todo.size > 0 && timeoutMs !== null) this.timer = loop.callLater(timeoutMs, this.onTimeout);
    this.todoLeft = this.todo.size;
  }

  [Symbol.iterator](): this {
    return this;
  }

  /** The operation for the next future to finish; counted as soon as it is handed out. */
  next(): IteratorResult<Operation<ResultOf<F>>> {
    if (this.todoLeft === 0) return { done: true, value: undefined };
    this.todoLeft--;
    return { done: false, value: this.resultOfNext() };
  }

  /**
   * Waits for the next future to finish and returns that future (asyncio's
   * `__anext__`); undefined once every future has been handed out. Throws
   * TimeoutError if the timeout passed first.
   *
   * @example
   * const completed = asCompleted(tasks);
   * for (let task = yield* completed.nextDone(); task !== undefined; task = yield* completed.nextDone()) {
   *   console.log(task.getName(), 'finished');
   * }
   */
  *nextDone(): Operation<F | undefined> {
    if (this.todoLeft === 0) return undefined;
    this.todoLeft--;
    return yield* this.waitForOne();
  }

  private *resultOfNext(): Operation<ResultOf<F>> {
    const future = yield* this.waitForOne();
    return future.result() as ResultOf<F>;
  }

  private *waitForOne(): Operation<F> {
    const future = yield* this.finished.get();
    if (future === null) throw new TimeoutError();
    return future;
  }

  private readonly onCompletion = (future: Future<unknown>): void => {
    // The timeout got here first and already queued a null for this one.
    if (this.todo.size === 0) return;
    this.todo.delete(future as F);
    this.finished.put(future as F);
    if (this.todo.size === 0) this.timer?.cancel();
  };

  private readonly onTimeout = (): void => {
    for (const future of this.todo) {
      future.removeDoneCallback(this.onCompletion);
      this.finished.put(null);
    }
    this.todo.clear();
  };
}

/**
 * Gives the futures' outcomes in the order they finish (asyncio.as_completed,
 * as a plain iterator): each item is an operation to `yield*`, which returns
 * the result of the next future to finish or throws its error. With
 * `timeoutMs`, the operations still waiting when it passes throw TimeoutError.
 * A future given twice counts once.
 *
 * @example
 * for (const next of asCompleted([slow, fast])) {
 *   const value = yield* next; // fast's result first
 * }
 */
export function asCompleted<F extends Future<unknown>>(futures: Iterable<F>, options: AsCompletedOptions = {}): AsCompleted<F> {
  return new AsCompleted(futures, options.timeoutMs ?? null);
}
