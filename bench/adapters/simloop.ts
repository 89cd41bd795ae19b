/**
 * simloop, written the way its documentation shows: `yield* sleep(0)` to
 * yield, `createTask(gen())` to spawn, `yield* task` to join,
 * `yield* sleep(ms)` to sleep, `task.cancel()` to cancel. The only option
 * changed is maxSteps, since W1 alone takes more steps than the default
 * budget of 10,000,000. X1 explores the 10-task program of explore-x1.ts
 * (which also reports pct, exhaustive, scenarios and threads) with
 * `explore(main, { policy: 'random', seed: 1 })`.
 */
import { explore } from '../../src/explore/index.js';
import { CancelledError, createTask, run, sleep, type Operation, type Task } from '../../src/index.js';
import { LONG_SLEEP_MS, type Adapter, type InterleaveOutcome } from '../adapter.js';
import { main as x1Main } from '../explore-x1.js';
import { delaysFor } from '../delays.js';
import { InterleaveTracker } from '../interleave.js';

const OPTIONS = { maxSteps: Number.MAX_SAFE_INTEGER };

function* returnAtOnce(index: number): Operation<number> {
  return index;
}

function* interleaver(index: number, yields: number, tracker: InterleaveTracker): Operation<number> {
  const progress = tracker.progress;
  for (let i = 0; i < yields; i++) {
    yield* sleep(0);
    progress[index]++;
  }
  tracker.finished();
  return index;
}

function* sleeper(index: number, delayMs: number, order: number[]): Operation<void> {
  yield* sleep(delayMs);
  order.push(index);
}

/** Counts, in a finally block, the sleeps that were interrupted. */
function* cancellable(counter: { cancelled: number; started: number }): Operation<void> {
  let completed = false;
  counter.started++;
  try {
    yield* sleep(LONG_SLEEP_MS);
    completed = true;
  } finally {
    if (!completed) counter.cancelled++;
  }
}

/** Cancels every task, then joins each, expecting CancelledError. */
function* cancelAndJoin(tasks: Task<unknown>[]): Operation<void> {
  for (const task of tasks) task.cancel();
  for (const task of tasks) {
    try {
      yield* task;
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
    }
  }
}

export const adapter: Adapter = {
  name: 'simloop',

  w1Yield(n) {
    return run(
      (function* (): Operation<number> {
        let count = 0;
        for (let i = 0; i < n; i++) {
          yield* sleep(0);
          count++;
        }
        return count;
      })(),
      OPTIONS,
    );
  },

  w2Interleave(taskCount, yields) {
    return run(
      (function* (): Operation<InterleaveOutcome> {
        const tracker = new InterleaveTracker(taskCount);
        const tasks: Task<number>[] = [];
        for (let i = 0; i < taskCount; i++) tasks.push(createTask(interleaver(i, yields, tracker)));
        let sum = 0;
        for (const task of tasks) sum += yield* task;
        return tracker.outcome(sum);
      })(),
      OPTIONS,
    );
  },

  w3sSpawnJoin(n) {
    return run(
      (function* (): Operation<number> {
        let sum = 0;
        for (let i = 0; i < n; i++) sum += yield* createTask(returnAtOnce(i));
        return sum;
      })(),
      OPTIONS,
    );
  },

  w3bSpawnAllJoin(n) {
    return run(
      (function* (): Operation<number> {
        const tasks: Task<number>[] = [];
        for (let i = 0; i < n; i++) tasks.push(createTask(returnAtOnce(i)));
        let sum = 0;
        for (const task of tasks) sum += yield* task;
        return sum;
      })(),
      OPTIONS,
    );
  },

  w4Timers(n, seed) {
    const delays = delaysFor(n, seed);
    return run(
      (function* (): Operation<number[]> {
        const order: number[] = [];
        const tasks: Task<void>[] = [];
        for (let i = 0; i < n; i++) tasks.push(createTask(sleeper(i, delays[i] as number, order)));
        for (const task of tasks) yield* task;
        return order;
      })(),
      OPTIONS,
    );
  },

  w5Cancel(n) {
    return run(
      (function* (): Operation<number> {
        const counter = { cancelled: 0, started: 0 };
        const tasks: Task<void>[] = [];
        for (let i = 0; i < n; i++) tasks.push(createTask(cancellable(counter)));
        yield* sleep(0); // every task starts and suspends in its sleep
        yield* cancelAndJoin(tasks);
        return counter.cancelled;
      })(),
      OPTIONS,
    );
  },

  m1Suspend(n, probe) {
    return run(
      (function* (): Operation<number> {
        const counter = { cancelled: 0, started: 0 };
        probe();
        const tasks: Task<void>[] = [];
        for (let i = 0; i < n; i++) tasks.push(createTask(cancellable(counter)));
        yield* sleep(0);
        probe();
        const started = counter.started;
        yield* cancelAndJoin(tasks);
        return counter.cancelled === n ? started : -1;
      })(),
      OPTIONS,
    );
  },

  x1Explore(runs) {
    const result = explore(x1Main, { policy: 'random', runs, seed: 1, shrink: false, selfCheck: false });
    return result.failure === null ? result.runs : -1;
  },
};
