import { AwaitEffect } from './await-effect.js';
import type { Effect } from './effects.js';
import { CancelledError, InvalidStateError, kernelCancelledError } from './errors.js';
import type { Loop } from './loop/loop.js';
import type { Owner } from './loop/owner.js';
import { getRunningLoop } from './loop/running.js';
import { showValue } from './show.js';

/**
 * A future is pending until it is cancelled or finished (with a result or an error), and never changes after.
 *
 * @example
 * const future = new Future<number>();
 * future.setResult(1);
 * future.state; // 'finished'
 */
export type FutureState = 'pending' | 'cancelled' | 'finished';

/**
 * A callback run once a future is done, with the future (asyncio's done callbacks).
 *
 * @example
 * const logDone: DoneCallback<number> = (future) => console.log('done:', future.result());
 * future.addDoneCallback(logDone);
 */
export type DoneCallback<T> = (future: Future<T>) => void;

/**
 * FutureState in finer detail: a finished future holds a result, or an error
 * that somebody has or has not yet retrieved (asyncio's __log_traceback). One
 * field instead of a state and two flags: every task carries it.
 */
type Status = 'pending' | 'cancelled' | 'result' | 'error' | 'unretrieved error';

/** The legal moves of a Status: pending ends one way, and an unretrieved error can only become retrieved. */
function isLegalStatusMove(from: Status, to: Status): boolean {
  if (from === 'pending') return to !== 'pending' && to !== 'error';
  return from === 'unretrieved error' && to === 'error';
}

/**
 * @internal What a task registers on the future it awaits in place of a done
 * callback: woken with `wakeUp()` in the callback's turn. A task needs no
 * closure to wait, so waiting allocates nothing.
 */
export interface FutureWaiter {
  wakeUp(): void;
}

/** Runs a waiter's turn among the done callbacks; names it as the task it steps, for `loop.readyOwner`. */
function wakeWaiter(waiter: FutureWaiter): void {
  waiter.wakeUp();
}
wakeWaiter.stepsTaskOf = (waiter: FutureWaiter): unknown => waiter;

type CallbackEntry = DoneCallback<any> | FutureWaiter;

/**
 * Where a future belongs and how it is named in traces and deadlock reports.
 *
 * @example
 * const reply = new Future<string>({ description: 'reply to request 7' });
 */
export interface FutureOptions {
  /** The loop the future belongs to; the running loop by default. */
  loop?: Loop;
  /** How traces and deadlock reports name it. */
  description?: string;
}

/**
 * A value that will exist later: asyncio's Future. `yield* future` waits until
 * it is done and returns its result or throws its error.
 *
 * Done callbacks never run inside the call that completes the future: each is
 * queued with the loop (as `callSoon` would) and runs in a later iteration, in
 * the order they were added. That is what makes the order of wakeups, and so
 * every trace, deterministic.
 *
 * @example
 * const future = new Future<number>();
 * loop.callLater(100, () => future.setResult(42));
 * const answer = yield* future; // 42, at t=100
 */
export class Future<T> {
  // The constructor sets the fields in the order of this list, which is their
  // order in memory: the loop and the status first, which every task step
  // reads, then the callbacks, which every completion reads.
  readonly loop: Loop;
  private status: Status;
  /**
   * The done callbacks and waiting tasks in the order added: none, the only
   * one, or a list. Most futures have exactly one (the task awaiting them), so
   * it needs no array. Typed loosely so that Future<T> stays covariant in T.
   */
  private callbacks: CallbackEntry | CallbackEntry[] | null;
  /** The result, or the error: one slot, since a future has one or the other. */
  private outcome: unknown;
  /**
   * How the future was (or is to be) cancelled: the message of `cancel(msg)`,
   * or, for a task that ended by raising CancelledError, that very error
   * (asyncio's _cancelled_exc, whose _cancel_message is then None), or null.
   * asyncio never needs both at once, so one slot holds either.
   */
  protected cancellation: string | CancelledError | null;
  /**
   * The host incarnation whose code made it (see Owner), or null. A task of
   * one host may not await a future of another: hosts share only messages.
   */
  readonly owner: Owner | null;
  /** Set only when given: a Task describes itself by name and carries no such slot. */
  private declare descriptionValue?: string;

  constructor(options: FutureOptions = {}) {
    const loop = options.loop ?? getRunningLoop();
    this.loop = loop;
    this.status = 'pending';
    this.callbacks = null;
    this.outcome = undefined;
    this.cancellation = null;
    this.owner = loop.currentOwner();
    if (options.description !== undefined) this.descriptionValue = options.description;
  }

  /** How traces and deadlock reports name it. */
  get description(): string {
    return this.descriptionValue ?? 'Future';
  }

  /** pending, cancelled or finished. */
  get state(): FutureState {
    const status = this.status;
    return status === 'pending' || status === 'cancelled' ? status : 'finished';
  }

  done(): boolean {
    return this.status !== 'pending';
  }

  cancelled(): boolean {
    return this.status === 'cancelled';
  }

  /** The message given to `cancel(msg)`, or null. Combinators read it as asyncio's gather reads `_cancel_message`. */
  cancelMessage(): string | null {
    return typeof this.cancellation === 'string' ? this.cancellation : null;
  }

  /** True when the future finished with an error that no one has retrieved (for "never retrieved" reports). */
  hasUnretrievedError(): boolean {
    return this.status === 'unretrieved error';
  }

  /** @internal The error of `hasUnretrievedError()`, read for its report without retrieving it. */
  unretrievedError(): unknown {
    return this.status === 'unretrieved error' ? this.outcome : undefined;
  }

  /**
   * The result. Throws the future's error if it has one, CancelledError if it
   * was cancelled, InvalidStateError while it is pending.
   */
  result(): T {
    const status = this.status;
    if (status === 'result') return this.outcome as T;
    if (status === 'cancelled') throw this.makeCancelledError();
    if (status === 'pending') throw new InvalidStateError('Result is not ready.');
    this.markRetrieved();
    throw this.outcome;
  }

  /**
   * The error the future finished with, or undefined if it has a result.
   * Throws CancelledError if it was cancelled, InvalidStateError while pending.
   */
  exception(): unknown {
    const status = this.status;
    if (status === 'cancelled') throw this.makeCancelledError();
    if (status === 'pending') throw new InvalidStateError('Exception is not set.');
    if (status === 'result') return undefined;
    this.markRetrieved();
    return this.outcome;
  }

  /** Marks the future finished with `value` and queues its done callbacks. */
  setResult(value: T): void {
    this.checkPending('setResult()');
    this.finishWithResult(value);
  }

  /**
   * Marks the future finished with `error` and queues its done callbacks.
   * `error` must be an Error (an Error class is instantiated, as Python
   * instantiates an exception class); anything else is refused with
   * TypeError, as CPython refuses what is not an exception.
   */
  setException(error: unknown): void {
    this.checkPending('setException()');
    this.finishWithError(asException(error));
  }

  /**
   * @internal setException for what a task raised, which a combinator hands
   * on (shield, gather): JavaScript can throw anything, and the awaiting
   * task must get back exactly what was thrown.
   */
  relayException(error: unknown): void {
    this.checkPending('setException()');
    this.finishWithError(error);
  }

  /**
   * Cancels the future and queues its done callbacks. Returns false if it was
   * already done.
   */
  cancel(msg?: string): boolean {
    if (this.status !== 'pending') {
      this.markRetrieved();
      return false;
    }
    if (this.callbacks !== null && this.loop.isClosed()) this.loop.checkOpen('cancel()', this);
    this.cancellation = msg ?? null;
    this.moveTo('cancelled');
    return true;
  }

  /**
   * Runs `callback(future)` once the future is done: queued with the loop when
   * it completes, or at once (queued) if it is already done.
   */
  addDoneCallback(callback: DoneCallback<T>): void {
    if (typeof callback !== 'function') throw new TypeError(`addDoneCallback(): a function was expected, got ${showValue(callback)}`);
    // Refused at once even while pending: the callback could never run.
    if (this.loop.isClosed()) this.loop.checkOpen('addDoneCallback()', this);
    if (this.status !== 'pending') this.loop.schedule(callback, this);
    else this.addEntry(callback);
  }

  /** @internal A task waits on this future: woken in its turn among the done callbacks. */
  addWaiter(waiter: FutureWaiter): void {
    if (this.status !== 'pending') this.loop.schedule(wakeWaiter, waiter);
    else this.addEntry(waiter);
  }

  private addEntry(entry: CallbackEntry): void {
    const callbacks = this.callbacks;
    if (callbacks === null) this.callbacks = entry;
    else if (Array.isArray(callbacks)) callbacks.push(entry);
    else this.callbacks = [callbacks, entry];
  }

  /** Removes every registration of `callback`; returns how many there were. */
  removeDoneCallback(callback: DoneCallback<T>): number {
    let removed = 0;
    const callbacks = this.callbacks;
    if (callbacks === callback) {
      this.callbacks = null;
      removed = 1;
    } else if (Array.isArray(callbacks)) {
      const kept = callbacks.filter((each) => each !== callback);
      removed = callbacks.length - kept.length;
      this.callbacks = kept.length === 0 ? null : kept.length === 1 ? (kept[0] as CallbackEntry) : kept;
    }
    return removed;
  }

  /**
   * The CancelledError to raise for this cancelled future: the very error that
   * cancelled a task, the first time it is asked for, else a new one carrying
   * the cancel message. This once-only hand-off is asyncio's, and it decides
   * which awaiter sees the original message.
   */
  makeCancelledError(): CancelledError {
    const cancellation = this.cancellation;
    if (cancellation instanceof CancelledError) {
      this.cancellation = null;
      return cancellation;
    }
    return kernelCancelledError(cancellation ?? '');
  }


  /** `yield* future`: suspends while the future is pending, then returns its result or throws its error. */
  [Symbol.iterator](): Iterator<Effect, T, unknown> {
    return new AwaitEffect(this);
  }

  toString(): string {
    return this.description;
  }

  /** For Task: become finished with a result, bypassing setResult's refusal. */
  protected finishWithResult(value: T): void {
    this.outcome = value;
    this.moveTo('result');
  }

  /** For Task: become finished with an error, which the loop reports at its close if nobody retrieves it. */
  protected finishWithError(error: unknown): void {
    this.outcome = error;
    this.moveTo('unretrieved error');
    this.loop.noteUnretrieved(this);
  }

  /** A pending future may complete; on a closed loop, only if no callback would need scheduling. */
  private checkPending(operation: string): void {
    if (this.status !== 'pending') {
      throw new InvalidStateError(`${operation} on ${this.toString()}, which is already ${this.state}`);
    }
    if (this.callbacks !== null && this.loop.isClosed()) this.loop.checkOpen(operation, this);
  }

  /** An error, once someone has it, is no longer reported as never retrieved. */
  private markRetrieved(): void {
    if (this.status === 'unretrieved error') this.moveTo('error');
  }

  /** The one place a future's status changes; leaving `pending` queues the done callbacks. */
  protected moveTo(next: Status): void {
    const previous = this.status;
    if (!isLegalStatusMove(previous, next)) {
      throw new InvalidStateError(`${this.toString()}: illegal move ${previous} -> ${next}`);
    }
    this.status = next;
    if (previous !== 'pending') return;
    this.onDone();
    const callbacks = this.callbacks;
    this.callbacks = null;
    if (callbacks === null) return;
    if (!Array.isArray(callbacks)) this.scheduleEntry(callbacks);
    else for (const entry of callbacks) this.scheduleEntry(entry);
  }

  private scheduleEntry(entry: CallbackEntry): void {
    if (typeof entry === 'function') this.loop.schedule(entry, this);
    else this.loop.schedule(wakeWaiter, entry);
  }

  /** Hook for Task: runs as the future leaves `pending`, before callbacks are queued. */
  protected onDone(): void {}
}

/** What setException accepts: an Error, or an Error class to instantiate. */
function asException(error: unknown): Error {
  if (error instanceof Error || Object.prototype.toString.call(error) === '[object Error]') return error as Error;
  if (typeof error === 'function' && (error.prototype instanceof Error || error === Error)) return new (error as new () => Error)();
  throw new TypeError(`setException(): invalid exception object ${showValue(error)}: an Error was expected`);
}
