/**
 * Effection 4, each operation its cheapest documented way:
 * - yield: an action that resolves at once. Effection's run loop puts the
 *   resumed coroutine at the back of its queue, behind every other ready
 *   task of its generation (W2 checks that they interleave); a parent,
 *   though, always runs before its children. `sleep(0)` would cost a
 *   macrotask.
 * - spawn: `scope.spawn(op)` on the scope taken once with `useScope()`, the
 *   same task creation as `spawn(op)` without its extra effect per call.
 * - join: `yield* task`; sleep: `sleep(ms)`; cancel: `yield* task.halt()`,
 *   which returns once the task has unwound.
 * Effection calls the global setTimeout, so timers run on
 * @sinonjs/fake-timers installed globally in this (child) process; its
 * coroutines resume synchronously when a timer fires, so `clock.runAll()`
 * advances the clock.
 */
import { install } from '@sinonjs/fake-timers';
import { action, run, sleep, useScope, type Operation, type Task } from 'effection';
import { LONG_SLEEP_MS, type Adapter, type InterleaveOutcome } from '../adapter.js';
import { delaysFor } from '../delays.js';
import { InterleaveTracker } from '../interleave.js';

const clock = install({ toFake: ['setTimeout', 'clearTimeout'], loopLimit: 1_000_000_000 });

function noCleanup(): void {}

/** Resumes at once, behind every task already ready. */
const yieldNow: Operation<void> = action<void>((resolve) => {
  resolve();
  return noCleanup;
});

function* nothing(): Operation<void> {}

function* returnAtOnce(index: number): Operation<number> {
  return index;
}

function* interleaver(index: number, yields: number, tracker: InterleaveTracker): Operation<number> {
  const progress = tracker.progress;
  for (let i = 0; i < yields; i++) {
    yield* yieldNow;
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

function* spawnCancellables(n: number, counter: { cancelled: number; started: number }): Operation<Task<void>[]> {
  const scope = yield* useScope();
  const tasks: Task<void>[] = [];
  for (let i = 0; i < n; i++) tasks.push(yield* scope.spawn(() => cancellable(counter)));
  // Effection always runs a parent before its children, so a yield would not
  // let them start: joining one more child, spawned last, does.
  yield* yield* scope.spawn(nothing);
  return tasks;
}

function* haltAll(tasks: Task<void>[]): Operation<void> {
  for (const task of tasks) yield* task.halt();
}

export const adapter: Adapter = {
  name: 'effection',

  w1Yield(n) {
    return run(function* (): Operation<number> {
      let count = 0;
      for (let i = 0; i < n; i++) {
        yield* yieldNow;
        count++;
      }
      return count;
    });
  },

  w2Interleave(taskCount, yields) {
    return run(function* (): Operation<InterleaveOutcome> {
      const scope = yield* useScope();
      const tracker = new InterleaveTracker(taskCount);
      const tasks: Task<number>[] = [];
      for (let i = 0; i < taskCount; i++) tasks.push(yield* scope.spawn(() => interleaver(i, yields, tracker)));
      let sum = 0;
      for (const task of tasks) sum += yield* task;
      return tracker.outcome(sum);
    });
  },

  w3sSpawnJoin(n) {
    return run(function* (): Operation<number> {
      const scope = yield* useScope();
      let sum = 0;
      for (let i = 0; i < n; i++) sum += yield* yield* scope.spawn(() => returnAtOnce(i));
      return sum;
    });
  },

  w3bSpawnAllJoin(n) {
    return run(function* (): Operation<number> {
      const scope = yield* useScope();
      const tasks: Task<number>[] = [];
      for (let i = 0; i < n; i++) tasks.push(yield* scope.spawn(() => returnAtOnce(i)));
      let sum = 0;
      for (const task of tasks) sum += yield* task;
      return sum;
    });
  },

  async w4Timers(n, seed) {
    const delays = delaysFor(n, seed);
    const main = run(function* (): Operation<number[]> {
      const scope = yield* useScope();
      const order: number[] = [];
      const tasks: Task<void>[] = [];
      for (let i = 0; i < n; i++) tasks.push(yield* scope.spawn(() => sleeper(i, delays[i] as number, order)));
      for (const task of tasks) yield* task;
      return order;
    });
    clock.runAll();
    return await main;
  },

  w5Cancel(n) {
    return run(function* (): Operation<number> {
      const counter = { cancelled: 0, started: 0 };
      const tasks = yield* spawnCancellables(n, counter);
      yield* haltAll(tasks);
      return counter.cancelled;
    });
  },

  m1Suspend(n, probe) {
    return run(function* (): Operation<number> {
      const counter = { cancelled: 0, started: 0 };
      probe();
      const tasks = yield* spawnCancellables(n, counter);
      probe();
      const started = counter.started;
      yield* haltAll(tasks);
      return counter.cancelled === n ? started : -1;
    });
  },
};
