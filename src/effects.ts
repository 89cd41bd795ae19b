import type { Future } from './future.js';

/**
 * The effects a task may yield. Each is a plain object that says what the task
 * waits for and describes itself (`sleep(500)`, `await Task 'work'`), so a
 * test can step a generator by hand and inspect what it yielded, and traces and
 * errors can name it. Take them with `yield*`, which also gives the result its
 * type: `const x = yield* task`.
 */
export type Effect = SleepEffect<unknown> | AwaitEffect<unknown>;

/** An operation: what a generator function that yields effects returns. */
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
  readonly kind = 'sleep';
  constructor(
    readonly delayMs: number,
    readonly result: T,
  ) {}

  get description(): string {
    return `sleep(${this.delayMs})`;
  }

  *[Symbol.iterator](): Generator<Effect, T, unknown> {
    yield this as SleepEffect<unknown>;
    return this.result;
  }
}

/**
 * Waits for a future (or a task, which is a future) to be done; `yield*` then
 * returns its result or throws its error. Futures yield this themselves, so a
 * program writes `yield* future`, never this object.
 */
export interface AwaitEffect<T> {
  readonly kind: 'await';
  readonly future: Future<T>;
  readonly description: string;
}

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
  if (typeof delayMs !== 'number' || Number.isNaN(delayMs)) {
    throw new TypeError(`sleep(delayMs): delayMs must be a number of milliseconds, got ${String(delayMs)}`);
  }
  return new SleepEffect(delayMs, result);
}
