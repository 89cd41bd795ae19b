import { AwaitEffect } from './await-effect.js';
import type { Effect } from './effects.js';
import { CancelledError, InvalidStateError, kernelCancelledError } from './errors.js';
import type { Loop } from './loop/loop.js';
import { getRunningLoop } from './loop/running.js';

/** A future is pending until it is cancelled or finished (with a result or an error), and never changes after. */
export type FutureState = 'pending' | 'cancelled' | 'finished';

export type DoneCallback<T> = (future: Future<T>) => void;

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
  readonly loop: Loop;
  private readonly descriptionValue: string;
  protected stateValue: FutureState = 'pending';
  /** The result, or the error when hasError: one slot, since a future has one or the other. */
  private outcome: unknown = undefined;
  private hasError = false;
  /**
   * How the future was (or is to be) cancelled: the message of `cancel(msg)`,
   * or, for a task that ended by raising CancelledError, that very error
   * (asyncio's _cancelled_exc, whose _cancel_message is then None), or null.
   * asyncio never needs both at once, so one slot holds either.
   */
  protected cancellation: string | CancelledError | null = null;
  /**
   * The done callbacks and waiting tasks in the order added: none, the only
   * one, or a list. Most futures have exactly one (the task awaiting them), so
   * it needs no array. Typed loosely so that Future<T> stays covariant in T.
   */
  private callbacks: CallbackEntry | CallbackEntry[] | null = null;
  /** True while an error is set that nobody has retrieved yet (asyncio's __log_traceback). */
  protected unretrievedError = false;

  constructor(options: FutureOptions = {}) {
    this.loop = options.loop ?? getRunningLoop();
    this.descriptionValue = options.description ?? 'Future';
  }

  /** How traces and deadlock reports name it. */
  get description(): string {
    return this.descriptionValue;
  }

  /** pending, cancelled or finished. */
  get state(): FutureState {
    return this.stateValue;
  }

  done(): boolean {
    return this.stateValue !== 'pending';
  }

  cancelled(): boolean {
    return this.stateValue === 'cancelled';
  }

  /** The message given to `cancel(msg)`, or null. Combinators read it as asyncio's gather reads `_cancel_message`. */
  cancelMessage(): string | null {
    return typeof this.cancellation === 'string' ? this.cancellation : null;
  }

  /** True when the future finished with an error that no one has retrieved (for "never retrieved" reports). */
  hasUnretrievedError(): boolean {
    return this.unretrievedError;
  }

  /**
   * The result. Throws the future's error if it has one, CancelledError if it
   * was cancelled, InvalidStateError while it is pending.
   */
  result(): T {
    if (this.stateValue === 'cancelled') throw this.makeCancelledError();
    if (this.stateValue === 'pending') throw new InvalidStateError('Result is not ready.');
    this.unretrievedError = false;
    if (this.hasError) throw this.outcome;
    return this.outcome as T;
  }

  /**
   * The error the future finished with, or undefined if it has a result.
   * Throws CancelledError if it was cancelled, InvalidStateError while pending.
   */
  exception(): unknown {
    if (this.stateValue === 'cancelled') throw this.makeCancelledError();
    if (this.stateValue === 'pending') throw new InvalidStateError('Exception is not set.');
    this.unretrievedError = false;
    return this.hasError ? this.outcome : undefined;
  }

  /** Marks the future finished with `value` and queues its done callbacks. */
  setResult(value: T): void {
    this.checkPending('setResult()');
    this.finishWithResult(value);
  }

  /** Marks the future finished with `error` and queues its done callbacks. */
  setException(error: unknown): void {
    this.checkPending('setException()');
    this.finishWithError(error);
  }

  /**
   * Cancels the future and queues its done callbacks. Returns false if it was
   * already done.
   */
  cancel(msg?: string): boolean {
    this.unretrievedError = false;
    if (this.stateValue !== 'pending') return false;
    this.cancellation = msg ?? null;
    this.moveTo('cancelled');
    return true;
  }

  /**
   * Runs `callback(future)` once the future is done: queued with the loop when
   * it completes, or at once (queued) if it is already done.
   */
  addDoneCallback(callback: DoneCallback<T>): void {
    if (this.stateValue !== 'pending') this.loop.schedule(callback, this);
    else this.addEntry(callback);
  }

  /** @internal A task waits on this future: woken in its turn among the done callbacks. */
  addWaiter(waiter: FutureWaiter): void {
    if (this.stateValue !== 'pending') this.loop.schedule(wakeWaiter, waiter);
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
    this.moveTo('finished');
  }

  /** For Task: become finished with an error. */
  protected finishWithError(error: unknown): void {
    this.outcome = error;
    this.hasError = true;
    this.unretrievedError = true;
    this.moveTo('finished');
  }

  private checkPending(operation: string): void {
    if (this.stateValue !== 'pending') {
      throw new InvalidStateError(`${operation} on ${this.toString()}, which is already ${this.stateValue}`);
    }
  }

  /** The one place a future's state changes; leaving `pending` queues the done callbacks. */
  protected moveTo(next: Exclude<FutureState, 'pending'>): void {
    if (this.stateValue !== 'pending') {
      throw new InvalidStateError(`${this.toString()}: illegal move ${this.stateValue} -> ${next}`);
    }
    this.stateValue = next;
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
