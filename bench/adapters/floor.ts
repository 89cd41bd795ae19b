/**
 * The floor (see ../floor-scheduler.ts): yield is `yield 0`, sleep is
 * `yield ms`, join is `yield task`, spawn is `scheduler.spawn(gen)`.
 */
import { LONG_SLEEP_MS, type Adapter, type InterleaveOutcome } from '../adapter.js';
import { delaysFor } from '../delays.js';
import { CANCELLED, FloorScheduler, type FloorOperation, type FloorTask } from '../floor-scheduler.js';
import { InterleaveTracker } from '../interleave.js';

function* returnAtOnce(index: number): FloorOperation<number> {
  return index;
}

function* interleaver(index: number, yields: number, tracker: InterleaveTracker): FloorOperation<number> {
  const progress = tracker.progress;
  for (let i = 0; i < yields; i++) {
    yield 0;
    progress[index]++;
  }
  tracker.finished();
  return index;
}

function* sleeper(index: number, delayMs: number, order: number[]): FloorOperation<void> {
  yield delayMs;
  order.push(index);
}

/** Counts, in a finally block, the sleeps that were interrupted. */
function* cancellable(counter: { cancelled: number; started: number }): FloorOperation<void> {
  let completed = false;
  counter.started++;
  try {
    yield LONG_SLEEP_MS;
    completed = true;
  } finally {
    if (!completed) counter.cancelled++;
  }
}

/** Cancels every task, then joins each, expecting CANCELLED. */
function* cancelAndJoin(tasks: FloorTask<unknown>[]): FloorOperation<void> {
  for (const task of tasks) task.cancel();
  for (const task of tasks) {
    try {
      yield task;
    } catch (error) {
      if (error !== CANCELLED) throw error;
    }
  }
}

export const adapter: Adapter = {
  name: 'floor',

  w1Yield(n) {
    return new FloorScheduler().run(
      (function* (): FloorOperation<number> {
        let count = 0;
        for (let i = 0; i < n; i++) {
          yield 0;
          count++;
        }
        return count;
      })(),
    );
  },

  w2Interleave(taskCount, yields) {
    const scheduler = new FloorScheduler();
    return scheduler.run(
      (function* (): FloorOperation<InterleaveOutcome> {
        const tracker = new InterleaveTracker(taskCount);
        const tasks: FloorTask<number>[] = [];
        for (let i = 0; i < taskCount; i++) tasks.push(scheduler.spawn(interleaver(i, yields, tracker)));
        let sum = 0;
        for (const task of tasks) sum += (yield task) as number;
        return tracker.outcome(sum);
      })(),
    );
  },

  w3sSpawnJoin(n) {
    const scheduler = new FloorScheduler();
    return scheduler.run(
      (function* (): FloorOperation<number> {
        let sum = 0;
        for (let i = 0; i < n; i++) sum += (yield scheduler.spawn(returnAtOnce(i))) as number;
        return sum;
      })(),
    );
  },

  w3bSpawnAllJoin(n) {
    const scheduler = new FloorScheduler();
    return scheduler.run(
      (function* (): FloorOperation<number> {
        const tasks: FloorTask<number>[] = [];
        for (let i = 0; i < n; i++) tasks.push(scheduler.spawn(returnAtOnce(i)));
        let sum = 0;
        for (const task of tasks) sum += (yield task) as number;
        return sum;
      })(),
    );
  },

  w4Timers(n, seed) {
    const delays = delaysFor(n, seed);
    const scheduler = new FloorScheduler();
    return scheduler.run(
      (function* (): FloorOperation<number[]> {
        const order: number[] = [];
        const tasks: FloorTask<void>[] = [];
        for (let i = 0; i < n; i++) tasks.push(scheduler.spawn(sleeper(i, delays[i] as number, order)));
        for (const task of tasks) yield task;
        return order;
      })(),
    );
  },

  w5Cancel(n) {
    const scheduler = new FloorScheduler();
    return scheduler.run(
      (function* (): FloorOperation<number> {
        const counter = { cancelled: 0, started: 0 };
        const tasks: FloorTask<unknown>[] = [];
        for (let i = 0; i < n; i++) tasks.push(scheduler.spawn(cancellable(counter)));
        yield 0; // every task starts and suspends in its sleep
        yield* cancelAndJoin(tasks);
        return counter.cancelled;
      })(),
    );
  },

  m1Suspend(n, probe) {
    const scheduler = new FloorScheduler();
    return scheduler.run(
      (function* (): FloorOperation<number> {
        const counter = { cancelled: 0, started: 0 };
        probe();
        const tasks: FloorTask<unknown>[] = [];
        for (let i = 0; i < n; i++) tasks.push(scheduler.spawn(cancellable(counter)));
        yield 0;
        probe();
        const started = counter.started;
        yield* cancelAndJoin(tasks);
        return counter.cancelled === n ? started : -1;
      })(),
    );
  },
};
