import type { Operation } from '../effects.js';
import { Future } from '../future.js';
import { checkTime } from '../loop/check-time.js';
import { getRunningLoop } from '../loop/running.js';
import type { TimerHandle } from '../loop/timer-heap.js';
import { outcomeOf } from './outcome.js';
import { ValueError } from '../errors.js';
import { cutText, showValue } from '../show.js';

/**
 * Return as soon as any future is done or cancelled.
 *
 * @example
 * const { done } = yield* wait([a, b], { returnWhen: FIRST_COMPLETED });
 */
export const FIRST_COMPLETED = 'FIRST_COMPLETED';
/**
 * Return as soon as any future fails with an error (a cancelled one does not count), or when all are done.
 *
 * @example
 * const { done, pending } = yield* wait(workers, { returnWhen: FIRST_EXCEPTION });
 */
export const FIRST_EXCEPTION = 'FIRST_EXCEPTION';
/**
 * Return when every future is done.
 *
 * @example
 * const { pending } = yield* wait(workers, { returnWhen: ALL_COMPLETED, timeoutMs: 1000 });
 */
export const ALL_COMPLETED = 'ALL_COMPLETED';

/**
 * When `wait` returns: one of FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED.
 *
 * @example
 * const returnWhen: ReturnWhen = failFast ? FIRST_EXCEPTION : ALL_COMPLETED;
 */
export type ReturnWhen = typeof FIRST_COMPLETED | typeof FIRST_EXCEPTION | typeof ALL_COMPLETED;

/**
 * The options of `wait` (asyncio's `wait(aws, timeout=..., return_when=...)`).
 *
 * @example
 * yield* wait(tasks, { returnWhen: FIRST_COMPLETED, timeoutMs: 250 });
 */
export interface WaitOptions {
  /** When to return; ALL_COMPLETED by default. */
  returnWhen?: ReturnWhen;
  /** Return after this many milliseconds at the latest, even if the condition does not hold; null for no limit. */
  timeoutMs?: number | null;
}

/**
 * What `wait` found: the futures that are done, and those still pending.
 *
 * @example
 * const result: WaitResult<Task<void>> = yield* wait(tasks, { timeoutMs: 100 });
 * for (const task of result.pending) task.cancel();
 */
export interface WaitResult<F> {
  done: Set<F>;
  pending: Set<F>;
}

/**
 * Waits until `returnWhen` holds for `futures` or `timeoutMs` passes
 * (asyncio.wait), and splits them into done and pending. It never raises
 * the futures' errors, never cancels them, and a timeout is no error: what
 * is unfinished is simply in `pending`.
 *
 * Both sets list the futures in the order given, each once (Python's sets
 * have no order; these follow the argument). Throws ValueError for an empty
 * list or an unknown `returnWhen`, when the operation starts.
 *
 * @example
 * const { done, pending } = yield* wait([a, b, c], { returnWhen: FIRST_COMPLETED, timeoutMs: 1000 });
 * for (const task of pending) task.cancel();
 */
export function* wait<F extends Future<unknown>>(futures: Iterable<F>, options: WaitOptions = {}): Operation<WaitResult<F>> {
  const returnWhen = options.returnWhen ?? ALL_COMPLETED;
  const timeoutMs = options.timeoutMs ?? null;
  if (timeoutMs !== null) checkTime('wait', 'timeoutMs', timeoutMs);
  const unique = [...new Set(futures)];
  if (unique.length === 0) throw new ValueError('Set of Tasks/Futures is empty.');
  if (returnWhen !== FIRST_COMPLETED && returnWhen !== FIRST_EXCEPTION && returnWhen !== ALL_COMPLETED) {
    // CPython's message shows the value with str(), unquoted.
    throw new ValueError(`Invalid return_when value: ${typeof returnWhen === 'string' ? cutText(returnWhen) : showValue(returnWhen)}`);
  }
  const loop = getRunningLoop();
  const waiter = new Future<void>({ loop, description: `wait(${returnWhen})` });
  const release = (): void => {
    if (!waiter.done()) waiter.setResult(undefined);
  };
  const timer: TimerHandle | null = timeoutMs === null ? null : loop.callLater(timeoutMs, release);
  let remaining = unique.length;

  const onCompletion = (future: Future<unknown>): void => {
    remaining--;
    // The order of the tests is asyncio's: the error is looked at (and so
    // retrieved) only when neither of the other conditions already holds.
    if (remaining <= 0 || returnWhen === FIRST_COMPLETED || (returnWhen === FIRST_EXCEPTION && failed(future))) {
      timer?.cancel();
      release();
    }
  };

  for (const future of unique) future.addDoneCallback(onCompletion);
  try {
    yield* waiter;
  } finally {
    timer?.cancel();
    for (const future of unique) future.removeDoneCallback(onCompletion);
  }
  const done = new Set<F>();
  const pending = new Set<F>();
  for (const future of unique) (future.done() ? done : pending).add(future);
  return { done, pending };
}

/** asyncio's `not f.cancelled() and f.exception() is not None`. */
function failed(future: Future<unknown>): boolean {
  return !future.cancelled() && !outcomeOf(future).ok;
}
