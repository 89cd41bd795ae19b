import { fail } from '../errors.js';
import type { Future } from '../future.js';

/**
 * The result type of a future: `ResultOf<Task<number>>` is number.
 *
 * @example
 * type Reply = ResultOf<typeof replyTask>; // the type yield* replyTask returns
 */
export type ResultOf<F> = F extends Future<infer T> ? T : never;

/**
 * How a done, not cancelled future ended: with a result or with an error (any value, even undefined).
 *
 * @example
 * const outcome: Outcome<number> = outcomeOf(task);
 * console.log(outcome.ok ? outcome.value : outcome.error);
 */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/**
 * The outcome of a future that is done and not cancelled, retrieving its error
 * as asyncio's `future.exception()` does (so it is not reported as never
 * retrieved). Unlike `exception()`, it tells an error that is `undefined`
 * apart from a result: JavaScript can throw any value, Python only exceptions.
 *
 * @example
 * const outcome = outcomeOf(task);
 * if (!outcome.ok) console.log('failed with', outcome.error);
 */
export function outcomeOf<T>(future: Future<T>): Outcome<T> {
  // result() of a cancelled future would use up its saved CancelledError: callers check cancelled() first.
  if (!future.done() || future.cancelled()) fail(`outcomeOf(${future.toString()}), which is ${future.state}`);
  try {
    return { ok: true, value: future.result() };
  } catch (error) {
    return { ok: false, error };
  }
}
