/**
 * redux-saga 1.x through `runSaga` (no store), each operation its cheapest
 * documented way:
 * - yield: yielding an already resolved promise; the saga resumes in a
 *   microtask, after the other sagas ready before it (W2 checks that).
 *   `delay(0)` would cost a macrotask.
 * - spawn: `fork(fn, ...args)`; join: `join(task)`; sleep: `delay(ms)`;
 *   cancel: `cancel(tasks)` on the whole array, which runs each task's
 *   finally block before it returns.
 * `delay` calls the global setTimeout, so timers run on
 * @sinonjs/fake-timers installed globally in this (child) process, advanced
 * with `runAllAsync()` because a saga resumes from a promise callback.
 */
import { install } from '@sinonjs/fake-timers';
import { runSaga, type Task } from 'redux-saga';
import { cancel, delay, fork, join } from 'redux-saga/effects';
import { LONG_SLEEP_MS, type Adapter, type InterleaveOutcome } from '../adapter.js';
import { delaysFor } from '../delays.js';
import { InterleaveTracker } from '../interleave.js';

const clock = install({ toFake: ['setTimeout', 'clearTimeout'], loopLimit: 1_000_000_000 });

/** Yielding it resumes the saga in a microtask: redux-saga's `await null`. */
const RESOLVED: Promise<void> = Promise.resolve();

type Saga<T> = Generator<unknown, T, any>;

function start<T>(saga: () => Saga<T>): Promise<T> {
  return runSaga({ onError: (error) => console.error(error) }, saga).toPromise() as Promise<T>;
}

function* returnAtOnce(index: number): Saga<number> {
  return index;
}

function* interleaver(index: number, yields: number, tracker: InterleaveTracker): Saga<number> {
  const progress = tracker.progress;
  for (let i = 0; i < yields; i++) {
    yield RESOLVED;
    progress[index]++;
  }
  tracker.finished();
  return index;
}

function* sleeper(index: number, delayMs: number, order: number[]): Saga<void> {
  yield delay(delayMs);
  order.push(index);
}

/** Counts, in a finally block, the sleeps that were interrupted. */
function* cancellable(counter: { cancelled: number; started: number }): Saga<void> {
  let completed = false;
  counter.started++;
  try {
    yield delay(LONG_SLEEP_MS);
    completed = true;
  } finally {
    if (!completed) counter.cancelled++;
  }
}

function* forkCancellables(n: number, counter: { cancelled: number; started: number }): Saga<Task[]> {
  const tasks: Task[] = [];
  for (let i = 0; i < n; i++) tasks.push(yield fork(cancellable, counter));
  yield RESOLVED; // as elsewhere, the cancel comes in a later turn
  return tasks;
}

export const adapter: Adapter = {
  name: 'redux-saga',

  w1Yield(n) {
    return start(function* () {
      let count = 0;
      for (let i = 0; i < n; i++) {
        yield RESOLVED;
        count++;
      }
      return count;
    });
  },

  w2Interleave(taskCount, yields) {
    return start(function* (): Saga<InterleaveOutcome> {
      const tracker = new InterleaveTracker(taskCount);
      const tasks: Task[] = [];
      for (let i = 0; i < taskCount; i++) tasks.push(yield fork(interleaver, i, yields, tracker));
      let sum = 0;
      for (const task of tasks) sum += yield join(task);
      return tracker.outcome(sum);
    });
  },

  w3sSpawnJoin(n) {
    return start(function* () {
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const task: Task = yield fork(returnAtOnce, i);
        sum += yield join(task);
      }
      return sum;
    });
  },

  w3bSpawnAllJoin(n) {
    return start(function* () {
      const tasks: Task[] = [];
      for (let i = 0; i < n; i++) tasks.push(yield fork(returnAtOnce, i));
      let sum = 0;
      for (const task of tasks) sum += yield join(task);
      return sum;
    });
  },

  async w4Timers(n, seed) {
    const delays = delaysFor(n, seed);
    const main = start(function* () {
      const order: number[] = [];
      const tasks: Task[] = [];
      for (let i = 0; i < n; i++) tasks.push(yield fork(sleeper, i, delays[i] as number, order));
      for (const task of tasks) yield join(task);
      return order;
    });
    await clock.runAllAsync();
    return await main;
  },

  w5Cancel(n) {
    return start(function* () {
      const counter = { cancelled: 0, started: 0 };
      const tasks: Task[] = yield* forkCancellables(n, counter);
      yield cancel(tasks);
      return counter.cancelled;
    });
  },

  m1Suspend(n, probe) {
    return start(function* () {
      const counter = { cancelled: 0, started: 0 };
      probe();
      const tasks: Task[] = yield* forkCancellables(n, counter);
      probe();
      const started = counter.started;
      yield cancel(tasks);
      return counter.cancelled === n ? started : -1;
    });
  },
};
