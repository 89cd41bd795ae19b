import type { Operation } from '../effects.js';
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
    private readonly description: string,
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
  *get(timeoutMs: number | null = null, expired?: () => Error): Operation<T> {
    if (this.messages.size > 0) return this.messages.shift() as T;
    const waiter = new Future<T>({ description: this.description });
    this.waiters.push(waiter);
    const timer = timeoutMs === null ? null : waiter.loop.callLater(timeoutMs, expire, waiter, expired);
    try {
      return yield* waiter;
    } catch (error) {
      // Handed a message, then cancelled before resuming: the message goes back. Timed out or cancelled while waiting: the receive goes.
      if (waiter.done() && !waiter.cancelled() && waiter.exception() === undefined) this.putBack(waiter.result());
      else this.waiters.remove(waiter);
      throw error;
    } finally {
      timer?.cancel();
    }
  }

  /** Drops every message and every waiting receive (the incarnation crashed). */
  clear(): void {
    this.messages.clear();
    this.waiters.clear();
  }

  /** A message handed to a receive that was then cancelled goes back in front, to the next receive if one waits. */
  private putBack(message: T): void {
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

function expire(waiter: Future<unknown>, expired: (() => Error) | undefined): void {
  if (!waiter.done()) waiter.setException(expired?.() ?? new Error('timed out'));
}
