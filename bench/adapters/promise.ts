/**
 * Native async/await. A zero-delay yield is `await null`; a task is a call
 * to an async function, joined with `await`. Timers run on a private
 * @sinonjs/fake-timers clock (never the global one) advanced with
 * `runAllAsync()`, which lets the microtasks run between timers. Promises
 * have no cancellation, so a sleep carries the cheapest hand-written token:
 * cancelling clears the timer and rejects the sleep with one shared error.
 */
import { createClock } from '@sinonjs/fake-timers';
import { LONG_SLEEP_MS, type Adapter, type InterleaveOutcome } from '../adapter.js';
import { delaysFor } from '../delays.js';
import { InterleaveTracker } from '../interleave.js';

type Clock = ReturnType<typeof createClock>;

/** More timers than any workload schedules: fake-timers' default gives up after 1,000. */
const LOOP_LIMIT = 1_000_000_000;
const CANCELLED: Error = new Error('cancelled');

function newClock(): Clock {
  return createClock(0, LOOP_LIMIT);
}

function sleep(clock: Clock, delayMs: number): Promise<void> {
  return new Promise((resolve) => {
    clock.setTimeout(resolve as () => void, delayMs);
  });
}

/** A sleep that `cancel()` ends early by rejecting it with CANCELLED. */
class CancellableSleep {
  private timer: unknown = undefined;
  private rejectSleep: ((error: Error) => void) | null = null;

  constructor(private readonly clock: Clock) {}

  sleep(delayMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.timer = this.clock.setTimeout(resolve as () => void, delayMs);
      this.rejectSleep = reject;
    });
  }

  cancel(): void {
    this.clock.clearTimeout(this.timer as ReturnType<Clock['setTimeout']>);
    this.rejectSleep?.(CANCELLED);
  }
}

async function returnAtOnce(index: number): Promise<number> {
  return index;
}

async function interleaver(index: number, yields: number, tracker: InterleaveTracker): Promise<number> {
  const progress = tracker.progress;
  for (let i = 0; i < yields; i++) {
    await null;
    progress[index]++;
  }
  tracker.finished();
  return index;
}

async function sleeper(clock: Clock, index: number, delayMs: number, order: number[]): Promise<void> {
  await sleep(clock, delayMs);
  order.push(index);
}

async function cancellable(token: CancellableSleep, counter: { cancelled: number; started: number }): Promise<void> {
  let completed = false;
  counter.started++;
  try {
    await token.sleep(LONG_SLEEP_MS);
    completed = true;
  } finally {
    if (!completed) counter.cancelled++;
  }
}

async function cancelAndJoin(tokens: CancellableSleep[], tasks: Promise<void>[]): Promise<void> {
  for (const token of tokens) token.cancel();
  for (const task of tasks) {
    try {
      await task;
    } catch (error) {
      if (error !== CANCELLED) throw error;
    }
  }
}

function startCancellables(n: number, counter: { cancelled: number; started: number }): [CancellableSleep[], Promise<void>[]] {
  const clock = newClock();
  const tokens: CancellableSleep[] = [];
  const tasks: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    const token = new CancellableSleep(clock);
    tokens.push(token);
    tasks.push(cancellable(token, counter));
  }
  return [tokens, tasks];
}

export const adapter: Adapter = {
  name: 'promise',

  async w1Yield(n) {
    let count = 0;
    for (let i = 0; i < n; i++) {
      await null;
      count++;
    }
    return count;
  },

  async w2Interleave(taskCount, yields): Promise<InterleaveOutcome> {
    const tracker = new InterleaveTracker(taskCount);
    const tasks: Promise<number>[] = [];
    for (let i = 0; i < taskCount; i++) tasks.push(interleaver(i, yields, tracker));
    let sum = 0;
    for (const task of tasks) sum += await task;
    return tracker.outcome(sum);
  },

  async w3sSpawnJoin(n) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += await returnAtOnce(i);
    return sum;
  },

  async w3bSpawnAllJoin(n) {
    const tasks: Promise<number>[] = [];
    for (let i = 0; i < n; i++) tasks.push(returnAtOnce(i));
    let sum = 0;
    for (const task of tasks) sum += await task;
    return sum;
  },

  async w4Timers(n, seed) {
    const delays = delaysFor(n, seed);
    const clock = newClock();
    const order: number[] = [];
    const tasks: Promise<void>[] = [];
    for (let i = 0; i < n; i++) tasks.push(sleeper(clock, i, delays[i] as number, order));
    await clock.runAllAsync();
    for (const task of tasks) await task;
    return order;
  },

  async w5Cancel(n) {
    const counter = { cancelled: 0, started: 0 };
    const [tokens, tasks] = startCancellables(n, counter);
    await null; // as elsewhere, the tasks are suspended in their sleep before the cancel
    await cancelAndJoin(tokens, tasks);
    return counter.cancelled;
  },

  async m1Suspend(n, probe) {
    const counter = { cancelled: 0, started: 0 };
    probe();
    const [tokens, tasks] = startCancellables(n, counter);
    await null;
    probe();
    const started = counter.started;
    await cancelAndJoin(tokens, tasks);
    return counter.cancelled === n ? started : -1;
  },
};
