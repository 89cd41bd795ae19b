/**
 * Random programs written against simloop's TypeScript API (createTask,
 * sleep, cancel, uncancel, yield* task, shield, timeout, callSoon,
 * callLater), run under a Monitor that checks the kernel's ordering rules as
 * they happen.
 *
 * ```ts
 * fc.assert(fc.property(programArbitrary(), (program) => {
 *   expect(observe(program).violations.fifo).toEqual([]);
 * }));
 * ```
 *
 * A program is a list of task bodies; body 0 is main. A body spawns only
 * bodies after its own and awaits only its own children, so tasks await
 * each other in a DAG and every program ends, without deadlock.
 */
import fc from 'fast-check';
import {
  CancelledError,
  createTask,
  currentTask,
  getRunningLoop,
  run,
  shield,
  sleep,
  Task,
  timeout,
  TimeoutError,
  type Future,
  type Timeout,
  type LoopTask,
  type Monitor,
  type Operation,
} from '../src/index.js';

export type Action =
  | { kind: 'sleep'; ms: number }
  | { kind: 'spawn'; offset: number }
  | { kind: 'await'; pick: number; catching: boolean }
  /** pick -1 cancels the current task; -2 a task awaiting a shield, or else any awaiting task. */
  | { kind: 'cancel'; pick: number }
  | { kind: 'callSoon' }
  | { kind: 'callLater'; ms: number }
  | { kind: 'cancelling' }
  | { kind: 'uncancel' }
  /** try { body } catch (CancelledError) { uncancel() if asked }. */
  | { kind: 'guard'; body: Action[]; uncancel: boolean }
  /** yield* shield(child), like await. */
  | { kind: 'shield'; pick: number; catching: boolean }
  /** try { yield* timeout(ms, body) } catch (TimeoutError) {}. */
  | { kind: 'timeout'; ms: number; body: Action[] };

export type Program = Action[][];

/** The rules checked; each maps to the violations found, as sentences. */
export const INVARIANTS = [
  'fifo', // callSoon callbacks run in the order scheduled, at the time they were scheduled
  'timers', // timers fire in (deadline, sequence) order, at their deadline
  'time', // virtual time never goes back
  'cancelDelivery', // a cancel is observed at the target's next resumption, never earlier or later
  'cancelResult', // cancel() returns false exactly when the task is done
  'allDone', // every task created before run's clean-up began is done when run returns
  'cancelling', // cancelling() and uncancel() count the requests
  'outcome', // run returns main's result or raises its CancelledError: the kernel itself never throws
  'shield', // cancelling a task that awaits shield(child) does not cancel the child
  'timeout', // a timeout cancels at its deadline, and TimeoutError replaces only the cancel it caused
] as const;
export type Invariant = (typeof INVARIANTS)[number];

export interface Observation {
  /** Everything observable, one line per event: equal programs must give equal traces. */
  trace: string[];
  violations: Record<Invariant, string[]>;
  /** How many times each rule was checked, so that a test can tell a rule was exercised. */
  checks: Record<Invariant, number>;
}

const ms = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(0, 1, 5) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 10 }) });

/** Programs of 1 to 5 bodies, each of at most 8 actions, guards nested at most twice. */
export function programArbitrary(): fc.Arbitrary<Program> {
  return fc.array(actionsArbitrary(0), { minLength: 1, maxLength: 5, size: 'max' });
}

function actionsArbitrary(depth: number): fc.Arbitrary<Action[]> {
  const choices: Array<fc.WeightedArbitrary<Action>> = [
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('sleep' as const), ms }) },
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('spawn' as const), offset: fc.integer({ min: 1, max: 4 }) }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('await' as const), pick: fc.nat(3), catching: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('shield' as const), pick: fc.nat(3), catching: fc.boolean() }) },
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.integer({ min: -2, max: 6 }) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('callSoon' as const) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('callLater' as const), ms }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancelling' as const) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('uncancel' as const) }) },
  ];
  if (depth < 2) {
    const guard = fc.record({ kind: fc.constant('guard' as const), body: actionsArbitrary(depth + 1), uncancel: fc.boolean() });
    choices.push({ weight: 3, arbitrary: guard });
    choices.push({ weight: 2, arbitrary: fc.record({ kind: fc.constant('timeout' as const), ms, body: actionsArbitrary(depth + 1) }) });
  }
  return fc.array(fc.oneof(...choices), { maxLength: depth === 0 ? 8 : 4 });
}

/** A cancel request that the target's next resumption must (or, for a waited-on child, may) deliver. */
interface Expectation {
  /** False until the requesting step ends, for a task that cancels itself. */
  armed: boolean;
  /** The pending child the target waited on: the cancel went to it, and is delivered iff it ends cancelled. */
  child: Future<unknown> | undefined;
}

/** Runs `program` and reports its trace and every rule it saw broken. */
export function observe(program: Program): Observation {
  return new Observer(program).observe();
}

class Observer {
  readonly trace: string[] = [];
  readonly violations = Object.fromEntries(INVARIANTS.map((name) => [name, [] as string[]])) as Record<Invariant, string[]>;
  readonly checks = Object.fromEntries(INVARIANTS.map((name) => [name, 0])) as Record<Invariant, number>;
  private readonly tasks: Task<unknown>[] = [];
  /** What each task waits on inside an await or shield action: the child, or the shield's outer future. */
  private readonly awaiting = new Map<LoopTask, Future<unknown>>();
  /** The child a task awaits through shield(). */
  private readonly shielded = new Map<LoopTask, Task<unknown>>();
  /** Every task some task has awaited through shield(). */
  private readonly everShielded = new Set<LoopTask>();
  /** The tasks whose cancel() calls are under way, outermost first (see `observe`). */
  private readonly cancelCalls: LoopTask[] = [];
  /** Each task's open timeout scopes, innermost last, with the times the loop (not a task) cancelled it. */
  private readonly scopes = new Map<LoopTask, Array<{ scope: Timeout; loopCancelsMs: number[] }>>();
  private readonly requests = new Map<LoopTask, number>();
  private readonly expectations = new Map<LoopTask, Expectation[]>();
  private readonly delivered = new Map<LoopTask, 'request' | 'child'>();
  private lastTimeMs = 0;
  private lastTimer: [number, number] = [-1, -1];
  private soonScheduled = 0;
  private lastSoonRun = -1;
  private serial = 0;
  /** Tasks created once run's clean-up had begun; asyncio leaves them pending, and so does simloop. */
  private readonly createdInCleanup = new Set<LoopTask>();
  private mainDone = false;
  private cleanupBegan = false;

  constructor(private readonly program: Program) {}

  observe(): Observation {
    let outcome: string;
    this.checks.outcome++;
    // Every cancel() call, the kernel's own included, is tracked while it runs,
    // so that the monitor can tell a cancel made from inside another one.
    const cancel = Object.getOwnPropertyDescriptor(Task.prototype, 'cancel');
    const calls = this.cancelCalls;
    Task.prototype.cancel = function (this: Task<unknown>, msg?: string): boolean {
      calls.push(this);
      try {
        return (cancel?.value as (msg?: string) => boolean).call(this, msg);
      } finally {
        calls.pop();
      }
    };
    try {
      outcome = `return ${String(run(this.body(0), { monitor: this.monitor() }))}`;
    } catch (error) {
      outcome = `raise ${error instanceof Error ? error.name : String(error)}`;
      // The programs raise nothing of their own: only main's cancellation may come out.
      if (!(error instanceof CancelledError)) this.violations.outcome.push(`run threw ${String(error)}`);
    } finally {
      if (cancel !== undefined) Object.defineProperty(Task.prototype, 'cancel', cancel);
    }
    this.trace.push(`run -> ${outcome}`);
    for (const task of this.tasks) {
      if (!task.done() && !this.createdInCleanup.has(task)) {
        this.violations.allDone.push(`${task.getName()} is not done when run returns`);
      }
    }
    this.checks.allDone += this.tasks.length;
    return { trace: this.trace, violations: this.violations, checks: this.checks };
  }

  private now(): number {
    const timeMs = getRunningLoop().time();
    this.checks.time++;
    if (timeMs < this.lastTimeMs) this.violations.time.push(`time went back from ${this.lastTimeMs} to ${timeMs}`);
    this.lastTimeMs = timeMs;
    return timeMs;
  }

  private log(who: string, what: string): void {
    this.trace.push(`${this.now()} ${who} ${what}`);
  }

  private monitor(): Monitor {
    return {
      taskCreated: (task) => {
        this.tasks.push(task as unknown as Task<unknown>);
        if (this.cleanupBegan) this.createdInCleanup.add(task);
        this.log(task.getName(), 'created');
      },
      cancelRequested: (task, message) => {
        this.requests.set(task, (this.requests.get(task) ?? 0) + 1);
        const current = getRunningLoop().currentTask;
        // Outside any step after main is done, only run's clean-up cancels.
        if (this.mainDone && current === null) this.cleanupBegan = true;
        const running = current === task;
        // A cancel made from inside the cancel of a task that awaits shield(task) broke the shield.
        const outer = this.cancelCalls.slice(0, -1).find((caller) => this.shielded.get(caller) === task);
        if (outer !== undefined) this.violations.shield.push(`cancelling ${outer.getName()}, which awaits shield(${task.getName()}), cancelled ${task.getName()}`);
        if (this.shielded.has(task)) this.checks.shield++;
        // Nor may a callback cancel a shielded child later on its behalf: outside any
        // task, only run's clean-up, or the child's own timeout at its deadline, cancels.
        if (this.everShielded.has(task) && current === null && this.cancelCalls.length <= 1 && !this.cleanupBegan) {
          const nowMs = getRunningLoop().time();
          const ownDeadline = (this.scopes.get(task) ?? []).some((open) => open.scope.state === 'entered' && open.scope.when() === nowMs);
          if (!ownDeadline) this.violations.shield.push(`${task.getName()}, awaited through shield(), was cancelled by a callback at ${nowMs}`);
        }
        if (current === null) {
          for (const open of this.scopes.get(task) ?? []) if (open.scope.state === 'entered') open.loopCancelsMs.push(getRunningLoop().time());
        }
        const waitedOn = this.awaiting.get(task);
        const child = waitedOn !== undefined && !waitedOn.done() ? waitedOn : undefined;
        const list = this.expectations.get(task) ?? [];
        list.push({ armed: !running, child: running ? undefined : child });
        this.expectations.set(task, list);
        this.log(task.getName(), `cancel requested${message === undefined ? '' : ` (${message})`}`);
      },
      cancelDelivered: (task) => {
        this.delivered.set(task, this.awaiting.get(task)?.cancelled() === true ? 'child' : 'request');
        this.log(task.getName(), 'cancel delivered');
      },
      taskStepped: (task, outcome) => {
        this.checkDelivery(task, outcome.kind === 'yielded' ? outcome.value : undefined);
        this.log(task.getName(), `stepped: ${outcome.kind}`);
      },
      taskDone: (task) => {
        if (task === this.tasks[0]) this.mainDone = true;
        this.expectations.delete(task);
        this.log(task.getName(), 'done');
      },
      timerFired: (timer) => {
        this.checks.timers++;
        const key: [number, number] = [timer.deadlineMs, timer.sequence];
        const [lastWhen, lastSequence] = this.lastTimer;
        if (key[0] < lastWhen || (key[0] === lastWhen && key[1] <= lastSequence)) {
          this.violations.timers.push(`timer (${key}) fired after timer (${this.lastTimer})`);
        }
        if (this.now() !== timer.deadlineMs) this.violations.timers.push(`timer due at ${timer.deadlineMs} fired at ${this.now()}`);
        this.lastTimer = key;
        this.log('-', `timer ${timer.sequence} fired`);
      },
    };
  }

  /** At the end of a task's step: did the step deliver exactly the cancels its resumption owed? */
  private checkDelivery(task: LoopTask, yielded: unknown): void {
    const name = task.getName();
    const delivered = this.delivered.get(task);
    this.delivered.delete(task);
    const list = this.expectations.get(task) ?? [];
    const armed = list.filter((expectation) => expectation.armed);
    if (armed.length > 0 || delivered !== undefined) this.checks.cancelDelivery++;
    if (armed.length > 0) {
      const owed = armed.some((expectation) => expectation.child === undefined || expectation.child.cancelled());
      if (owed && delivered === undefined) this.violations.cancelDelivery.push(`${name} resumed without the cancel it was owed`);
      if (!owed && delivered === 'request') this.violations.cancelDelivery.push(`${name} got a cancel its child absorbed`);
    } else if (delivered === 'request') {
      this.violations.cancelDelivery.push(`${name} got a CancelledError nobody requested`);
    }
    // A task that cancelled itself owes the cancel to its next resumption; if this
    // step ended awaiting a pending future, the cancel went to that future instead.
    const future = awaitedFuture(yielded);
    const pending = list.filter((expectation) => !expectation.armed).map((expectation) => ({
      armed: true,
      child: future !== undefined && !future.done() ? future : undefined,
    }));
    if (pending.length > 0) this.expectations.set(task, pending);
    else this.expectations.delete(task);
  }

  private *body(index: number): Operation<string> {
    yield* this.actions(this.program[index] ?? [], index, []);
    return currentTask().getName();
  }

  private *actions(actions: readonly Action[], index: number, children: Task<unknown>[]): Operation<void> {
    for (const action of actions) yield* this.act(action, index, children);
  }

  private *act(action: Action, index: number, children: Task<unknown>[]): Operation<void> {
    const me = currentTask();
    const loop = getRunningLoop();
    switch (action.kind) {
      case 'sleep':
        yield* sleep(action.ms);
        return;
      case 'spawn': {
        const target = index + action.offset;
        if (target < this.program.length) children.push(createTask(this.body(target), { name: `p${target}.${++this.serial}` }));
        return;
      }
      case 'await': case 'shield': {
        const child = children[children.length - 1 - (action.pick % Math.max(1, children.length))];
        if (child === undefined) return;
        const future = action.kind === 'await' ? child : shield(child);
        this.awaiting.set(me, future);
        if (action.kind === 'shield') {
          this.shielded.set(me, child);
          this.everShielded.add(child);
        }
        try {
          yield* future;
        } catch (error) {
          if (!action.catching) throw error;
        } finally {
          this.awaiting.delete(me);
          this.shielded.delete(me);
        }
        return;
      }
      case 'timeout':
        yield* this.timeout(action, index, children);
        return;
      case 'cancel': {
        const target = action.pick === -1 ? me
          : action.pick === -2 ? ([...this.shielded.keys()][0] ?? [...this.awaiting.keys()][0]) as Task<unknown> | undefined
          : this.tasks[action.pick % this.tasks.length];
        if (target === undefined) return;
        this.checks.cancelResult++;
        const wasDone = target.done();
        const accepted = target.cancel();
        if (accepted === wasDone) {
          this.violations.cancelResult.push(`cancel() of ${target.getName()} returned ${accepted} when done() was ${wasDone}`);
        }
        this.log(me.getName(), `cancel ${target.getName()} -> ${accepted}`);
        return;
      }
      case 'callSoon': {
        const sequence = this.soonScheduled++;
        const scheduledMs = loop.time();
        loop.callSoon(() => {
          this.checks.fifo++;
          if (sequence <= this.lastSoonRun) this.violations.fifo.push(`callSoon #${sequence} ran after #${this.lastSoonRun}`);
          if (loop.time() !== scheduledMs) this.violations.fifo.push(`callSoon #${sequence} of t=${scheduledMs} ran at t=${loop.time()}`);
          this.lastSoonRun = sequence;
          this.log('-', `callSoon #${sequence}`);
        });
        return;
      }
      case 'callLater':
        loop.callLater(action.ms, () => this.log('-', `callLater ${action.ms}`));
        return;
      case 'cancelling': {
        const expected = this.requests.get(me) ?? 0;
        this.checks.cancelling++;
        if (me.cancelling() !== expected) this.violations.cancelling.push(`${me.getName()}.cancelling() is ${me.cancelling()}, expected ${expected}`);
        this.log(me.getName(), `cancelling ${me.cancelling()}`);
        return;
      }
      case 'uncancel':
        this.uncancel(me);
        return;
      case 'guard':
        try {
          yield* this.actions(action.body, index, children);
        } catch (error) {
          if (!(error instanceof CancelledError)) throw error;
          this.log(me.getName(), 'caught CancelledError');
          if (action.uncancel) this.uncancel(me);
        }
        return;
    }
  }

  /**
   * A timeout block. Afterwards: an expired scope was cancelled by the loop
   * exactly at its deadline, an unexpired one ended by its deadline, and
   * TimeoutError came out exactly when the deadline's cancel ended the body
   * and, that request withdrawn, no other was left beyond those on entry.
   */
  private *timeout(action: Extract<Action, { kind: 'timeout' }>, index: number, children: Task<unknown>[]): Operation<void> {
    const me = currentTask();
    const enteredWith = me.cancelling();
    let open: { scope: Timeout; loopCancelsMs: number[] } | undefined;
    let bodyError: unknown;
    let outcome: unknown;
    try {
      yield* timeout(action.ms, function* (this: Observer, scope: Timeout) {
        open = { scope, loopCancelsMs: [] };
        this.scopes.set(me, [...(this.scopes.get(me) ?? []), open]);
        try {
          yield* this.actions(action.body, index, children);
        } catch (error) {
          bodyError = error;
          throw error;
        }
      }.bind(this));
    } catch (error) {
      outcome = error;
      if (!(error instanceof TimeoutError)) throw error;
      this.log(me.getName(), 'caught TimeoutError');
    } finally {
      if (open !== undefined) this.checkTimeout(me, open, enteredWith, bodyError, outcome);
    }
  }

  private checkTimeout(me: Task<unknown>, open: { scope: Timeout; loopCancelsMs: number[] }, enteredWith: number, bodyError: unknown, outcome: unknown): void {
    const { scope, loopCancelsMs } = open;
    this.scopes.set(me, (this.scopes.get(me) ?? []).filter((other) => other !== open));
    this.checks.timeout++;
    const deadlineMs = scope.when() as number;
    const name = me.getName();
    const nowMs = getRunningLoop().time();
    if (scope.expired()) {
      // The scope withdrew its own request with uncancel(): the model follows.
      this.requests.set(me, Math.max(0, (this.requests.get(me) ?? 0) - 1));
      if (!loopCancelsMs.includes(deadlineMs)) this.violations.timeout.push(`${name}'s timeout expired without a cancel at its deadline ${deadlineMs}`);
    } else if (nowMs > deadlineMs) {
      this.violations.timeout.push(`${name}'s timeout due at ${deadlineMs} ended unexpired at ${nowMs}`);
    }
    const converts = scope.expired() && bodyError instanceof CancelledError && me.cancelling() <= enteredWith;
    if ((outcome instanceof TimeoutError) !== converts) {
      this.violations.timeout.push(`${name}'s timeout gave ${String(outcome)} (expired ${scope.expired()}, body ${String(bodyError)}, cancelling ${me.cancelling()} of ${enteredWith} on entry)`);
    }
  }

  private uncancel(me: Task<unknown>): void {
    const expected = Math.max(0, (this.requests.get(me) ?? 0) - 1);
    this.requests.set(me, expected);
    const remaining = me.uncancel();
    this.checks.cancelling++;
    if (remaining !== expected) this.violations.cancelling.push(`${me.getName()}.uncancel() returned ${remaining}, expected ${expected}`);
    // With no request left, a cancel the task asked of itself in this step is withdrawn.
    if (remaining === 0) {
      const armed = (this.expectations.get(me) ?? []).filter((expectation) => expectation.armed);
      this.expectations.set(me, armed);
    }
    this.log(me.getName(), `uncancel -> ${remaining}`);
  }
}

function awaitedFuture(yielded: unknown): Future<unknown> | undefined {
  if (yielded === null || typeof yielded !== 'object') return undefined;
  const effect = yielded as { kind?: unknown; future?: unknown };
  return effect.kind === 'await' ? (effect.future as Future<unknown>) : undefined;
}
