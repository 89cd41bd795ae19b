import type { ExceptionContext } from './loop/exception-handler.js';
import { cutText, showValue } from './show.js';

/**
 * @internal The mark of an error class whose instances end a run even when a
 * callback raises them, as asyncio's Handle._run re-raises SystemExit and
 * KeyboardInterrupt: a broken kernel invariant, a spent step budget, and the
 * simulated world's HostError carry it (a getter on the class, so that it is
 * no own property an inspected error would print).
 */
export const ENDS_THE_RUN: unique symbol = Symbol('simloop.endsTheRun');

/**
 * The errors simloop raises. Names follow asyncio; each is an exported class so
 * a test can catch it by type.
 */

/**
 * Thrown into a task's generator when the task is cancelled, and raised to
 * whoever awaits a cancelled task or future. Like asyncio's CancelledError it
 * carries the message given to `cancel(msg)`; an empty message means none.
 *
 * @example
 * try { yield* task; } catch (e) { if (e instanceof CancelledError) console.log(e.message); }
 */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor(message = '') {
    super(message);
  }
}

/**
 * @internal A CancelledError made by the kernel (a cancelled sleep, a
 * cancelled future's error): made without capturing a stack trace. Its stack
 * would show only the loop's internals, never where the task was suspended,
 * and capturing it costs more than all the rest of a cancellation. A
 * CancelledError a program makes itself keeps its stack.
 */
export function kernelCancelledError(message: string): CancelledError {
  return withoutStack(CancelledError, message);
}

/**
 * @internal An error of class `Kind` made without capturing a stack trace,
 * for errors a simulation makes often and whose stack would show only
 * simloop's internals (a cancelled sleep, a call that timed out).
 */
export function withoutStack<E extends Error>(Kind: new (message: string) => E, message: string): E {
  const limit = V8_ERROR.stackTraceLimit;
  V8_ERROR.stackTraceLimit = 0;
  try {
    return new Kind(message);
  } finally {
    V8_ERROR.stackTraceLimit = limit;
  }
}

/** Error with V8's stack-depth knob, typed here so the root entry needs no Node types (elsewhere it is ignored). */
const V8_ERROR = Error as ErrorConstructor & { stackTraceLimit?: number };

/**
 * An operation was asked of a future or task in a state that does not allow it,
 * such as `result()` on a pending future or `setResult()` on a done one.
 *
 * @example
 * new Future().result(); // throws InvalidStateError: Result is not ready.
 */
export class InvalidStateError extends Error {
  override name = 'InvalidStateError';
}

/**
 * asyncio's RuntimeError: a misuse the program could not have meant, such as a
 * task awaiting itself or `run()` called while a loop is running.
 *
 * @example
 * run(main()); // inside a running loop: RuntimeError: run() cannot be called from a running event loop
 */
export class RuntimeError extends Error {
  override name = 'RuntimeError';
}

/**
 * A broken kernel invariant. It is never the program's fault and never caught:
 * it means simloop itself is wrong, and it says which rule broke.
 *
 * @example
 * try {
 *   run(main());
 * } catch (error) {
 *   if (error instanceof InvariantError) console.error('a simloop bug, please report:', error.message);
 *   throw error;
 * }
 */
export class InvariantError extends Error {
  override name = 'InvariantError';
  get [ENDS_THE_RUN](): true {
    return true;
  }
}

/** Throws an InvariantError with `message` unless `condition` holds. */
export function assert(condition: boolean, message: string): asserts condition {
  if (!condition) throw new InvariantError(message);
}

/**
 * Throws an InvariantError. Hot paths write `if (!ok) fail(`...`)` so that the
 * message is only built when the invariant is broken.
 */
export function fail(message: string): never {
  throw new InvariantError(message);
}

/**
 * `run()` found main unfinished while nothing was ready and no timer was
 * pending: no event can ever wake the program again. The message lists every
 * unfinished task and what it waits on.
 *
 * @example
 * run(main()); // DeadlockError: deadlock at t=0ms: ... main: waiting on Future 'never'
 */
export class DeadlockError extends Error {
  override name = 'DeadlockError';
  constructor(
    message: string,
    /** The virtual time, in milliseconds, at which the loop ran out of work. */
    readonly timeMs: number,
  ) {
    super(message);
  }
}

/**
 * The loop ran more callbacks than the step budget allows (`maxSteps`), which
 * almost always means a livelock such as an endless `sleep(0)` loop. The
 * message shows the last steps taken.
 *
 * @example
 * run(spin(), { maxSteps: 1000 }); // StepBudgetError: step budget of 1000 callbacks exhausted at t=0ms ...
 */
export class StepBudgetError extends Error {
  override name = 'StepBudgetError';
  get [ENDS_THE_RUN](): true {
    return true;
  }
}

/**
 * Whether `error` ends a run wherever it is thrown, even from a callback,
 * whose other errors go to the loop's exception handler: whether it carries
 * ENDS_THE_RUN.
 */
export function endsTheRun(error: unknown): boolean {
  return typeof error === 'object' && error !== null && ENDS_THE_RUN in error;
}

/**
 * A strict run (`run(main, { strict: true })`, and every run of explore and
 * simTest) had callbacks that raised: `run()` throws this at its end, after
 * the clean-up, in place of main's outcome. `count` is how many there were;
 * `contexts` holds the first ten, as the exception handler saw them; the
 * first error is the `cause`.
 *
 * @example
 * run(main(), { strict: true }); // CallbackError: a callback raised during the run (strict): Exception in callback tick(): Error: boom
 */
export class CallbackError extends Error {
  override name = 'CallbackError';
  constructor(
    readonly count: number,
    readonly contexts: readonly ExceptionContext[],
  ) {
    const first = contexts[0];
    const more = count > 1 ? ` (and ${count - 1} more)` : '';
    super(`${count === 1 ? 'a callback' : `${count} callbacks`} raised during the run (strict): ${first === undefined ? '' : summarizeContext(first)}${more}`, {
      cause: first?.exception,
    });
  }
}

/** `Exception in callback tick(): Error: boom`, on one line. */
function summarizeContext(context: ExceptionContext): string {
  const error = context.exception;
  const text = error instanceof Error ? (error.message === '' ? error.name : `${error.name}: ${error.message}`) : showValue(error);
  return cutText(`${context.message}: ${text}`.replace(/\s*\n\s*/g, ' '), 300);
}

/**
 * A deadline passed: raised by `timeout()`, `timeoutAt()` and `waitFor()` in
 * place of the CancelledError that the deadline caused, which becomes its
 * `cause` (asyncio's `raise TimeoutError from exc`).
 *
 * @example
 * try { yield* waitFor(task, 100); } catch (e) { if (e instanceof TimeoutError) console.log('too slow'); }
 */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
  constructor(message = '', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * Several errors raised together, as Python's ExceptionGroup: a TaskGroup
 * raises one holding every error of its children (in the order the children
 * finished) and then the error of its body, if any. `exceptions` lists them;
 * the message counts them as Python's `str()` of a group does.
 *
 * @example
 * new ExceptionGroup('unhandled errors in a TaskGroup', [a, b]).message;
 * // 'unhandled errors in a TaskGroup (2 sub-exceptions)'
 */
export class ExceptionGroup extends AggregateError {
  override name = 'ExceptionGroup';
  readonly exceptions: unknown[];
  constructor(message: string, exceptions: readonly unknown[]) {
    if (exceptions.length === 0) throw new RangeError('second argument (exceptions) must be a non-empty sequence');
    const count = exceptions.length;
    super(exceptions, `${message} (${count} sub-exception${count === 1 ? '' : 's'})`);
    this.exceptions = [...exceptions];
  }
}

/**
 * Python's ValueError: a call got a value it cannot accept, such as a
 * BoundedSemaphore released more often than it was acquired, or `taskDone()`
 * called more often than items were put.
 *
 * @example
 * new BoundedSemaphore(1).release(); // throws ValueError: BoundedSemaphore released too many times
 * yield* wait([]); // throws ValueError: Set of Tasks/Futures is empty.
 */
export class ValueError extends Error {
  override name = 'ValueError';
}
