import type { Operation } from './effects.js';
import { CallbackError, endsTheRun, RuntimeError } from './errors.js';
import { Future } from './future.js';
import { Loop, type LoopOptions } from './loop/loop.js';
import { peekRunningLoop, setRunningLoop } from './loop/running.js';
import { Task } from './task.js';

/**
 * How `run` sets up its loop (the loop's own options) and names the main task.
 *
 * @example
 * run(main(), { name: 'server', maxSteps: 100_000, policy: FIFO });
 */
export interface RunOptions extends LoopOptions {
  /** The main task's name. Default `main`. */
  name?: string;
}

/**
 * Runs `main` as a task on a new loop with a virtual clock and returns its
 * result or throws its error, like asyncio.run. After main is done, every task
 * still pending is cancelled (in creation order) and run until it finishes,
 * before `run` returns. Synchronous: no real time passes.
 *
 * A callback that raises (callSoon, callLater, a done callback) goes to the
 * loop's exception handler and the run goes on, as in asyncio; with
 * `strict`, `run` then throws CallbackError at its end instead of main's
 * outcome. When `run` returns, it closes the loop, which reports every task
 * and future whose exception nobody retrieved ("Task exception was never
 * retrieved") through the same handler; the loop's futures take no more
 * callbacks after that.
 *
 * Throws DeadlockError when main (or the clean-up) can never finish because
 * nothing is ready and no timer is pending, StepBudgetError when the step
 * budget runs out, and RuntimeError when called from inside a running loop.
 * These end the run where they happen, with no clean-up.
 *
 * @example
 * function* main() { yield* sleep(3_600_000); return 'an hour later'; }
 * run(main()); // 'an hour later', in microseconds of real time
 */
export function run<T>(main: Operation<T>, options: RunOptions = {}): T {
  if (peekRunningLoop() !== null) throw new RuntimeError('run() cannot be called from a running event loop');
  const loop = new Loop(options);
  setRunningLoop(loop);
  try {
    const mainTask = new Task(main, { loop, name: options.name ?? 'main' });
    loop.runUntilDone(mainTask);
    // asyncio.run takes main's outcome before its clean-up runs.
    let outcome: () => T;
    try {
      const value = mainTask.result();
      outcome = () => value;
    } catch (error) {
      outcome = () => {
        throw error;
      };
    }
    // A host still paused when main ends thaws for the clean-up, so its tasks are cancelled like every other's.
    for (const owner of loop.ownersOf()) if (owner.state === 'paused') loop.resume(owner);
    cancelAllTasks(loop);
    shutDownLikeAsyncio(loop);
    loop.close();
    const callbackErrors = loop.callbackErrors();
    if (options.strict === true && callbackErrors.count > 0) throw new CallbackError(callbackErrors.count, callbackErrors.first);
    return outcome();
  } catch (error) {
    // A spent budget or a broken invariant ends the run where it stands: nothing more is reported.
    if (endsTheRun(error)) loop.discard();
    throw error;
  } finally {
    // A run that ended in a deadlock still reports its unretrieved errors.
    loop.close();
    setRunningLoop(null);
  }
}

/** asyncio.run's clean-up: cancel what is left and wait for all of it, as gather(*tasks) does. */
function cancelAllTasks(loop: Loop): void {
  const pending = loop.pendingTasks() as Task<unknown>[];
  if (pending.length === 0) return;
  for (const task of pending) task.cancel();
  const allDone = new Future<void>({ loop, description: 'the clean-up of run()' });
  let remaining = pending.length;
  const childDone = (): void => {
    remaining--;
    if (remaining === 0) allDone.setResult(undefined);
  };
  for (const task of pending) task.addDoneCallback(childDone);
  loop.runUntilDone(allDone);
}

/**
 * asyncio.run ends with shutdown_asyncgens() and shutdown_default_executor(),
 * each a coroutine run to completion: two loop iterations apiece, in which
 * tasks started during the clean-up still take steps. They are reproduced so
 * that those steps, and so the trace, are the same as CPython's.
 */
function shutDownLikeAsyncio(loop: Loop): void {
  for (let i = 0; i < 2; i++) {
    const shutdown = new Future<void>({ loop, description: 'shutdown' });
    loop.schedule(() => shutdown.setResult(undefined), undefined);
    loop.runUntilDone(shutdown);
  }
}

