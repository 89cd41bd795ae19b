import { formatExceptionContext, type ErrorLog, type ExceptionContext, type ExceptionHandler } from './exception-handler.js';
import { describeCall, Handle } from './handle.js';
import type { Loop } from './loop.js';
import type { ReadyCallback } from './ready-queue.js';
import { TimerHandle } from './timer-heap.js';

/** What the loop needs of a future to report its exception as never retrieved. */
export interface UnretrievedSource {
  hasUnretrievedError(): boolean;
  /** The error, read without retrieving it: a report leaves the future as it was. */
  unretrievedError(): unknown;
  toString(): string;
}

/** Strict mode keeps this many callback errors for its report, and counts the rest. */
const KEPT_CALLBACK_ERRORS = 10;

/**
 * The loop's side of asyncio's error reporting: the exception handler, the
 * log the default handler writes to, the callback errors strict mode fails
 * on, and the futures whose errors may never be retrieved.
 */
export class LoopErrors {
  handler: ExceptionHandler | null = null;
  private callbackErrorCount = 0;
  private readonly firstCallbackErrors: ExceptionContext[] = [];
  /** Futures that finished with an error, oldest first; retrieved ones are dropped as the list grows. */
  private unretrieved: UnretrievedSource[] = [];
  private compactAt = 64;

  constructor(
    private readonly loop: Loop,
    private readonly log: ErrorLog,
    private readonly strict: boolean,
  ) {}

  /** A callback raised: strict mode keeps it for run() to throw; the handler hears of it, the default one unless strict. */
  callbackRaised(context: ExceptionContext): void {
    this.callbackErrorCount++;
    if (this.firstCallbackErrors.length < KEPT_CALLBACK_ERRORS) this.firstCallbackErrors.push(context);
    if (this.strict && this.handler === null) {
      this.loop.monitor?.exceptionReported?.(context);
      return;
    }
    this.callHandler(context);
  }

  callbackErrors(): { readonly count: number; readonly first: readonly ExceptionContext[] } {
    return { count: this.callbackErrorCount, first: [...this.firstCallbackErrors] };
  }

  /** asyncio's call_exception_handler: the handler set, else the default; a failing handler is reported, never propagated. */
  callHandler(context: ExceptionContext): void {
    this.loop.monitor?.exceptionReported?.(context);
    const handler = this.handler;
    if (handler === null) {
      this.writeReport(context);
      return;
    }
    try {
      handler(this.loop, context);
    } catch (error) {
      this.writeReport({ message: 'Unhandled error in exception handler', exception: error, context });
    }
  }

  /** The default handler: one report to the error log. A log that throws loses the report, not the run. */
  writeReport(context: ExceptionContext): void {
    try {
      this.log(formatExceptionContext(context));
    } catch {
      // Nothing sensible is left to report it to.
    }
  }

  noteUnretrieved(future: UnretrievedSource): void {
    this.unretrieved.push(future);
    if (this.unretrieved.length < this.compactAt) return;
    this.unretrieved = this.unretrieved.filter((each) => each.hasUnretrievedError());
    this.compactAt = Math.max(64, 2 * this.unretrieved.length);
  }

  /** At close: each future still holding an unretrieved error is reported, as asyncio's __del__ does. */
  reportUnretrieved(): void {
    const futures = this.unretrieved;
    this.unretrieved = [];
    for (const future of futures) {
      if (!future.hasUnretrievedError()) continue;
      const kind = (future.constructor as { name?: string } | undefined)?.name || 'Future';
      this.callHandler({ message: `${kind} exception was never retrieved`, exception: future.unretrievedError(), future });
    }
  }
}

/**
 * The context of a callback that raised: a Handle's or a TimerHandle's, or a
 * done callback's, which the loop queues with its future as the argument.
 */
export function callbackContext(callback: ReadyCallback, argument: unknown, error: unknown): ExceptionContext {
  if (argument instanceof Handle || argument instanceof TimerHandle) {
    return { message: `Exception in callback ${argument.describeCallback()}`, exception: error, handle: argument };
  }
  const message = `Exception in callback ${describeCall(callback, argument === undefined ? [] : [argument])}`;
  if (argument === undefined) return { message, exception: error, callback };
  return { message, exception: error, callback, future: argument as { toString(): string } };
}
