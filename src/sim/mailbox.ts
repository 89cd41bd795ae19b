import { AwaitEffect } from '../await-effect.js';
import type { Effect, Operation } from '../effects.js';
import type { TimerHandle } from '../loop/timer-heap.js';
import { Future } from '../future.js';
import type { InFlight } from './envelope.js';
import { Ring } from './ring.js';

/**
 * The messages of one port of a host incarnation, and the receives waiting
 * for them, oldest first. A message arriving while a receive waits is handed
 * to it; a receive that is cancelled after it was handed a message (before
 * its task resumed) puts it back in front and hands it on, so a cancelled
 * receive never loses a message (asyncio's Queue gives the same guarantee).
 */
export class Mailbox<T extends InFlight = InFlight> {
  private readonly messages = new Ring<T>();
  private readonly waiters = new Ring<Future<T>>();

  constructor(
    /** What a waiting receive shows in traces and deadlock reports: `receive on r1 (port default)`. */
    readonly description: string,
  ) {}

  /** How many messages wait to be received. */
  get size(): number {
    return this.messages.size;
  }

  /** Delivers `message`: to the oldest waiting receive, or to the end of the queue. */
  put(message: T): void {
    const waiter = this.nextWaiter();
    if (waiter === undefined) this.messages.push(message);
    else waiter.setResult(message);
  }

  /**
   * `yield* mailbox.get()`: the next message, waiting for one if there is
   * none; after `timeoutMs` (when not null), the error `expired()` makes.
   */
  get(timeoutMs: number | null = null, expired?: () => Error): Operation<T> {
    return new Receive(this, timeoutMs, expired) as unknown as Operation<T>;
  }

  /** @internal The next message if one waits, else undefined (Receive's first look). */
  takeNow(): T | undefined {
    return this.messages.shift();
  }

  /** @internal A receive starts waiting: its future joins the line. */
  wait(waiter: Future<T>): void {
    this.waiters.push(waiter);
  }

  /** @internal A receive stops waiting before it got a message (cancelled, or timed out). */
  giveUp(waiter: Future<T>): void {
    this.waiters.remove(waiter);
  }

  /** Drops every message and every waiting receive (the incarnation crashed). */
  clear(): void {
    this.messages.clear();
    this.waiters.clear();
  }

  /** @internal A message handed to a receive that was then cancelled goes back in front, to the next receive if one waits. */
  putBack(message: T): void {
    const waiter = this.nextWaiter();
    if (waiter === undefined) this.messages.unshift(message);
    else waiter.setResult(message);
  }

  /** The oldest receive still waiting (one cancelled meanwhile is skipped). */
  private nextWaiter(): Future<T> | undefined {
    for (let waiter = this.waiters.shift(); waiter !== undefined; waiter = this.waiters.shift()) if (!waiter.done()) return waiter;
    return undefined;
  }
}

/**
 * One `yield* mailbox.get()`, as its own iterator (as the kernel's effects
 * are), so that a receive makes no generator: it returns a waiting message
 * at once, or yields the await of a future that a delivery resolves. Thrown
 * into while it waits (a cancellation), it gives up its place; if a message
 * was already handed to it, the message goes back in front.
 */
class Receive<T extends InFlight> implements Iterator<Effect, T, unknown> {
  private waiter: Future<T> | null = null;
  private effect: AwaitEffect<T> | null = null;
  private timer: TimerHandle | null = null;

  constructor(
    private readonly mailbox: Mailbox<T>,
    private readonly timeoutMs: number | null,
    private readonly expired: (() => Error) | undefined,
  ) {}

  [Symbol.iterator](): this {
    return this;
  }

  next(): IteratorResult<Effect, T> {
    const effect = this.effect;
    if (effect !== null) {
      // Resumed: the future is done, with a message or with the timeout's error (then the receive leaves the line).
      const waiter = this.waiter;
      this.end();
      if (waiter !== null && !waiter.cancelled() && waiter.exception() !== undefined) this.mailbox.giveUp(waiter);
      return effect.next();
    }
    const message = this.mailbox.takeNow();
    if (message !== undefined) return { value: message, done: true };
    const waiter = new Future<T>({ description: this.mailbox.description });
    this.waiter = waiter;
    this.mailbox.wait(waiter);
    if (this.timeoutMs !== null) this.timer = waiter.loop.callLater(this.timeoutMs, expire, waiter, this.expired);
    this.effect = new AwaitEffect(waiter);
    return this.effect.next();
  }

  throw(error: unknown): IteratorResult<Effect, T> {
    const waiter = this.waiter;
    this.end();
    if (waiter !== null) {
      if (waiter.done() && !waiter.cancelled() && waiter.exception() === undefined) this.mailbox.putBack(waiter.result());
      else this.mailbox.giveUp(waiter);
    }
    throw error;
  }

  return(value: T): IteratorResult<Effect, T> {
    return this.finish(value);
  }

  private finish(value: T): IteratorResult<Effect, T> {
    const waiter = this.waiter;
    this.end();
    if (waiter !== null && !waiter.done()) this.mailbox.giveUp(waiter);
    return { value, done: true };
  }

  private end(): void {
    this.timer?.cancel();
    this.timer = null;
    this.waiter = null;
  }
}

function expire(waiter: Future<unknown>, expired: (() => Error) | undefined): void {
  if (!waiter.done()) waiter.setException(expired?.() ?? new Error('timed out'));
}
