import { DeadlockError, endsTheRun, fail, RuntimeError, StepBudgetError } from '../errors.js';
import { showValue } from '../show.js';
import { callbackContext, LoopErrors, type UnretrievedSource } from './loop-errors.js';
import type { ErrorLog, ExceptionContext, ExceptionHandler } from './exception-handler.js';
import { checkTime } from './check-time.js';
import { checkCallback, Handle } from './handle.js';
import { Owner, ownerOfArgument } from './owner.js';
import type { Monitor } from './monitor.js';
import { FIFO, type SchedulingPolicy } from './policy.js';
import { ReadyQueue, type ReadyCallback } from './ready-queue.js';
import { RECORDING_LEAD, RecentSteps } from './recent-steps.js';
import { peekRunningLoop, setRunningLoop } from './running.js';
import { TimerHandle, TimerHeap, type TimerNode } from './timer-heap.js';

/**
 * What the loop needs to know of a task: the task module supplies it, and a
 * Monitor receives it.
 *
 * @example
 * const monitor: Monitor = { taskDone: (task: LoopTask) => console.log(task.getName(), 'is done') };
 */
export interface LoopTask {
  getName(): string;
  done(): boolean;
  /** What the task waits on, for deadlock reports. */
  describeWait(): string;
  /** The host incarnation the task belongs to, or null. */
  readonly owner: Owner | null;
  /** @internal Stop for good without running anything: its owner was abandoned. */
  abandon(): void;
  /** @internal The loop's list of pending tasks runs through the tasks themselves. */
  previousPending: LoopTask | null;
  /** @internal */
  nextPending: LoopTask | null;
}

/**
 * How a loop schedules (its policy), how long it may run (its step budget),
 * and who watches it (its monitor).
 *
 * @example
 * const loop = new Loop({ policy: FIFO, maxSteps: 1_000, monitor: { taskCreated: (task) => console.log(task.getName()) } });
 */
export interface LoopOptions {
  /** Which ready callback runs next and how equal deadlines break. Default FIFO. */
  policy?: SchedulingPolicy;
  /** Most callbacks one loop may run before it throws StepBudgetError. Default 10,000,000. */
  maxSteps?: number;
  /** Watches tasks, cancellations and timers as they happen (structured traces). */
  monitor?: Monitor;
  /** Where the default exception handler writes its reports. Default `console.error`. */
  errorLog?: ErrorLog;
  /**
   * Callback errors fail the run: `run()` throws CallbackError for them at its
   * end (after the clean-up), and the default exception handler leaves them to
   * that error instead of writing them. Default false, as asyncio; explore and
   * simTest run strict.
   */
  strict?: boolean;
}

/**
 * The default step budget of a loop: this many callbacks run, and the loop
 * throws StepBudgetError (a livelock, or a program far larger than a test).
 *
 * @example
 * run(main(), { maxSteps: DEFAULT_MAX_STEPS * 10 }); // a long simulation
 */
export const DEFAULT_MAX_STEPS = 10_000_000;

/**
 * What `runUntilComplete` waits for: a Future or a Task (the future module
 * supplies it; the loop knows it only by this shape).
 *
 * @example
 * const awaited: Awaitable<number> = new Task(work(), { loop });
 * loop.runUntilComplete(awaited);
 */
export interface Awaitable<T> {
  done(): boolean;
  result(): T;
  addDoneCallback(callback: () => void): void;
  removeDoneCallback(callback: () => void): number;
}

function runHandle(handle: Handle): void {
  handle.run();
}

/** The heap holds sleeping tasks, which are their own nodes: a sleep's end steps its task. */
function fireTimer(timer: TimerNode): void {
  timer.fireTimer();
}
fireTimer.stepsTaskOf = (timer: TimerNode): unknown => timer;

/** The heap also holds callLater handles, whose callbacks the loop guards as any other. */
function fireTimerHandle(timer: TimerHandle): void {
  timer.fireTimer();
}

/**
 * The event loop: a virtual clock, a FIFO ready queue and a timer heap.
 *
 * One iteration is CPython's `_run_once`: timers that are due move to the end
 * of the ready queue, then exactly the callbacks that were ready at that moment
 * run; callbacks they schedule wait for the next iteration. When nothing is
 * ready the clock jumps straight to the next deadline, so no real time ever
 * passes. `runOnce` below is the only place that calls a callback.
 *
 * @example
 * const loop = new Loop();
 * loop.callLater(500, () => console.log(loop.time())); // 500
 */
export class Loop {
  /** The task whose step is running, or null between steps. */
  currentTask: LoopTask | null = null;
  /**
   * The tasks not yet done, oldest first, as a list threaded through the
   * tasks: adding one at creation and removing it when done allocates nothing
   * and hashes nothing, which a Set would on every spawn.
   */
  private firstPending: LoopTask | null = null;
  private lastPending: LoopTask | null = null;
  readonly policy: SchedulingPolicy;
  readonly maxSteps: number;
  readonly monitor: Monitor | null;
  /** The policy, when it injects cancellations; read once here so a step tests one field. */
  readonly cancelInjector: (SchedulingPolicy & { cancelAtResumption(task: LoopTask): boolean }) | null;
  readonly recentSteps = new RecentSteps();
  /** Whether task steps are recorded: only near the end of the step budget, whose error shows them. */
  recording: boolean;
  /** The step count at which runOnce next looks up from its loop: recording starts, then the budget ends. */
  private stepThreshold: number;
  /** Tasks created on this loop so far: names default to `Task-<n>`. */
  tasksCreated = 0;

  /** Whether any Owner was made on this loop: only then does a callback's owner need tracking. */
  private owned = false;
  /** Owners paused or abandoned: while there are any, a callback scheduled for one is held or dropped. */
  private haltedOwners = 0;
  /** The owner of the code running now (see Owner), or null. */
  private currentOwnerValue: Owner | null = null;
  private readonly owners: Owner[] = [];
  private closed = false;
  private readonly closeCallbacks: Array<() => void> = [];

  private nowMs = 0;
  /** The clock never jumps past this while a run is under way: runFor's end, or now for runUntilIdle. */
  private horizonMs = Infinity;
  private nextSequence = 0;
  private stepsRun = 0;
  private stopping = false;
  private running = false;
  private readonly fifo: boolean;
  private readonly ready = new ReadyQueue();
  private readonly timers: TimerHeap;
  private readonly dueGroup: TimerNode[] = [];
  private readonly errors: LoopErrors;
  /** The error that ends the run once the running callback is over (see `abort`). */
  private abortError: Error | null = null;

  constructor(options: LoopOptions = {}) {
    this.policy = options.policy ?? FIFO;
    this.fifo = this.policy === FIFO;
    this.maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
    this.monitor = options.monitor ?? null;
    this.cancelInjector = this.policy.cancelAtResumption !== undefined ? (this.policy as Loop['cancelInjector']) : null;
    this.timers = new TimerHeap(this.monitor);
    this.errors = new LoopErrors(this, options.errorLog ?? defaultErrorLog, options.strict === true);
    if (!(this.maxSteps > 0)) throw new RangeError(`maxSteps must be a positive number, got ${showValue(options.maxSteps)}`);
    this.stepThreshold = this.maxSteps - RECORDING_LEAD;
    this.recording = this.stepThreshold <= 0;
    if (this.recording) this.stepThreshold = this.maxSteps;
  }

  /** The virtual time in milliseconds: 0 when the loop starts. */
  time(): number {
    return this.nowMs;
  }

  /** How many callbacks the loop has run. */
  steps(): number {
    return this.stepsRun;
  }

  isRunning(): boolean {
    return this.running;
  }

  /** True once `close()` ran: `run()` closes its loop as it returns, as asyncio.run does. */
  isClosed(): boolean {
    return this.closed;
  }

  /**
   * Closes the loop, as asyncio's `loop.close()`: reports every future and task
   * still holding an exception nobody retrieved (through the exception
   * handler), drops what is still queued, and refuses from then on to
   * schedule anything ("Event loop is closed"). Closing twice does nothing;
   * closing a running loop throws RuntimeError.
   *
   * @example
   * loop.close();
   * loop.callSoon(tick); // throws RuntimeError: callSoon(): Event loop is closed ...
   */
  close(): void {
    if (this.running) throw new RuntimeError('Cannot close a running event loop');
    if (this.closed) return;
    this.errors.reportUnretrieved();
    this.discard();
  }

  /** @internal Closes the loop without reporting anything: for a run a spent budget or a broken invariant ended. */
  discard(): void {
    if (this.closed) return;
    this.closed = true;
    while (this.ready.length > 0) this.ready.dropFront();
    for (const callback of this.closeCallbacks.splice(0)) callback();
  }

  /** @internal Throws "Event loop is closed" once the loop is closed; `api` names the refused call, `subject` what it was called on. */
  checkOpen(api: string, subject?: { toString(): string }): void {
    if (!this.closed) return;
    const on = subject === undefined ? '' : ` on ${subject.toString()}`;
    throw new RuntimeError(`${api}${on}: Event loop is closed (run() closes its loop when it returns)`);
  }

  /**
   * Sets the loop's exception handler, as asyncio's: `handler(loop, context)`
   * is called for every callback that raises and every exception never
   * retrieved; null restores the default, which writes a report to the
   * error log and goes on.
   *
   * @example
   * getRunningLoop().setExceptionHandler((loop, context) => seen.push(context.message));
   */
  setExceptionHandler(handler: ExceptionHandler | null): void {
    if (handler !== null && typeof handler !== 'function') {
      throw new TypeError(`setExceptionHandler(): a function or null was expected, got ${showValue(handler)}`);
    }
    this.errors.handler = handler;
  }

  /** The exception handler set with `setExceptionHandler`, or null while the default is in use. */
  getExceptionHandler(): ExceptionHandler | null {
    return this.errors.handler;
  }

  /**
   * Hands `context` to the exception handler, as asyncio's
   * call_exception_handler: the one set, else the default. An error thrown
   * by a handler is reported by the default handler, never propagated.
   *
   * @example
   * loop.callExceptionHandler({ message: 'lost a reply', exception: error });
   */
  callExceptionHandler(context: ExceptionContext): void {
    this.errors.callHandler(context);
  }

  /** Writes `context` to the error log, as asyncio's default_exception_handler; a handler may defer to it. */
  defaultExceptionHandler(context: ExceptionContext): void {
    this.errors.writeReport(context);
  }

  /** The callback errors of this loop so far (at most the first 10) and how many there were in all: what strict mode fails on. */
  callbackErrors(): { readonly count: number; readonly first: readonly ExceptionContext[] } {
    return this.errors.callbackErrors();
  }

  /** @internal A future finished with an error: if nobody retrieves it by `close()`, it is reported then. */
  noteUnretrieved(future: UnretrievedSource): void {
    this.errors.noteUnretrieved(future);
  }

  /** Every task not yet done, in creation order (asyncio.all_tasks, with an order). */
  pendingTasks(): LoopTask[] {
    const tasks: LoopTask[] = [];
    for (let task = this.firstPending; task !== null; task = task.nextPending) tasks.push(task);
    return tasks;
  }

  /** @internal A new task joins the end of the pending list. */
  addPending(task: LoopTask): void {
    task.previousPending = this.lastPending;
    task.nextPending = null;
    if (this.lastPending === null) this.firstPending = task;
    else this.lastPending.nextPending = task;
    this.lastPending = task;
  }

  /** @internal A task that became done leaves the pending list. */
  removePending(task: LoopTask): void {
    const { previousPending: previous, nextPending: next } = task;
    if (previous === null) this.firstPending = next;
    else previous.nextPending = next;
    if (next === null) this.lastPending = previous;
    else next.previousPending = previous;
    task.previousPending = null;
    task.nextPending = null;
  }

  /** Runs `callback(...args)` in the next loop iteration, after those already queued. */
  callSoon<A extends unknown[]>(callback: (...args: A) => void, ...args: A): Handle {
    checkCallback('callSoon()', callback);
    this.checkOpen('callSoon()');
    const handle = new Handle(callback, args, this.currentOwnerValue);
    this.schedule(runHandle, handle);
    return handle;
  }

  /** Runs `callback(...args)` once `delayMs` virtual milliseconds have passed. */
  callLater<A extends unknown[]>(delayMs: number, callback: (...args: A) => void, ...args: A): TimerHandle {
    checkTime('callLater', 'delayMs', delayMs);
    checkCallback('callLater()', callback);
    return this.callAt(this.nowMs + delayMs, callback, ...args);
  }

  /** Runs `callback(...args)` at virtual time `whenMs` (or at once if that has passed). */
  callAt<A extends unknown[]>(whenMs: number, callback: (...args: A) => void, ...args: A): TimerHandle {
    checkTime('callAt', 'whenMs', whenMs);
    checkCallback('callAt()', callback);
    this.checkOpen('callAt()');
    const timer = new TimerHandle(whenMs, this.nextSequence++, callback as (...args: unknown[]) => void, args, this.timers, this.currentOwnerValue);
    this.timers.push(timer);
    return timer;
  }

  /**
   * @internal Ends the run with `error`, as a spent step budget does: the
   * callback running now finishes, then the loop throws `error` instead of
   * running anything else, and run() does no clean-up. For budgets kept
   * outside the loop (a scenario counts its ops). Free on the hot path: it
   * lowers the step threshold that every callback already tests.
   */
  abort(error: Error): void {
    this.abortError ??= error;
    this.stepThreshold = -1;
  }

  /** Asks `runUntilStopped` to return after the current iteration, as asyncio's `loop.stop()`. */
  stop(): void {
    this.stopping = true;
  }

  /**
   * The task that ready entry `offset` (0 is the front) will step: a queued
   * step, a due sleep's timer, or a task's wakeup; null for any other
   * callback. For policies whose choices are about tasks, such as PCT.
   */
  readyOwner(offset: number): LoopTask | null {
    if (!(Number.isInteger(offset) && offset >= 0 && offset < this.ready.length)) {
      throw new RangeError(`readyOwner(${offset}): the ready queue has ${this.ready.length} entries`);
    }
    const callback = this.ready.callbackAt(offset);
    return (callback.stepsTaskOf?.(this.ready.argumentAt(offset)) as LoopTask | null | undefined) ?? null;
  }

  /**
   * @internal Queues `callback(argument)` without allocating a handle: the
   * kernel's hot path. An entry for a paused owner is held until it resumes,
   * one for an abandoned owner is dropped.
   */
  schedule(callback: ReadyCallback, argument: unknown): void {
    if (this.haltedOwners > 0 && this.heldOrDropped(callback, argument)) return;
    this.ready.push(callback, argument);
  }

  /** Holds an entry of a paused owner, or drops one of an abandoned owner; false for any other entry. Off the hot path. */
  private heldOrDropped(callback: ReadyCallback, argument: unknown): boolean {
    const owner = ownerOfArgument(argument);
    if (owner === null || owner.state === 'running') return false;
    if (owner.state === 'paused') {
      owner.parkedCallbacks.push(callback);
      owner.parkedArguments.push(argument);
    }
    return true;
  }

  /** The host incarnation whose code is running now (see Owner), or null. */
  currentOwner(): Owner | null {
    return this.currentOwnerValue;
  }

  /**
   * Runs `body` as code of `owner`: what it creates (tasks, futures, timers)
   * belongs to that owner. For the world's own code, which boots hosts and
   * delivers to them.
   *
   * @example
   * const task = loop.withOwner(owner, () => new Task(boot(host), { loop, name: 'main' }));
   */
  withOwner<T>(owner: Owner | null, body: () => T): T {
    if (owner !== null && owner.state === 'abandoned') throw new RuntimeError(`${owner.toString()} has crashed: none of its code may run again`);
    const previous = this.currentOwnerValue;
    this.currentOwnerValue = owner;
    try {
      return body();
    } finally {
      this.currentOwnerValue = previous;
    }
  }

  /** @internal A new Owner joins this loop (its constructor calls this). */
  registerOwner(owner: Owner): void {
    this.owned = true;
    this.owners.push(owner);
  }

  /**
   * Freezes `owner`: none of its callbacks or task steps runs, and its timers
   * stop, until `resume`. What becomes ready for it meanwhile waits, in order.
   *
   * @example
   * loop.pause(owner); loop.runFor(500); loop.resume(owner); // its timers fire 500 ms late
   */
  pause(owner: Owner): void {
    this.checkOwner(owner, 'pause');
    if (owner.state !== 'running') throw new RuntimeError(`cannot pause ${owner.toString()}: it is ${owner.state}`);
    owner.moveTo('paused');
    this.haltedOwners++;
    const taken = this.ready.takeWhere((argument) => ownerOfArgument(argument) === owner);
    owner.parkedCallbacks.push(...taken.callbacks);
    owner.parkedArguments.push(...taken.arguments);
    for (const node of this.timers.liveWhere((node) => node.owner === owner)) {
      this.timers.cancel(node);
      owner.pausedTimers.push(node);
      owner.remainingMs.push(node.deadlineMs - this.nowMs);
    }
  }

  /** Thaws a paused owner: its timers are due again, shifted by the paused span, and what waited for it is ready, in order. */
  resume(owner: Owner): void {
    this.checkOwner(owner, 'resume');
    if (owner.state !== 'paused') throw new RuntimeError(`cannot resume ${owner.toString()}: it is ${owner.state}`);
    owner.moveTo('running');
    this.haltedOwners--;
    owner.pausedTimers.forEach((node, index) => {
      node.deadlineMs = this.nowMs + (owner.remainingMs[index] as number);
      node.sequence = this.nextSequence++;
      this.timers.push(node);
    });
    owner.pausedTimers.length = 0;
    owner.remainingMs.length = 0;
    owner.parkedCallbacks.forEach((callback, index) => this.ready.push(callback, owner.parkedArguments[index]));
    owner.parkedCallbacks.length = 0;
    owner.parkedArguments.length = 0;
  }

  /**
   * Abandons `owner` for good, as a power cut: none of its code runs again,
   * not a `finally`, not a callback, not a timer. Its tasks stop where they
   * are and never become done; its timers and ready callbacks are dropped.
   * Refused from the owner's own code: a host cannot pull its own plug.
   *
   * @example
   * loop.abandon(owner); // owner.state === 'abandoned'
   */
  abandon(owner: Owner): void {
    this.checkOwner(owner, 'abandon');
    if (owner.state === 'abandoned') throw new RuntimeError(`${owner.toString()} is abandoned already`);
    if (this.currentOwnerValue === owner) throw new RuntimeError(`${owner.toString()} cannot be abandoned from its own code`);
    if (owner.state === 'paused') this.haltedOwners--;
    owner.moveTo('abandoned');
    this.haltedOwners++;
    // Walks the list of pending tasks itself (each abandoned task leaves it), so a crash allocates nothing.
    for (let task = this.firstPending; task !== null; ) {
      const next = task.nextPending;
      if (task.owner === owner) task.abandon();
      task = next;
    }
    for (const node of this.timers.liveWhere((node) => node.owner === owner)) this.timers.cancel(node);
    this.ready.takeWhere((argument) => ownerOfArgument(argument) === owner);
    owner.pausedTimers.length = 0;
    owner.remainingMs.length = 0;
    owner.parkedCallbacks.length = 0;
    owner.parkedArguments.length = 0;
    this.checkNothingLeft(owner);
  }

  /** The owners made on this loop, oldest first. */
  ownersOf(): readonly Owner[] {
    return this.owners;
  }

  private checkOwner(owner: Owner, operation: string): void {
    if (owner.loop !== this) throw new RuntimeError(`${operation}(${String(owner)}): it is not an owner of this loop`);
  }

  /** After abandon: the owner has no task pending, no timer in the heap and no entry in the ready queue. */
  private checkNothingLeft(owner: Owner): void {
    for (let task = this.firstPending; task !== null; task = task.nextPending) {
      if (task.owner === owner) fail(`${owner.toString()} was abandoned but ${task.getName()} is still pending`);
    }
    if (this.timers.liveWhere((node) => node.owner === owner).length > 0) fail(`${owner.toString()} was abandoned but has a timer left`);
    if (this.ready.takeWhere((argument) => ownerOfArgument(argument) === owner).callbacks.length > 0) {
      fail(`${owner.toString()} was abandoned but has a ready callback left`);
    }
  }

  /** @internal Runs `callback` when the loop closes (the world restores what it trapped). */
  onClose(callback: () => void): void {
    if (this.closed) callback();
    else this.closeCallbacks.push(callback);
  }

  /** @internal The sequence number a new timer node takes: ties between equal deadlines break by it. */
  takeSequence(): number {
    return this.nextSequence++;
  }

  /** @internal Puts a node that carries its own deadline and sequence (a sleeping task) in the timer heap. */
  addTimer(node: TimerNode): void {
    this.timers.push(node);
  }

  /** @internal Cancels a scheduled node in the timer heap. */
  cancelTimer(node: TimerNode): void {
    this.timers.cancel(node);
  }

  /**
   * Runs the loop until `future` is done and returns its result or throws its
   * error (asyncio's `run_until_complete`). The iteration in which the future
   * completes runs to its end, as in asyncio. Throws DeadlockError when
   * nothing is ready and no timer is pending while the future is not done,
   * since then it never will be. A harness drives a program this way, step by
   * step, and may schedule callbacks, create tasks (`new Task(gen, { loop })`)
   * and inspect state in between.
   *
   * @example
   * const loop = new Loop();
   * const task = new Task(main(), { loop, name: 'main' });
   * loop.runFor(1_000); // the first second of virtual time
   * console.log(loop.pendingTasks().length);
   * const value = loop.runUntilComplete(task);
   */
  runUntilComplete<T>(future: Awaitable<T>): T {
    this.runUntilDone(future);
    return future.result();
  }

  /** @internal runUntilComplete without taking the result: run() takes main's outcome itself. */
  runUntilDone(future: Awaitable<unknown>): void {
    const stop = (): void => this.stop();
    future.addDoneCallback(stop);
    try {
      if (this.runUntilStopped() === 'idle' && !future.done()) throw this.deadlockError(String(future));
    } finally {
      future.removeDoneCallback(stop);
    }
  }

  /**
   * Runs the loop for `durationMs` of virtual time: every callback ready and
   * every timer due by then runs (and what they schedule in turn, up to that
   * instant), then the clock stands at exactly now + `durationMs`. A timer
   * due later stays pending. As fake timers' `tick(ms)`.
   *
   * @example
   * loop.callLater(250, () => console.log('fired'));
   * loop.runFor(100); // nothing yet; loop.time() is 100
   * loop.runFor(150); // 'fired'; loop.time() is 250
   */
  runFor(durationMs: number): void {
    checkTime('runFor', 'durationMs', durationMs);
    if (durationMs < 0) throw new RangeError(`runFor(durationMs): durationMs must be ≥ 0, got ${durationMs}`);
    const endMs = this.nowMs + durationMs;
    this.runUntilStopped(endMs);
    if (this.nowMs < endMs) this.nowMs = endMs;
  }

  /**
   * Runs every callback that is ready now, and those they make ready, until
   * none is left at the current instant; the clock does not move, so a timer
   * due later stays pending.
   *
   * @example
   * const task = new Task(work(), { loop });
   * loop.runUntilIdle(); // work ran up to its first sleep
   */
  runUntilIdle(): void {
    this.runUntilStopped(this.nowMs);
  }

  /**
   * Runs iterations until `stop()` is called, then finishes that iteration and
   * returns `stopped`; returns `idle` instead when nothing is ready and no
   * timer is pending (none due by `horizonMs`, when given), since then nothing
   * can happen before it. The loop is the running loop meanwhile.
   */
  runUntilStopped(horizonMs = Infinity): 'stopped' | 'idle' {
    if (this.running) throw new RuntimeError('This event loop is already running');
    this.checkOpen('runUntilStopped()');
    const previous = peekRunningLoop();
    if (previous !== null && previous !== this) throw new RuntimeError('Cannot run the event loop while another loop is running');
    this.running = true;
    this.horizonMs = horizonMs;
    setRunningLoop(this);
    try {
      while (this.runOnce()) {
        if (this.stopping) {
          this.stopping = false;
          this.throwIfAborted();
          return 'stopped';
        }
      }
      this.throwIfAborted();
      return 'idle';
    } finally {
      this.running = false;
      this.horizonMs = Infinity;
      setRunningLoop(previous);
    }
  }

  /** A DeadlockError listing every unfinished task and what it waits on. */
  deadlockError(awaited: string): DeadlockError {
    const lines = this.pendingTasks().map((task) => `  ${task.getName()}: ${task.describeWait()}`);
    return new DeadlockError(
      `deadlock at t=${this.nowMs}ms: ${awaited} is not done, nothing is ready and no timer is pending. Unfinished tasks:\n${lines.join('\n')}`,
      this.nowMs,
    );
  }

  /** One iteration; false when there was nothing to do and nothing to wait for. */
  private runOnce(): boolean {
    const ready = this.ready;
    if (ready.length === 0 && !this.stopping) {
      const next = this.timers.peekDeadline();
      if (next === undefined || next === Infinity || next > this.horizonMs) return false;
      if (next > this.nowMs) this.nowMs = next;
    }
    this.moveDueTimers();
    // Read once: an owner made during this iteration has nothing in it (what it schedules runs next iteration).
    const owned = this.owned;
    let remaining = ready.length;
    while (remaining > 0) {
      if (!this.fifo && remaining > 1) ready.moveToFront(this.choose(remaining, this.policy.chooseReady(remaining)));
      const callback = ready.callbackAt(0);
      const argument = ready.argumentAt(0);
      ready.dropFront();
      remaining--;
      if (++this.stepsRun > this.stepThreshold) this.crossStepThreshold();
      if (owned) this.currentOwnerValue = ownerOfArgument(argument);
      // A task's step catches its generator's errors itself: what escapes one is the
      // kernel's or a monitor's and ends the run. Left unguarded, the hot path pays nothing.
      if (callback.stepsTaskOf !== undefined) callback(argument);
      else this.runGuarded(callback, argument);
    }
    if (owned) this.currentOwnerValue = null;
    return true;
  }

  /**
   * Runs a callback that is not a task's step, as asyncio's Handle._run: the
   * error of a callSoon, callLater or done callback goes to the exception
   * handler and the loop goes on, unless it is one that ends a run wherever
   * it comes from.
   */
  private runGuarded(callback: ReadyCallback, argument: unknown): void {
    try {
      callback(argument);
    } catch (error) {
      if (endsTheRun(error)) throw error;
      this.errors.callbackRaised(callbackContext(callback, argument, error));
    }
  }

  /** Moves every timer due by now to the end of the ready queue, in (deadline, sequence) order. */
  private moveDueTimers(): void {
    const timers = this.timers;
    for (let next = timers.peekDeadline(); next !== undefined && next <= this.nowMs; next = timers.peekDeadline()) {
      if (this.fifo) {
        this.queueDue(timers.pop());
        continue;
      }
      const group = this.dueGroup;
      while (timers.peekDeadline() === next) group.push(timers.pop());
      while (group.length > 0) {
        const index = group.length > 1 ? this.choose(group.length, this.policy.chooseTimer(group.length)) : 0;
        this.queueDue(group.splice(index, 1)[0] as TimerNode);
      }
    }
  }

  private queueDue(timer: TimerNode): void {
    timer.timerSlot = 'due';
    this.ready.push(timer instanceof TimerHandle ? fireTimerHandle : fireTimer, timer);
  }

  private choose(count: number, index: number): number {
    if (!(Number.isInteger(index) && index >= 0 && index < count)) fail(`policy ${this.policy.name} chose ${index} of ${count}`);
    return index;
  }

  /** Past the first threshold recording starts; past the second, the budget is spent. An abort lowers it to end the run now. */
  private crossStepThreshold(): void {
    this.throwIfAborted();
    if (this.recording) this.throwBudgetError();
    this.recording = true;
    this.stepThreshold = this.maxSteps;
  }

  private throwIfAborted(): void {
    if (this.abortError !== null) throw this.abortError;
  }

  private throwBudgetError(): never {
    const lines = this.recentSteps.render((who, what) => `${(who as LoopTask).getName()}: ${describeYield(what)}`);
    throw new StepBudgetError(
      `step budget of ${this.maxSteps} callbacks exhausted at t=${this.nowMs}ms: a livelock, ` +
        `or a run longer than maxSteps allows (raise it with the maxSteps option). Last steps:\n  ` +
        lines.join('\n  '),
    );
  }
}

/** console.error, wherever there is a console (the root entry bundles for the browser and names no Node type). */
function defaultErrorLog(text: string): void {
  (globalThis as { console?: { error(text: string): void } }).console?.error(text);
}

/** How a step's outcome reads in a report: an effect's description, or what ended the step. */
function describeYield(what: unknown): string {
  if (typeof what === 'string') return what;
  const description = (what as { description?: unknown } | null)?.description;
  return typeof description === 'string' ? `yielded ${description}` : `yielded ${String(what)}`;
}
