import type { Effect } from './effects.js';
import { RuntimeError } from './errors.js';
import type { Future } from './future.js';

/**
 * The end of an effect that carries no value: one frozen object serves every
 * such end, since `yield*` reads it at once and keeps nothing.
 */
export const ENDED_WITHOUT_VALUE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/**
 * The effect of `yield* future` (or `yield* task`): wait until the future is
 * done; `yield*` then returns its result or throws its error. A future makes
 * one the first time it is awaited and reuses it, so a program writes
 * `yield* future`, never this object; a test stepping a generator by hand sees
 * it as `{ kind: 'await', future, description }`.
 *
 * Like asyncio's Future.__await__, it suspends only while the future is
 * pending: awaiting a done future returns at once.
 *
 * @example
 * function* waiter(future: Future<number>) { return yield* future; }
 * const step = waiter(new Future<number>()).next();
 * step.value instanceof AwaitEffect; // true: it waits on the future
 */
export class AwaitEffect<T> {
  /** Whether this `yield*` has handed the effect to its task and waits to be resumed. */
  private suspended = false;

  constructor(readonly future: Future<T>) {}

  get kind(): 'await' {
    return 'await';
  }

  get description(): string {
    return `await ${this.future.toString()}`;
  }

  /** Its own iterator result when it suspends, as SleepEffect's: handing it over allocates nothing. */
  get value(): this {
    return this;
  }

  get done(): false {
    return false;
  }

  [Symbol.iterator](): Iterator<Effect, T, unknown> {
    return this;
  }

  next(): IteratorResult<Effect, T> {
    const future = this.future;
    if (!future.done()) {
      // Resumed while the future is still pending: the effect was not awaited by a task.
      if (this.suspended) throw new RuntimeError(`await wasn't used with future: ${future.toString()}`);
      this.suspended = true;
      return this as IteratorYieldResult<Effect>;
    }
    // The result, or the error thrown from here into the awaiting generator.
    const value = future.result();
    return value === undefined ? (ENDED_WITHOUT_VALUE as IteratorResult<Effect, T>) : { value, done: true };
  }

  throw(error: unknown): IteratorResult<Effect, T> {
    throw error;
  }

  return(value: T): IteratorResult<Effect, T> {
    return { value, done: true };
  }
}
