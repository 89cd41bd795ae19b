import type { Operation } from '../effects.js';
import { CancelledError, TimeoutError } from '../errors.js';
import { Future } from '../future.js';
import { checkTime } from '../loop/check-time.js';
import { timeout } from './timeout.js';

/**
 * Waits for `awaitable` for at most `timeoutMs` milliseconds (null: no limit)
 * and returns its result (asyncio.wait_for). When time runs out, the
 * awaitable is cancelled, and once it has finished cancelling, TimeoutError
 * is raised. If the awaiting task is cancelled, so is the awaitable. Wrap it
 * in `shield()` to keep it running past the timeout.
 *
 * As in Python 3.12 and later this is `timeout(timeoutMs)` around
 * `yield* awaitable`, so a task that refuses the cancellation and returns a
 * value makes that value the result. A timeout of 0 or less does not wait at
 * all for a pending awaitable: it cancels it at once and waits only for that.
 *
 * @example
 * const reply = yield* waitFor(createTask(fetch()), 1000); // TimeoutError after a second
 */
export function* waitFor<T>(awaitable: Future<T>, timeoutMs: number | null): Operation<T> {
  if (timeoutMs !== null) checkTime('waitFor', 'timeoutMs', timeoutMs);
  if (timeoutMs !== null && timeoutMs <= 0) return yield* waitForNoTime(awaitable);
  return yield* timeout(timeoutMs, function* () {
    return yield* awaitable;
  });
}

/** asyncio's special case for a timeout of 0 or less: a pending awaitable has already run out of time. */
function* waitForNoTime<T>(awaitable: Future<T>): Operation<T> {
  if (awaitable.done()) return awaitable.result();
  yield* cancelAndWait(awaitable);
  try {
    return awaitable.result();
  } catch (error) {
    if (error instanceof CancelledError) throw new TimeoutError('', { cause: error });
    throw error;
  }
}

/**
 * Cancels `future` and waits until it is done (asyncio's `_cancel_and_wait`).
 * It waits on a future of its own rather than on `future` itself, so that
 * cancelling the waiting task stops only the wait.
 */
function* cancelAndWait(future: Future<unknown>): Operation<void> {
  const released = new Future<void>({ loop: future.loop, description: `cancel and wait for ${future.toString()}` });
  const release = (): void => {
    if (!released.done()) released.setResult(undefined);
  };
  future.addDoneCallback(release);
  try {
    future.cancel();
    yield* released;
  } finally {
    future.removeDoneCallback(release);
  }
}
