import { Future } from '../future.js';
import { outcomeOf } from './outcome.js';

/**
 * Waits for `inner` while protecting it from cancellation (asyncio.shield):
 * returns an outer future that follows `inner`. Cancelling the outer future,
 * which is what cancelling a task that awaits it does, leaves `inner`
 * running; only the awaiter stops waiting. The other way round is not
 * shielded: if `inner` is cancelled, the outer future is cancelled too, with
 * no message (asyncio calls `outer.cancel()` without one).
 *
 * An `inner` that is already done is returned as it is.
 *
 * @example
 * const save = createTask(saveToDisk());
 * const saved = yield* shield(save); // cancelling us now does not stop the save
 */
export function shield<T>(inner: Future<T>): Future<T> {
  if (inner.done()) return inner;
  const outer = new Future<T>({ loop: inner.loop, description: `shield(${inner.toString()})` });

  const onInnerDone = (): void => {
    if (outer.cancelled()) return;
    if (inner.cancelled()) {
      outer.cancel();
      return;
    }
    const outcome = outcomeOf(inner);
    if (outcome.ok) outer.setResult(outcome.value);
    else outer.relayException(outcome.error);
  };

  // Once the outer future is done nobody follows `inner` any more. asyncio
  // swaps its follower for a callback that logs an error `inner` may still
  // end with; simloop has no exception handler to log to, so the stand-in
  // leaves the error unretrieved, where the "never retrieved" report finds it.
  // It is still registered, once, so that the callbacks queued when `inner`
  // completes are the same as asyncio's.
  const onOuterDone = (): void => {
    if (inner.done()) return;
    inner.removeDoneCallback(onInnerDone);
    inner.removeDoneCallback(leaveErrorForReport);
    inner.addDoneCallback(leaveErrorForReport);
  };

  inner.addDoneCallback(onInnerDone);
  outer.addDoneCallback(onOuterDone);
  return outer;
}

/** The stand-in for asyncio's `_log_on_exception`: see `onOuterDone` above. */
function leaveErrorForReport(): void {}
