import type { Effect, Operation } from './effects.js';
import { CancelledError, fail, kernelCancelledError, RuntimeError } from './errors.js';
import { Future, type FutureWaiter } from './future.js';
import type { Loop, LoopTask } from './loop/loop.js';
import { getRunningLoop, peekRunningLoop } from './loop/running.js';
import type { TimerNode, TimerSlot } from './loop/timer-heap.js';
import { showValue } from './show.js';

/**
 * Where a pending task is in its life:
 * - `scheduled`: a step is queued and the task waits on nothing;
 * - `waiting`: it waits on a future or a sleep; once that ends, its wakeup is
 *   queued, and it is still waiting until the wakeup runs;
 * - `running`: its step is running now;
 * - `done`: the task (a future) is cancelled or finished;
 * - `abandoned`: its host crashed: it never runs again and never becomes done
 *   (no `finally`, no done callbacks), as a process dies in a power cut.
 * Only a wakeup moves a task from waiting to running, and only `movePhase` changes it.
 *
 * @example
 * const task = createTask(work());
 * task.phase; // 'scheduled': its first step is queued
 */
export type TaskPhase = 'scheduled' | 'running' | 'waiting' | 'done' | 'abandoned';

/**
 * The legal moves: scheduled -> running | abandoned; waiting -> running |
 * scheduled | abandoned; running -> scheduled | waiting | done.
 */
function isLegalMove(from: TaskPhase, to: TaskPhase): boolean {
  switch (from) {
    case 'scheduled':
      return to === 'running' || to === 'abandoned';
    case 'waiting':
      return to === 'running' || to === 'scheduled' || to === 'abandoned';
    case 'running':
      return to !== 'running' && to !== 'abandoned';
    case 'done':
    case 'abandoned':
      return false;
  }
}

/** Marks "resume with next()" as opposed to "throw this error", which may be any value, even undefined. */
const NO_ERROR: unique symbol = Symbol('no error');

/**
 * The options of `createTask` (asyncio's `create_task(coro, name=...)`).
 *
 * @example
 * const task = createTask(work(), { name: 'worker-1' });
 * task.getName(); // 'worker-1'
 */
export interface TaskOptions {
  /** The task's name; `Task-<n>` by default, as in asyncio. Anything else is made a string, as Python's `str(name)`. */
  name?: string;
}

/**
 * The task a generator was given to, kept on the generator itself: a
 * generator runs once, so a second task for it would resume the first one's,
 * or find it finished and end at once with undefined. A property rather than
 * a WeakMap, whose table made every spawn many times slower.
 */
const TASK_OF_GENERATOR: unique symbol = Symbol('simloop task');

type MarkedGenerator = { [TASK_OF_GENERATOR]?: Task<unknown> };

/** What every Task hands to Future's constructor: one object, reused, since the constructor only reads it. */
const futureOptions: { loop: Loop | undefined } = { loop: undefined };

/** Runs a queued step. A module function, so queuing a step allocates nothing. */
function resumeTask(task: Task<unknown>): void {
  task.runQueuedStep();
}
resumeTask.stepsTaskOf = (task: Task<unknown>): Task<unknown> => task;

/**
 * A task runs a generator (a coroutine) on the loop: asyncio's Task, with
 * CPython 3.14's semantics. Its step resumes the generator with `next()` or
 * throws an error into it with `throw()`, and the effect it yields says what
 * it waits for next.
 *
 * `cancel()` is a request, not an order: it throws CancelledError into the
 * generator at its next resumption (or cancels what the task awaits, which
 * wakes it with that error), and the generator may catch it, clean up, even
 * refuse. A task that cancels itself and then returns without suspending
 * still ends cancelled.
 *
 * @example
 * function* work() { yield* sleep(500); return 42; }
 * function* main() { const task = createTask(work()); return yield* task; }
 * run(main()); // 42
 */
export class Task<T> extends Future<T> implements LoopTask, FutureWaiter, TimerNode {
  // The constructor sets the fields in the order of this list, which is their
  // order in memory: right after the Future's loop and status, what every
  // step reads and writes, then the sleep's timer-node fields, then the rest.
  // Kept together, a task woken cold (one of many) costs fewer cache misses.
  private readonly coro: Operation<T>;
  private phaseValue: TaskPhase;
  /** What the queued step throws into the generator, if anything. */
  private stepError: unknown;
  /** A cancel arrived when there was nothing to cancel: throw CancelledError at the next step. */
  private mustCancel: boolean;
  /** The future the task waits on, if any. */
  private waiter: Future<unknown> | null;
  /**
   * @internal A sleeping task is its own node in the loop's timer heap, so a
   * sleep allocates no timer handle: whether the sleep is scheduled, due, or
   * off (no sleep), its tie-breaking sequence and its deadline.
   */
  timerSlot: TimerSlot;
  /** @internal */
  sequence: number;
  /** @internal */
  deadlineMs: number;
  /** The name, or the number n of a default name `Task-<n>`, made into a string only when asked for. */
  private nameValue: string | number;
  /** @internal Links of the loop's list of pending tasks. */
  previousPending: LoopTask | null;
  /** @internal */
  nextPending: LoopTask | null;
  private cancelRequests: number;

  constructor(coro: Operation<T>, options?: TaskOptions & { loop?: Loop }) {
    const loop = options?.loop ?? getRunningLoop();
    checkCoroutine(coro);
    loop.checkOpen('createTask()');
    const owner = (coro as MarkedGenerator)[TASK_OF_GENERATOR];
    if (owner !== undefined) {
      throw new RuntimeError(`createTask(): this generator is already run by ${owner.toString()}; a generator runs once, so call the generator function again for a new task`);
    }
    futureOptions.loop = loop;
    super(futureOptions);
    futureOptions.loop = undefined;
    this.coro = coro;
    this.phaseValue = 'scheduled';
    this.stepError = NO_ERROR;
    this.mustCancel = false;
    this.waiter = null;
    this.timerSlot = 'off';
    this.sequence = 0;
    this.deadlineMs = 0;
    const name = options?.name;
    this.nameValue = name === undefined || name === null ? ++loop.tasksCreated : typeof name === 'string' ? name : nameOf(name);
    this.previousPending = null;
    this.nextPending = null;
    this.cancelRequests = 0;
    markGenerator(coro, this as Task<unknown>);
    loop.addPending(this);
    loop.schedule(resumeTask, this);
    loop.monitor?.taskCreated?.(this);
  }

  get phase(): TaskPhase {
    return this.phaseValue;
  }

  getName(): string {
    const name = this.nameValue;
    return typeof name === 'string' ? name : (this.nameValue = `Task-${name}`);
  }

  override get description(): string {
    return this.toString();
  }

  /** Renames the task; anything but a string is made one, as Python's `str(name)`. */
  setName(name: string): void {
    this.nameValue = typeof name === 'string' ? name : nameOf(name);
  }

  /** The generator the task drives. */
  getCoro(): Operation<T> {
    return this.coro;
  }

  /** `Task 'name'`; a task of a simulated host is `Task 'host/name'`, as traces label it. */
  override toString(): string {
    const owner = this.owner;
    if (owner === null) return `Task '${this.getName()}'`;
    const task = `Task '${owner.name}/${this.getName()}'`;
    return this.phaseValue === 'abandoned' ? `${task} (abandoned: ${owner.toString()} crashed)` : task;
  }

  /** Tasks complete only by running: use cancel(), or return from the generator. */
  override setResult(): never {
    throw new RuntimeError('Task does not support setResult()');
  }

  override setException(): never {
    throw new RuntimeError('Task does not support setException()');
  }

  /**
   * Requests cancellation. Returns false if the task is already done. Otherwise
   * counts the request (see `cancelling()`), and either cancels what the task
   * waits on, which wakes it with CancelledError, or arranges for
   * CancelledError to be thrown in when it next resumes. The message reaches
   * whoever awaits the task.
   */
  override cancel(msg?: string): boolean {
    // Nothing left to cancel; as in asyncio, the call still counts as having seen its error.
    if (this.done()) return super.cancel();
    this.cancelRequests++;
    this.loop.monitor?.cancelRequested?.(this, msg);
    if (this.cancelWaiter(msg)) return true;
    // The task is scheduled or running: the CancelledError goes in at its next step.
    this.mustCancel = true;
    this.cancellation = msg ?? null;
    return true;
  }

  /** How many cancellation requests are outstanding. */
  cancelling(): number {
    return this.cancelRequests;
  }

  /**
   * Withdraws one cancellation request; returns how many remain. When none
   * remain, a CancelledError not yet thrown in is withdrawn too.
   */
  uncancel(): number {
    if (this.cancelRequests > 0) {
      this.cancelRequests--;
      if (this.cancelRequests === 0) this.mustCancel = false;
    }
    return this.cancelRequests;
  }

  /**
   * @internal Its owner crashed: the task stops where it is and never runs
   * again. Its sleep leaves the timer heap and it leaves the loop's pending
   * list, but it does not become done and nothing is run or thrown into its
   * generator: a crash is not a cancellation. The loop calls it (abandon).
   */
  abandon(): void {
    if (this.timerSlot === 'scheduled') this.loop.cancelTimer(this);
    this.timerSlot = 'off';
    this.waiter = null;
    this.mustCancel = false;
    this.stepError = NO_ERROR;
    this.movePhase('abandoned');
    this.loop.removePending(this);
  }

  /** What the task waits on, for deadlock reports. */
  describeWait(): string {
    const waiter = this.waiter;
    if (this.phaseValue === 'waiting' && waiter !== null) return `waiting on ${waiter.toString()}`;
    if (this.phaseValue === 'waiting' && this.timerSlot !== 'off') return `sleeping until t=${this.deadlineMs}`;
    return this.phaseValue;
  }

  /** @internal Called by the loop's run step only, through resumeTask. */
  runQueuedStep(): void {
    const error = this.stepError;
    this.stepError = NO_ERROR;
    this.step(error);
  }

  /** Cancels the future or sleep the task waits on; false when there is none left to cancel. */
  private cancelWaiter(msg: string | undefined): boolean {
    const waiter = this.waiter;
    if (waiter !== null) return waiter.cancel(msg);
    const slot = this.timerSlot;
    if (slot === 'off') return false;
    // asyncio cancels the sleep's future, whose wakeup then throws CancelledError(msg) in.
    // A due sleep stays in the ready queue, where its turn finds it cancelled and does nothing.
    if (slot === 'scheduled') this.loop.cancelTimer(this);
    this.timerSlot = 'off';
    this.throwSoon(kernelCancelledError(msg ?? ''));
    return true;
  }

  /** @internal The sleep's deadline came and its turn in the ready queue is here: the step runs next iteration, as asyncio's sleeper wakes. */
  fireTimer(): void {
    if (this.timerSlot !== 'due') return;
    this.timerSlot = 'off';
    this.loop.monitor?.timerFired?.({ deadlineMs: this.deadlineMs, sequence: this.sequence, task: this });
    // Still waiting, as an asyncio task is until its wakeup runs: the queued step is that wakeup.
    this.loop.schedule(resumeTask, this);
  }

  /** @internal The future the task waits on is done: its turn among that future's done callbacks. */
  wakeUp(): void {
    const future = this.waiter;
    if (!(future !== null && future.done())) fail(`${this.toString()} woken, but it waits on no done future`);
    let error: unknown = NO_ERROR;
    try {
      future.result();
    } catch (thrown) {
      error = thrown;
    }
    this.step(error);
  }

  /** Queues a step that throws `error` into the generator, as asyncio's call_soon(__step, exc). */
  private throwSoon(error: unknown): void {
    this.stepError = error;
    this.movePhase('scheduled');
    this.loop.schedule(resumeTask, this);
  }

  /** The step: resume the generator once, then act on what it yielded or how it ended. */
  private step(error: unknown): void {
    if (this.done() || this.phaseValue === 'abandoned') fail(`step of ${this.toString()}, which is already ${this.phaseValue}`);
    const loop = this.loop;
    if (loop.cancelInjector !== null && loop.cancelInjector.cancelAtResumption(this)) this.cancel();
    if (this.mustCancel) {
      if (!(error instanceof CancelledError)) error = this.makeCancelledError();
      this.mustCancel = false;
    }
    if (error !== NO_ERROR && loop.monitor !== null && error instanceof CancelledError) loop.monitor.cancelDelivered?.(this, error);
    this.waiter = null;
    this.movePhase('running');
    if (loop.currentTask !== null) fail(`step of ${this.toString()} while ${loop.currentTask.getName()} runs`);
    loop.currentTask = this;
    try {
      let outcome: IteratorResult<Effect, T>;
      try {
        outcome = error === NO_ERROR ? this.coro.next() : this.coro.throw(error);
      } catch (thrown) {
        this.endWithError(thrown);
        return;
      }
      if (outcome.done === true) this.endWithReturn(outcome.value);
      else this.suspendOn(outcome.value);
    } finally {
      loop.currentTask = null;
    }
  }

  private endWithReturn(value: T): void {
    if (this.loop.recording) this.loop.recentSteps.record(this.loop.time(), this, 'returned');
    this.loop.monitor?.taskStepped?.(this, { kind: 'returned', value });
    this.movePhase('done');
    if (this.mustCancel) {
      // It cancelled itself (or was cancelled) after its last suspension.
      this.mustCancel = false;
      super.cancel(this.cancelMessage() ?? undefined);
    } else {
      this.finishWithResult(value);
    }
  }

  private endWithError(error: unknown): void {
    if (this.loop.recording) this.loop.recentSteps.record(this.loop.time(), this, 'raised');
    this.loop.monitor?.taskStepped?.(this, { kind: 'raised', error });
    this.movePhase('done');
    if (error instanceof CancelledError) {
      super.cancel();
      // Future.cancel() leaves no message (asyncio's None); the error itself is kept, for the first to ask.
      this.cancellation = error;
    } else {
      this.finishWithError(error);
    }
  }

  /** Acts on a yielded value: wait on a future, sleep, or give up one iteration. */
  private suspendOn(yielded: unknown): void {
    const loop = this.loop;
    if (loop.recording) loop.recentSteps.record(loop.time(), this, yielded);
    loop.monitor?.taskStepped?.(this, { kind: 'yielded', value: yielded });
    const effect = yielded as Effect;
    if (effect !== null && typeof effect === 'object' && effect.kind === 'await' && effect.future instanceof Future) {
      this.waitOn(effect.future);
    } else if (effect !== null && typeof effect === 'object' && effect.kind === 'sleep' && typeof effect.delayMs === 'number') {
      this.sleepFor(effect.delayMs);
    } else {
      this.throwSoon(new TypeError(`${this.toString()} got bad yield: ${showValue(yielded)}${yieldHint(yielded)}`));
    }
  }

  private waitOn(future: Future<unknown>): void {
    if (future.loop !== this.loop) {
      this.throwSoon(new RuntimeError(`${this.toString()} got ${future.toString()} attached to a different loop`));
      return;
    }
    if (this.owner !== null && future.owner !== null && future.owner !== this.owner) {
      this.throwSoon(crossHostError(this, future));
      return;
    }
    if ((future as unknown) === this) {
      this.throwSoon(new RuntimeError(`Task cannot await on itself: ${this.toString()}`));
      return;
    }
    future.addWaiter(this);
    this.waiter = future;
    this.movePhase('waiting');
    if (this.mustCancel && future.cancel(this.cancelMessage() ?? undefined)) this.mustCancel = false;
  }

  private sleepFor(delayMs: number): void {
    if (delayMs <= 0) {
      // asyncio.sleep(0) is a bare yield: the step runs again next iteration.
      this.movePhase('scheduled');
      this.loop.schedule(resumeTask, this);
    } else if (this.mustCancel) {
      // asyncio would cancel the sleep's future at once; its wakeup throws CancelledError(msg) in.
      this.mustCancel = false;
      this.throwSoon(kernelCancelledError(this.cancelMessage() ?? ''));
    } else {
      const loop = this.loop;
      this.deadlineMs = loop.time() + delayMs;
      this.sequence = loop.takeSequence();
      loop.addTimer(this);
      this.movePhase('waiting');
    }
  }

  /** The one place a task's phase changes. */
  private movePhase(next: TaskPhase): void {
    if (!isLegalMove(this.phaseValue, next)) fail(`${this.toString()}: illegal move ${this.phaseValue} -> ${next}`);
    this.phaseValue = next;
  }

  protected override onDone(): void {
    this.loop.removePending(this);
    this.loop.monitor?.taskDone?.(this);
  }
}

/** A task of one host (or of the test itself) awaited something another host made. */
function crossHostError(task: Task<unknown>, future: Future<unknown>): RuntimeError {
  const where = task.owner === null ? 'outside any host' : `of ${task.owner.toString()}`;
  return new RuntimeError(
    `${task.toString()} ${where} awaited ${future.toString()} of ${future.owner?.toString()}: ` +
      'hosts share nothing but messages (send it over the network, or await it from the same host)',
  );
}

function checkCoroutine(coro: unknown): void {
  const candidate = coro as Partial<Operation<unknown>> | null;
  if (candidate === null || typeof candidate !== 'object' || typeof candidate.next !== 'function' || typeof candidate.throw !== 'function') {
    const hint = typeof coro === 'function' ? ` (call it: ${coro.name || 'work'}() gives the generator)` : '';
    throw new TypeError(`a generator object was expected, got ${showValue(coro)}${hint}`);
  }
}

/** Marks `coro` as given to `task`; a frozen hand-made iterator cannot be marked, and then goes unchecked. */
function markGenerator(coro: object, task: Task<unknown>): void {
  try {
    (coro as MarkedGenerator)[TASK_OF_GENERATOR] = task;
  } catch {
    // Not extensible: nothing to remember it by.
  }
}

/** A task name given as something else than a string, as Python's `str(name)`: 42 names a task "42". */
function nameOf(name: unknown): string {
  try {
    return String(name);
  } catch {
    return showValue(name);
  }
}

function yieldHint(value: unknown): string {
  if (value instanceof Future) return ` (use yield* to await it: yield* ${value.toString()})`;
  if (value !== null && typeof value === 'object' && typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function') {
    return ' (use yield* to run an operation)';
  }
  return '';
}

/**
 * Starts `coro` as a task on the running loop: its first step runs in a later
 * loop iteration, never inside this call (asyncio.create_task).
 *
 * @example
 * const task = createTask(work(), { name: 'worker' });
 */
export function createTask<T>(coro: Operation<T>, options?: TaskOptions): Task<T> {
  return new Task(coro, options);
}

/**
 * The task whose step is running (asyncio.current_task). Throws RuntimeError
 * when called outside a task, where asyncio would return None.
 *
 * @example
 * currentTask().cancel();
 */
export function currentTask(): Task<unknown> {
  const task = peekRunningLoop()?.currentTask;
  if (task === null || task === undefined) throw new RuntimeError('currentTask() called outside a running task');
  return task as unknown as Task<unknown>;
}

/**
 * Every task of the running loop that is not done yet, in creation order
 * (asyncio.all_tasks).
 *
 * @example
 * for (const task of allTasks()) if (task !== currentTask()) task.cancel();
 */
export function allTasks(): Set<Task<unknown>> {
  return new Set(getRunningLoop().pendingTasks() as unknown as Task<unknown>[]);
}
