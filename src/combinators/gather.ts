import { kernelCancelledError } from '../errors.js';
import { Future } from '../future.js';
import { getRunningLoop } from '../loop/running.js';
import { outcomeOf, type ResultOf } from './outcome.js';

/**
 * gather's result for futures `F`: their results, position by position.
 *
 * @example
 * const results: GatherResults<[Task<number>, Task<string>]> = yield* gather([count, name]); // [number, string]
 */
export type GatherResults<F extends readonly Future<unknown>[]> = { -readonly [K in keyof F]: ResultOf<F[K]> };

/**
 * With `returnExceptions`, any position may hold an error (any thrown value) instead.
 *
 * @example
 * const outcomes: GatherOutcomes<[Task<number>]> = yield* gather([task], { returnExceptions: true });
 * if (outcomes[0] instanceof Error) console.log('failed:', outcomes[0].message);
 */
export type GatherOutcomes<F extends readonly Future<unknown>[]> = { -readonly [K in keyof F]: ResultOf<F[K]> | unknown };

/**
 * The options of `gather` (asyncio's `gather(*aws, return_exceptions=...)`).
 *
 * @example
 * const [a, b] = yield* gather([first, second], { returnExceptions: true });
 */
export interface GatherOptions {
  /** Put the children's errors (and a CancelledError for each cancelled child) in the results instead of failing. */
  returnExceptions?: boolean;
}

/**
 * The future gather returns (asyncio's `_GatheringFuture`). Cancelling it
 * cancels the children instead of itself, as cancelling a task does: it ends
 * once they have reacted, with a CancelledError as its error, so that an
 * awaiter is cancelled whatever `returnExceptions` says.
 *
 * @example
 * const all = gather([a, b]);
 * all.cancel('enough'); // true: a and b are cancelled; `all` ends with CancelledError('enough')
 */
export class GatheringFuture<T> extends Future<T> {
  /** A cancel() reached at least one child: the outcome must be a CancelledError. */
  cancelRequested = false;

  constructor(private readonly children: readonly Future<unknown>[]) {
    super({ loop: children[0]?.loop ?? getRunningLoop(), description: `gather(${children.map(String).join(', ')})` });
  }

  /** Cancels every child; true if any of them was still pending. The future itself stays pending. */
  override cancel(msg?: string): boolean {
    if (this.done()) return false;
    let cancelledAny = false;
    for (const child of this.children) {
      if (child.cancel(msg)) cancelledAny = true;
    }
    if (cancelledAny) this.cancelRequested = true;
    return cancelledAny;
  }
}

/**
 * Waits for all `futures` and gives their results in the order given, not
 * the order they finished (asyncio.gather). Returns a future: `yield*` it.
 *
 * Without `returnExceptions`, the first child to fail or be cancelled makes
 * the gather fail at once with that error (a cancelled child's CancelledError);
 * the other children keep running. With it, errors take their child's place in
 * the results, a cancelled child giving a new CancelledError with its cancel
 * message. A child cancelled on its own never cancels the gather or the
 * others; cancelling the gather cancels the children still pending. The same
 * future given twice is waited for once and appears twice in the results.
 *
 * @example
 * const [user, posts] = yield* gather([createTask(loadUser()), createTask(loadPosts())]);
 * const outcomes = yield* gather([a, b], { returnExceptions: true }); // e.g. [1, Error('boom')]
 */
export function gather<const F extends readonly Future<unknown>[]>(
  futures: F,
  options?: GatherOptions & { returnExceptions?: false },
): GatheringFuture<GatherResults<F>>;
export function gather<const F extends readonly Future<unknown>[]>(
  futures: F,
  options: GatherOptions,
): GatheringFuture<GatherOutcomes<F>>;
export function gather(futures: readonly Future<unknown>[], options: GatherOptions = {}): GatheringFuture<unknown[]> {
  const returnExceptions = options.returnExceptions ?? false;
  const children = [...futures];
  const outer = new GatheringFuture<unknown[]>(children);
  if (children.length === 0) {
    outer.setResult([]);
    return outer;
  }
  const unique = [...new Set(children)];
  let finished = 0;

  const onChildDone = (child: Future<unknown>): void => {
    finished++;
    if (outer.done()) {
      // Too late to matter; retrieve the error so it is not reported as never retrieved.
      if (!child.cancelled()) outcomeOf(child);
      return;
    }
    if (!returnExceptions) {
      if (child.cancelled()) {
        outer.setException(child.makeCancelledError());
        return;
      }
      const outcome = outcomeOf(child);
      if (!outcome.ok) {
        outer.relayException(outcome.error);
        return;
      }
    }
    if (finished === unique.length) finishWithAll(outer, children);
  };

  for (const child of unique) {
    if (!child.done()) child.addDoneCallback(onChildDone);
  }
  // Children done already are counted now, inline and in order: if all are,
  // the gather is done before it is returned, as asyncio's is.
  for (const child of unique) {
    if (child.done()) onChildDone(child);
  }
  return outer;
}

/** Every child is done: set the results, or the CancelledError a cancel() of the gather calls for. */
function finishWithAll(outer: GatheringFuture<unknown[]>, children: readonly Future<unknown>[]): void {
  const results = children.map((child) => {
    // A new error for a cancelled child, leaving its saved CancelledError for whoever awaits it.
    if (child.cancelled()) return kernelCancelledError(child.cancelMessage() ?? '');
    const outcome = outcomeOf(child);
    return outcome.ok ? outcome.value : outcome.error;
  });
  if (outer.cancelRequested) {
    // asyncio takes this error from the last child in the list, whichever it is.
    const last = children[children.length - 1] as Future<unknown>;
    outer.setException(last.makeCancelledError());
  } else {
    outer.setResult(results);
  }
}
