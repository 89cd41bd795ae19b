import type { Operation } from '../effects.js';
import { CancelledError, RuntimeError, TimeoutError } from '../errors.js';
import type { Handle } from '../loop/handle.js';
import { checkTime } from '../loop/check-time.js';
import { getRunningLoop } from '../loop/running.js';
import type { TimerHandle } from '../loop/timer-heap.js';
import { showValue } from '../show.js';
import { currentTask, type Task } from '../task.js';

/**
 * A Timeout's life, as asyncio's `_State`:
 * - `created`: not entered yet;
 * - `entered`: the body runs and the deadline (if any) is scheduled;
 * - `expiring`: the deadline passed and cancelled the task; the body has not ended yet;
 * - `expired`: the body ended after the deadline passed;
 * - `exited`: the body ended before the deadline.
 *
 * @example
 * yield* timeout(100, function* (cm) {
 *   yield* sleep(200);
 * }); // the timeout moves entered -> expiring -> expired, and this throws TimeoutError
 */
export type TimeoutState = 'created' | 'entered' | 'expiring' | 'expired' | 'exited';

const LEGAL_MOVES: Record<TimeoutState, readonly TimeoutState[]> = {
  created: ['entered'],
  entered: ['expiring', 'exited'],
  expiring: ['expired'],
  expired: [],
  exited: [],
};

/**
 * A deadline over a block of code in one task: asyncio's Timeout, the object
 * of `async with asyncio.timeout(...)`. When the deadline passes while the
 * block runs, the timeout cancels the task; when the block then ends with the
 * CancelledError that caused, the timeout raises TimeoutError instead.
 *
 * The surprising part: it converts only a cancellation it caused and nobody
 * else asked for. It counts the task's cancellation requests on entry
 * (`cancelling()`), withdraws its own on exit (`uncancel()`), and converts
 * only if no other request is left beyond those counted on entry; a task also
 * cancelled from outside keeps its CancelledError.
 *
 * Use `timeout()` or `timeoutAt()`, which call `enter` and `exit` around the
 * body; the scope they pass to it can `reschedule` the deadline.
 *
 * @example
 * yield* timeout(500, function* (scope) {
 *   yield* sleep(400);
 *   scope.reschedule(scope.when()! + 500); // more time
 *   yield* sleep(400);
 * });
 */
export class Timeout {
  private stateValue: TimeoutState = 'created';
  private deadlineMs: number | null;
  private handle: Handle | TimerHandle | null = null;
  private task: Task<unknown> | null = null;
  /** The task's `cancelling()` on entry: requests that were not ours. */
  private cancellingOnEntry = 0;

  constructor(deadlineMs: number | null) {
    this.deadlineMs = deadlineMs;
  }

  get state(): TimeoutState {
    return this.stateValue;
  }

  /** The deadline in loop time (milliseconds), or null for none. */
  when(): number | null {
    return this.deadlineMs;
  }

  /**
   * Moves the deadline to `deadlineMs` (loop time), or removes it with null.
   * A deadline already past fires in the next loop iteration. Only allowed
   * while the body runs and the deadline has not passed yet.
   */
  reschedule(deadlineMs: number | null): void {
    if (this.stateValue !== 'entered') {
      if (this.stateValue === 'created') throw new RuntimeError('Timeout has not been entered');
      throw new RuntimeError(`Cannot change state of ${this.stateValue} Timeout`);
    }
    if (deadlineMs !== null) checkTime('reschedule', 'deadlineMs', deadlineMs);
    this.deadlineMs = deadlineMs;
    this.handle?.cancel();
    if (deadlineMs === null) {
      this.handle = null;
      return;
    }
    const loop = getRunningLoop();
    // asyncio uses call_soon for a deadline already reached, not a timer due
    // now: the two differ in where the callback lands in the ready queue.
    this.handle = deadlineMs <= loop.time() ? loop.callSoon(this.onTimeout) : loop.callAt(deadlineMs, this.onTimeout);
  }

  /** True once the deadline has passed while the body ran. */
  expired(): boolean {
    return this.stateValue === 'expiring' || this.stateValue === 'expired';
  }

  /** Starts the scope in the current task (asyncio's `__aenter__`). Paired with `exit` or `exitWithError`. */
  enter(): void {
    if (this.stateValue !== 'created') throw new RuntimeError('Timeout has already been entered');
    const task = currentTask();
    this.moveTo('entered');
    this.task = task;
    this.cancellingOnEntry = task.cancelling();
    this.reschedule(this.deadlineMs);
  }

  /** Ends the scope after the body returned (asyncio's `__aexit__` with no exception). */
  exit(): void {
    this.leave();
  }

  /**
   * Ends the scope after the body threw `error` (asyncio's `__aexit__` with
   * one) and returns what to throw on: a TimeoutError caused by `error` if the
   * deadline's cancellation is the reason the body ended, else `error` itself.
   */
  exitWithError(error: unknown): unknown {
    if (this.leave() && error instanceof CancelledError) return new TimeoutError('', { cause: error });
    // asyncio would also splice a TimeoutError into the implicit __context__
    // chain of another error; JavaScript errors have no such chain.
    return error;
  }

  toString(): string {
    const when = this.stateValue === 'entered' ? ` when=${this.deadlineMs}` : '';
    return `<Timeout [${this.stateValue}]${when}>`;
  }

  /**
   * The common part of both exits: stop the timer and settle the state. True
   * when the deadline passed and, its own request withdrawn, no cancellation
   * is left beyond those the task had on entry: then the CancelledError is
   * this timeout's to convert.
   */
  private leave(): boolean {
    const task = this.task;
    if (task === null || (this.stateValue !== 'entered' && this.stateValue !== 'expiring')) {
      throw new RuntimeError(`exit of a Timeout that is ${this.stateValue}, not entered`);
    }
    this.handle?.cancel();
    this.handle = null;
    if (this.stateValue === 'entered') {
      this.moveTo('exited');
      return false;
    }
    this.moveTo('expired');
    // uncancel() runs whatever the body's outcome: our request must go.
    return task.uncancel() <= this.cancellingOnEntry;
  }

  /** The deadline passed: cancel the task; the body's CancelledError comes back through exit. */
  private readonly onTimeout = (): void => {
    if (this.stateValue !== 'entered' || this.task === null) {
      throw new RuntimeError(`${this.toString()} fired while not entered`);
    }
    this.task.cancel();
    this.moveTo('expiring');
    this.handle = null;
  };

  /** The one place the state changes. */
  private moveTo(next: TimeoutState): void {
    if (!LEGAL_MOVES[this.stateValue].includes(next)) {
      throw new RuntimeError(`${this.toString()}: illegal move ${this.stateValue} -> ${next}`);
    }
    this.stateValue = next;
  }
}

/**
 * Runs `body` in the current task with a deadline `delayMs` from now
 * (`async with asyncio.timeout(delay)`); null means no deadline. If the
 * deadline passes first, the task is cancelled, and the CancelledError that
 * ends the body comes out as TimeoutError. Returns what the body returns.
 *
 * @example
 * try {
 *   const reply = yield* timeout(1000, function* () { return yield* fetchTask; });
 * } catch (error) {
 *   if (error instanceof TimeoutError) console.log('no reply within a second');
 * }
 */
export function timeout<T>(delayMs: number | null, body: (scope: Timeout) => Operation<T>): Operation<T> {
  if (delayMs !== null) checkTime('timeout', 'delayMs', delayMs);
  checkBody('timeout', body);
  // asyncio computes the deadline when timeout() is called, before entering.
  const deadlineMs = delayMs === null ? null : getRunningLoop().time() + delayMs;
  return runWithin(deadlineMs, body);
}

/**
 * Like `timeout()`, with the deadline given in loop time (milliseconds)
 * rather than from now (`async with asyncio.timeout_at(when)`).
 *
 * @example
 * const deadlineMs = getRunningLoop().time() + 1000;
 * yield* timeoutAt(deadlineMs, function* () { yield* first; });
 * yield* timeoutAt(deadlineMs, function* () { yield* second; }); // both within the same second
 */
export function timeoutAt<T>(deadlineMs: number | null, body: (scope: Timeout) => Operation<T>): Operation<T> {
  if (deadlineMs !== null) checkTime('timeoutAt', 'deadlineMs', deadlineMs);
  checkBody('timeoutAt', body);
  return runWithin(deadlineMs, body);
}

/** Refuses, at the call, a body that is not a generator function (the operation it gives starts later). */
function checkBody(api: string, body: unknown): void {
  if (typeof body !== 'function') throw new TypeError(`${api}(): body must be a generator function, got ${showValue(body)}`);
}

/** The scope around the body: enter, run the body, exit with its outcome. */
function* runWithin<T>(deadlineMs: number | null, body: (scope: Timeout) => Operation<T>): Operation<T> {
  const scope = new Timeout(deadlineMs);
  scope.enter();
  let value: T;
  try {
    value = yield* body(scope);
  } catch (error) {
    throw scope.exitWithError(error);
  }
  scope.exit();
  return value;
}
