import { ENDED_WITHOUT_VALUE, type AwaitEffect } from './await-effect.js';
import { checkTime } from './loop/check-time.js';

/**
 * The effects a task may yield. Each is a plain object that says what the task
 * waits for and describes itself (`sleep(500)`, `await Task 'work'`), so a
 * test can step a generator by hand and inspect what it yielded, and traces and
 * errors can name it. Take them with `yield*`, which also gives the result its
 * type: `const x = yield* task`.
 *
 * @example
 * const step = main().next();
 * if (!step.done && step.value.kind === 'sleep') console.log(step.value.delayMs);
 */
export type Effect = SleepEffect<unknown> | AwaitEffect<unknown>;

/**
 * An operation: what a generator function that yields effects returns.
 *
 * @example
 * function* fetchTwice(): Operation<number> {
 *   yield* sleep(10);
 *   return 2;
 * }
 */
export type Operation<T> = Generator<Effect, T, unknown>;

/**
 * Suspends the task for `delayMs` virtual milliseconds, then resumes it with
 * `result`. A delay of 0 or less gives up exactly one loop iteration, as
 * `asyncio.sleep(0)` does.
 *
 * @example
 * function* work() { yield* sleep(500); console.log('half a second later'); }
 */
export class SleepEffect<T = void> {
  /**
   * Where a `yield*` that uses this object as its own iterator stands: idle,
   * started (the effect not yet handed over) or handed over (waiting for the
   * task to resume). One number rather than two flags: every sleep allocates one.
   */
  private iteration: 0 | 1 | 2 = 0;

  constructor(
    readonly delayMs: number,
    readonly result: T,
  ) {}

  /** Always `sleep`; on the prototype, so it costs an effect nothing. */
  get kind(): 'sleep' {
    return 'sleep';
  }

  get description(): string {
    return `sleep(${this.delayMs})`;
  }

  /**
   * An effect is also the iterator result that hands it over: `value` is the
   * effect, `done` is false. A generator's `yield*` passes that object through
   * to the task unchanged, so handing an effect over allocates nothing. On
   * the prototype, so they cost an effect nothing.
   */
  get value(): this {
    return this;
  }

  get done(): false {
    return false;
  }

  /**
   * `yield* sleep(ms)` runs on the effect itself, without a generator object:
   * this is the hot path of every sleep. An effect object that is already
   * being iterated (one stored and shared between tasks) gets a separate
   * iterator, so sharing one stays correct.
   */
  [Symbol.iterator](): Iterator<Effect, T, unknown> {
    if (this.iteration !== 0) return new SleepIterator(this);
    this.iteration = 1;
    return this;
  }

  next(): IteratorResult<Effect, T> {
    // First call: hand the effect to the task. Second call: the sleep is over.
    if (this.iteration === 1) {
      this.iteration = 2;
      return this as IteratorYieldResult<Effect>;
    }
    this.iteration = 0;
    return this.result === undefined ? (ENDED_WITHOUT_VALUE as IteratorResult<Effect, T>) : { value: this.result, done: true };
  }

  throw(error: unknown): IteratorResult<Effect, T> {
    this.iteration = 0;
    throw error;
  }

  return(value: T): IteratorResult<Effect, T> {
    this.iteration = 0;
    return { value, done: true };
  }
}

/** The iterator of a SleepEffect that is already being iterated elsewhere. */
class SleepIterator<T> implements Iterator<Effect, T, unknown> {
  private yielded = false;

  constructor(private readonly effect: SleepEffect<T>) {}

  next(): IteratorResult<Effect, T> {
    if (this.yielded) return { value: this.effect.result, done: true };
    this.yielded = true;
    return { value: this.effect as SleepEffect<unknown>, done: false };
  }

  throw(error: unknown): IteratorResult<Effect, T> {
    this.yielded = true;
    throw error;
  }

  return(value: T): IteratorResult<Effect, T> {
    this.yielded = true;
    return { value, done: true };
  }
}

export { AwaitEffect } from './await-effect.js';

/**
 * `yield* sleep(ms)`: suspend for `ms` virtual milliseconds (asyncio.sleep).
 * `sleep(0)` yields to the loop for one iteration.
 *
 * @example
 * const value = yield* sleep(100, 'done'); // 'done', 100 ms later
 */
export function sleep(delayMs: number): SleepEffect<void>;
export function sleep<T>(delayMs: number, result: T): SleepEffect<T>;
export function sleep<T>(delayMs: number, result?: T): SleepEffect<T | undefined> {
  checkTime('sleep', 'delayMs', delayMs);
  return new SleepEffect(delayMs, result);
}
