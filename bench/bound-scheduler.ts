/**
 * The bound: the floor (floor-scheduler.ts) plus exactly what simloop's
 * contract imposes, each cost paid the cheapest way it can be, and nothing
 * else (no checks, no monitors, no step budget). What any scheduler
 * that honours the contract must pay, so that a workload where this file
 * already sits above simloop's target is one no contract-abiding scheduler
 * can meet. The contract's costs, each marked "Contract:" below:
 *
 * 1. Effects: a task suspends only through `yield* effect`, where an effect is
 *    a plain object the scheduler inspects (`yield* sleep(ms)`, `yield* task`):
 *    one fresh object per suspension, never a bare number or task.
 * 2. asyncio's order (CPython's BaseEventLoop): a FIFO ready queue of
 *    (callback, argument) entries; an iteration runs exactly the entries
 *    ready at its start; a new task's first step is queued, never run inline;
 *    a finished task queues each waiter's wakeup; a due timer takes two trips
 *    through the ready queue (the timer callback, then the task's wakeup).
 * 3. Cancellation throws a fresh CancelledError (made without a stack, as
 *    simloop makes it), and awaiting a cancelled task throws one too.
 * 4. Every task is a future: it keeps its outcome and its waiters.
 * 5. asyncio's task bookkeeping: every pending task is registered in creation
 *    order until it ends (all_tasks), the running task is known during its
 *    step (current_task), a task is numbered for its default name (Task-N),
 *    and cancellation requests are counted (cancelling()).
 */

import { heapPush, heapRemove } from './task-heap.js';

/** Contract 3: asyncio's CancelledError, a class of its own so a catch can tell it from a failure. */
export class CancelledError extends Error {
  override name = 'CancelledError';
}

/** Contract 3: a CancelledError without a stack trace, the way simloop's kernel makes one. */
function cancelledError(): CancelledError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const error = new CancelledError('');
  Error.stackTraceLimit = limit;
  return error;
}

/** What a task may yield (through `yield*`): a sleep or a join. */
export type Effect = SleepEffect | JoinEffect;
export type BoundOperation<T> = Generator<Effect, T, unknown>;

/**
 * Contract 1: `yield* sleep(ms)`. The effect is its own iterator and its own
 * IteratorResult: a sync generator's `yield*` hands the inner result object
 * to the outer `next()` caller as it is, so the scheduler receives this very
 * object and a sleep allocates nothing else. Before the first `next()` its
 * `value` is undefined; the first `next()` makes it `{ done: false, value:
 * this }` (the effect handed to the scheduler); the second, when the task
 * resumes, `{ done: true, value: <what the task resumes with> }`.
 */
export class SleepEffect {
  done: boolean;
  value: unknown;
  readonly ms: number;

  constructor(ms: number) {
    this.done = false;
    this.value = undefined;
    this.ms = ms;
  }

  /** On the prototype, so it costs an effect nothing. */
  get kind(): 'sleep' {
    return 'sleep';
  }

  [Symbol.iterator](): Iterator<Effect, void, unknown> {
    return this as Iterator<Effect, void, unknown>;
  }

  next(resumedWith?: unknown): IteratorResult<Effect, void> {
    if (this.value === this) {
      this.done = true;
      this.value = resumedWith;
    } else {
      this.value = this;
    }
    return this as unknown as IteratorResult<Effect, void>;
  }

  throw(error: unknown): IteratorResult<Effect, void> {
    throw error;
  }
}

/** `yield* sleep(ms)`: suspend for `ms` virtual milliseconds; 0 or less gives up one loop iteration. */
export function sleep(ms: number): SleepEffect {
  return new SleepEffect(ms);
}

/**
 * Contract 1: `yield* task`. A task gives a fresh one of these each time it is
 * iterated (asyncio awaits a Task through a fresh iterator each time). Like
 * SleepEffect it is its own IteratorResult; if the task has already ended,
 * the first `next()` returns the outcome at once and the joiner never suspends.
 */
export class JoinEffect {
  done: boolean;
  value: unknown;
  readonly task: BoundTask<unknown>;

  constructor(task: BoundTask<unknown>) {
    this.done = false;
    this.value = undefined;
    this.task = task;
  }

  get kind(): 'join' {
    return 'join';
  }

  [Symbol.iterator](): Iterator<Effect, unknown, unknown> {
    return this as Iterator<Effect, unknown, unknown>;
  }

  next(resumedWith?: unknown): IteratorResult<Effect, unknown> {
    if (this.value === this) {
      this.done = true;
      this.value = resumedWith;
    } else if (this.task.phase >= DONE) {
      this.done = true;
      this.value = this.task.outcome();
    } else {
      this.value = this;
    }
    return this as unknown as IteratorResult<Effect, unknown>;
  }

  throw(error: unknown): IteratorResult<Effect, unknown> {
    throw error;
  }
}

// A task's phase. Contract 4: a future ends returned, failed or cancelled.
const READY = 0;
const SLEEPING = 1;
const JOINING = 2;
const DONE = 3;
const FAILED = 4;
const CANCELLED = 5;
type Phase = 0 | 1 | 2 | 3 | 4 | 5;

export class BoundTask<T> {
  phase: Phase = READY;
  /**
   * Contract 4: the result when DONE, the error when FAILED; when CANCELLED,
   * the task's own CancelledError until the first awaiter takes it.
   */
  result: unknown = undefined;
  /** What the next step sends in: a value, or (when `resumeThrows`) an error. */
  resumeWith: unknown = undefined;
  resumeThrows = false;
  /** The timer: the task is its own heap node. */
  deadlineMs = 0;
  sequence = 0;
  heapIndex = -1;
  /** Contract 4: the tasks awaiting this one; a lone waiter needs no array. */
  waiters: BoundTask<unknown> | Array<BoundTask<unknown>> | null = null;
  /** Contract 5: the links of the registry of pending tasks, and the count of cancel requests. */
  previous: BoundTask<unknown> | null = null;
  next: BoundTask<unknown> | null = null;
  cancelRequests = 0;
  /** Contract 5: the n of the default name Task-n (the string is made only when asked for). */
  readonly number: number;

  constructor(
    readonly loop: BoundScheduler,
    readonly gen: BoundOperation<T>,
  ) {
    this.number = ++loop.tasksCreated;
  }

  /** Contract 1: `yield* task` goes through a fresh join effect. */
  [Symbol.iterator](): Iterator<Effect, T, unknown> {
    return new JoinEffect(this as BoundTask<unknown>) as Iterator<Effect, T, unknown>;
  }

  /**
   * Contract 3: throws a fresh CancelledError in at the next step. A sleeping
   * task's timer leaves the heap and its step is queued at once (asyncio
   * cancels the sleep's future, whose done callback queues the wakeup). No
   * task can cancel another between a timer's two trips: timers fall due
   * only when the clock jumps, which it does only when nothing is ready, so
   * that iteration runs timer entries alone.
   */
  cancel(): void {
    const phase = this.phase;
    if (phase >= DONE) return;
    this.cancelRequests++;
    this.resumeWith = cancelledError();
    this.resumeThrows = true;
    if (phase === SLEEPING) {
      this.loop.removeTimer(this as BoundTask<unknown>);
      this.loop.makeReady(this as BoundTask<unknown>);
    }
  }

  /**
   * Contract 3 and 4, asyncio's Future.result(): the result, or throws the
   * error; a cancelled task's first awaiter gets its own CancelledError, every
   * later one a fresh one.
   */
  outcome(): unknown {
    const phase = this.phase;
    if (phase === DONE) return this.result;
    if (phase === FAILED) throw this.result;
    throw this.takeCancelledError();
  }

  /** A cancelled task's own CancelledError the first time, a fresh one after. */
  takeCancelledError(): unknown {
    const own = this.result;
    if (own === undefined) return cancelledError();
    this.result = undefined;
    return own;
  }
}

/** A ready-queue entry's callback; its argument is the task. */
type Callback = (task: BoundTask<unknown>) => void;

/** Contract 2: the callback of a queued step: resume the task's generator. */
function step(task: BoundTask<unknown>): void {
  task.loop.step(task);
}

/**
 * Contract 2: the callback of a due timer, the first of its two trips: it
 * queues the task's step, the second (asyncio: the timer sets the sleep
 * future's result, whose done callback is queued with call_soon).
 */
function timerFired(task: BoundTask<unknown>): void {
  task.loop.makeReady(task);
}

export class BoundScheduler {
  nowMs = 0;
  /** Contract 2: the ready queue, (callback, argument) in two parallel rings: no allocation per entry. */
  private callbacks: Array<Callback | undefined> = new Array(64);
  private args: Array<BoundTask<unknown> | undefined> = new Array(64);
  private head = 0;
  private count = 0;
  private mask = 63;
  private readonly heap: Array<BoundTask<unknown>> = [];
  private nextSequence = 0;
  /** Contract 5: tasks created so far, the registry's ends, and the task whose step runs. */
  tasksCreated = 0;
  private firstPending: BoundTask<unknown> | null = null;
  private lastPending: BoundTask<unknown> | null = null;
  current: BoundTask<unknown> | null = null;

  /** Contract 5: asyncio.all_tasks(), the pending tasks in creation order. */
  allTasks(): Array<BoundTask<unknown>> {
    const tasks: Array<BoundTask<unknown>> = [];
    for (let task = this.firstPending; task !== null; task = task.next) tasks.push(task);
    return tasks;
  }

  /** Contract 2: a new task's first step is queued, never run inline (asyncio's create_task). */
  spawn<T>(gen: BoundOperation<T>): BoundTask<T> {
    const task = new BoundTask(this, gen) as BoundTask<unknown>;
    // Contract 5: registered at the end of the pending tasks.
    task.previous = this.lastPending;
    if (this.lastPending === null) this.firstPending = task;
    else this.lastPending.next = task;
    this.lastPending = task;
    this.makeReady(task);
    return task as BoundTask<T>;
  }

  /**
   * Runs until `main` ends; returns its result or throws its error. Contract
   * 2, CPython's _run_once: with nothing ready, jump the clock to the next
   * deadline; move the due timers to the ready queue; then run exactly the
   * entries that were ready at the start (entries they queue wait for the
   * next iteration).
   */
  run<T>(main: BoundOperation<T>): T {
    const task = this.spawn(main);
    const heap = this.heap;
    while (task.phase < DONE) {
      if (this.count === 0) {
        const first = heap[0];
        if (first === undefined) throw new Error('bound: deadlock');
        this.nowMs = first.deadlineMs;
      }
      while (heap.length > 0 && (heap[0] as BoundTask<unknown>).deadlineMs <= this.nowMs) {
        const due = heap[0] as BoundTask<unknown>;
        this.removeTimer(due);
        due.phase = READY;
        this.push(timerFired, due);
      }
      for (let ready = this.count; ready > 0; ready--) {
        const head = this.head;
        const callback = this.callbacks[head] as Callback;
        const arg = this.args[head] as BoundTask<unknown>;
        this.args[head] = undefined; // the callbacks are module functions: their slots need no clearing
        this.head = (head + 1) & this.mask;
        this.count--;
        callback(arg);
      }
    }
    return task.outcome() as T;
  }

  /** Queues the task's step. */
  makeReady(task: BoundTask<unknown>): void {
    task.phase = READY;
    this.push(step, task);
  }

  private push(callback: Callback, task: BoundTask<unknown>): void {
    if (this.count === this.mask + 1) this.grow();
    const at = (this.head + this.count) & this.mask;
    this.callbacks[at] = callback;
    this.args[at] = task;
    this.count++;
  }

  step(task: BoundTask<unknown>): void {
    const value = task.resumeWith;
    task.resumeWith = undefined;
    let outcome: IteratorResult<Effect, unknown>;
    this.current = task; // Contract 5: current_task during the step
    try {
      if (task.resumeThrows) {
        task.resumeThrows = false;
        outcome = task.gen.throw(value);
      } else {
        outcome = task.gen.next(value);
      }
    } catch (error) {
      this.current = null;
      // Contract 3: a task that ends by throwing CancelledError is cancelled, not failed.
      this.finish(task, error instanceof CancelledError ? CANCELLED : FAILED, error);
      return;
    }
    this.current = null;
    if (outcome.done === true) {
      this.finish(task, DONE, outcome.value);
      return;
    }
    // Contract 1: read what to do from the effect (here `outcome` is the effect itself).
    const effect = outcome.value;
    if (effect.kind === 'sleep') {
      const ms = effect.ms;
      if (ms <= 0) this.makeReady(task);
      else this.sleep(task, ms);
    } else {
      // The join effect suspends only when its task has not ended (see JoinEffect.next).
      task.phase = JOINING;
      const joined = effect.task;
      const waiters = joined.waiters;
      if (waiters === null) joined.waiters = task;
      else if (waiters instanceof BoundTask) joined.waiters = [waiters, task];
      else waiters.push(task);
    }
  }

  /** Contract 2 and 4: records the outcome and queues each waiter's wakeup, in the order they began waiting. */
  private finish(task: BoundTask<unknown>, phase: Phase, result: unknown): void {
    task.phase = phase;
    task.result = result;
    // Contract 5: a task that ended leaves the registry of pending tasks.
    const { previous, next } = task;
    if (previous === null) this.firstPending = next;
    else previous.next = next;
    if (next === null) this.lastPending = previous;
    else next.previous = previous;
    task.previous = null;
    task.next = null;
    const waiters = task.waiters;
    if (waiters === null) return;
    task.waiters = null;
    if (waiters instanceof BoundTask) this.wake(waiters, task);
    else for (const waiter of waiters) this.wake(waiter, task);
  }

  private wake(waiter: BoundTask<unknown>, joined: BoundTask<unknown>): void {
    // A cancel that arrived while it was joining goes in instead (as in the floor).
    if (!waiter.resumeThrows) {
      const phase = joined.phase;
      if (phase === DONE) {
        waiter.resumeWith = joined.result;
      } else {
        // What outcome() would throw, handed over without throwing it here.
        waiter.resumeWith = phase === FAILED ? joined.result : joined.takeCancelledError();
        waiter.resumeThrows = true;
      }
    }
    this.makeReady(waiter);
  }

  private sleep(task: BoundTask<unknown>, delayMs: number): void {
    task.phase = SLEEPING;
    task.deadlineMs = this.nowMs + delayMs;
    task.sequence = this.nextSequence++;
    heapPush(this.heap, task);
  }

  removeTimer(task: BoundTask<unknown>): void {
    heapRemove(this.heap, task);
  }

  private grow(): void {
    const capacity = (this.mask + 1) * 2;
    const callbacks: Array<Callback | undefined> = new Array(capacity);
    const args: Array<BoundTask<unknown> | undefined> = new Array(capacity);
    for (let i = 0; i < this.count; i++) {
      const from = (this.head + i) & this.mask;
      callbacks[i] = this.callbacks[from];
      args[i] = this.args[from];
    }
    this.callbacks = callbacks;
    this.args = args;
    this.head = 0;
    this.mask = capacity - 1;
  }
}
