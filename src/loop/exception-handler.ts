import { cutText, showValue } from '../show.js';
import type { Handle } from './handle.js';
import type { Loop } from './loop.js';
import type { TimerHandle } from './timer-heap.js';

/**
 * What went wrong, as asyncio's exception handler context: a message, the
 * exception if there is one, and what it came from: the `handle` of a
 * `callSoon` / `callLater` callback, the done `callback` and its `future`,
 * or the `future` (a Future or a Task) whose exception nobody retrieved.
 *
 * @example
 * { message: 'Exception in callback tick()', exception: new Error('boom'), handle }
 */
export interface ExceptionContext {
  readonly message: string;
  readonly exception?: unknown;
  /** The Handle or TimerHandle whose callback raised. */
  readonly handle?: Handle | TimerHandle;
  /** A done callback that raised (it has no handle: the loop queues it as is). */
  readonly callback?: (...args: any[]) => unknown;
  /** The future of that done callback, or the future or task whose exception was never retrieved. */
  readonly future?: { toString(): string };
  /** For `Unhandled error in exception handler`: the context the failing handler was given. */
  readonly context?: ExceptionContext;
}

/**
 * A loop's exception handler, as asyncio's `(loop, context)`: called for each
 * callback that raised and each exception never retrieved. It runs inside
 * the loop's iteration and must not suspend; an error it throws is reported
 * by the default handler, never propagated.
 *
 * @example
 * loop.setExceptionHandler((loop, context) => failures.push(context));
 */
export type ExceptionHandler = (loop: Loop, context: ExceptionContext) => void;

/**
 * Where the default exception handler writes: one call per report, lines
 * joined with `\n`.
 *
 * @example
 * run(main(), { errorLog: (text) => reports.push(text) });
 */
export type ErrorLog = (text: string) => void;

/**
 * The default handler's report, as asyncio's default_exception_handler logs
 * it: the message, the other fields of the context one a line in sorted
 * order, then the exception with its stack.
 *
 * @example
 * formatExceptionContext({ message: 'Task exception was never retrieved', exception: error, future: task });
 * // "Task exception was never retrieved\nfuture: Task 'worker'\nError: boom\n    at ..."
 */
export function formatExceptionContext(context: ExceptionContext): string {
  const lines = [context.message === '' ? 'Unhandled exception in event loop' : context.message];
  for (const key of Object.keys(context).sort()) {
    if (key === 'message' || key === 'exception') continue;
    const value = (context as unknown as Record<string, unknown>)[key];
    lines.push(`${key}: ${key === 'context' ? showValue((value as ExceptionContext).message, 200) : showValue(value, 200)}`);
  }
  if (Object.hasOwn(context, 'exception')) lines.push(describeException(context.exception));
  return lines.join('\n');
}

/** An error with its stack (which starts with `Name: message`), anything else shown short. */
function describeException(exception: unknown): string {
  if (!(exception instanceof Error)) return showValue(exception, 200);
  const stack = typeof exception.stack === 'string' && exception.stack !== '' ? exception.stack : showValue(exception, 200);
  // A stack holds the message, which may be huge; keep the report readable.
  return cutText(stack, 4000);
}
