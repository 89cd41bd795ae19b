/**
 * The bound (see ../bound-scheduler.ts): the floor plus exactly what
 * simloop's contract imposes, nothing else. It shows, in the same run, what
 * any scheduler that honours that contract must pay: tasks suspend through
 * `yield*` of effect objects, the loop keeps asyncio's order (a FIFO ready
 * queue run an iteration at a time, a new task's first step queued, two
 * ready-queue trips per timer, waiters woken through the queue), and every
 * cancellation throws a fresh CancelledError. Written the way simloop's are:
 * `yield* sleep(0)` to yield, `scheduler.spawn(gen())` to spawn (queued, as
 * `createTask`), `yield* task` to join, `yield* sleep(ms)` to sleep,
 * `task.cancel()` to cancel. No X1: it has no schedule exploration.
 */
import { LONG_SLEEP_MS, type Adapter, type InterleaveOutcome } from '../adapter.js';
import { BoundScheduler, CancelledError, sleep, type BoundOperation, type BoundTask } from '../bound-scheduler.js';
import { delaysFor } from '../delays.js';
import { InterleaveTracker } from '../interleave.js';

function* returnAtOnce(index: number): BoundOperation<number> {
  return index;
}

function* interleaver(index: number, yields: number, tracker: InterleaveTracker): BoundOperation<number> {
  const progress = tracker.progress;
  for (let i = 0; i < yields; i++) {
    yield* sleep(0);
    progress[index]++;
  }
  tracker.finished();
  return index;
}

function* sleeper(index: number, delayMs: number, order: number[]): BoundOperation<void> {
  yield* sleep(delayMs);
  order.push(index);
}

/** Counts, in a finally block, the sleeps that were interrupted. */
function* cancellable(counter: { cancelled: number; started: number }): BoundOperation<void> {
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
function* cancelAndJoin(tasks: BoundTask<unknown>[]): BoundOperation<void> {
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
  name: 'bound',

  w1Yield(n) {
    return new BoundScheduler().run(
      (function* (): BoundOperation<number> {
        let count = 0;
        for (let i = 0; i < n; i++) {
          yield* sleep(0);
          count++;
        }
        return count;
      })(),
    );
  },

  w2Interleave(taskCount, yields) {
    const scheduler = new BoundScheduler();
    return scheduler.run(
      (function* (): BoundOperation<InterleaveOutcome> {
        const tracker = new InterleaveTracker(taskCount);
        const tasks: BoundTask<number>[] = [];
        for (let i = 0; i < taskCount; i++) tasks.push(scheduler.spawn(interleaver(i, yields, tracker)));
        let sum = 0;
        for (const task of tasks) sum += yield* task;
        return tracker.outcome(sum);
      })(),
    );
  },

  w3sSpawnJoin(n) {
    const scheduler = new BoundScheduler();
    return scheduler.run(
      (function* (): BoundOperation<number> {
        let sum = 0;
        for (let i = 0; i < n; i++) sum += yield* scheduler.spawn(returnAtOnce(i));
        return sum;
      })(),
    );
  },

  w3bSpawnAllJoin(n) {
    const scheduler = new BoundScheduler();
    return scheduler.run(
      (function* (): BoundOperation<number> {
        const tasks: BoundTask<number>[] = [];
        for (let i = 0; i < n; i++) tasks.push(scheduler.spawn(returnAtOnce(i)));
        let sum = 0;
        for (const task of tasks) sum += yield* task;
        return sum;
      })(),
    );
  },

  w4Timers(n, seed) {
    const delays = delaysFor(n, seed);
    const scheduler = new BoundScheduler();
    return scheduler.run(
      (function* (): BoundOperation<number[]> {
        const order: number[] = [];
        const tasks: BoundTask<void>[] = [];
        for (let i = 0; i < n; i++) tasks.push(scheduler.spawn(sleeper(i, delays[i] as number, order)));
        for (const task of tasks) yield* task;
        return order;
      })(),
    );
  },

  w5Cancel(n) {
    const scheduler = new BoundScheduler();
    return scheduler.run(
      (function* (): BoundOperation<number> {
        const counter = { cancelled: 0, started: 0 };
        const tasks: BoundTask<void>[] = [];
        for (let i = 0; i < n; i++) tasks.push(scheduler.spawn(cancellable(counter)));
        yield* sleep(0); // every task starts and suspends in its sleep
        yield* cancelAndJoin(tasks);
        return counter.cancelled;
      })(),
    );
  },

  m1Suspend(n, probe) {
    const scheduler = new BoundScheduler();
    return scheduler.run(
      (function* (): BoundOperation<number> {
        const counter = { cancelled: 0, started: 0 };
        probe();
        const tasks: BoundTask<void>[] = [];
        for (let i = 0; i < n; i++) tasks.push(scheduler.spawn(cancellable(counter)));
        yield* sleep(0);
        probe();
        const started = counter.started;
        yield* cancelAndJoin(tasks);
        return counter.cancelled === n ? started : -1;
      })(),
    );
  },
};
