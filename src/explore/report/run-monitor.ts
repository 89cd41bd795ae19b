import type { Future } from '../../future.js';
import type { Loop, LoopTask } from '../../loop/loop.js';
import type { FiredTimer, Monitor, StepOutcome } from '../../loop/monitor.js';
import { getRunningLoop } from '../../loop/running.js';
import type { ChoiceKind } from '../choices/chooser.js';
import { InvariantViolation, UnretrievedError } from './failure.js';
import { describeEffect, describeValue, type TraceEvent } from './trace.js';

/**
 * A property of the program's state that must always hold: it returns false
 * or throws when broken. Checked after every task step (or only at the end,
 * with `invariantAt: 'end'`) and once more when the run is over.
 *
 * @example
 * const invariant = () => account.balance >= 0;
 */
export type Invariant = () => boolean | void;

/**
 * Watches one exploration run: records the structured trace (when asked),
 * checks the invariant after each step, and remembers every task so the end
 * of the run can look for exceptions never retrieved. A broken invariant
 * throws InvariantViolation out of the step, which ends the run there.
 */
export class RunMonitor implements Monitor {
  /** The trace so far, or null when not recording. */
  readonly events: TraceEvent[] | null;
  /** The run's loop, known from the first task created. */
  loop: Loop | null = null;
  private readonly tasks: LoopTask[] = [];

  constructor(
    recordTrace: boolean,
    private readonly invariant: Invariant | null,
    private readonly invariantAtEveryStep: boolean,
  ) {
    this.events = recordTrace ? [] : null;
  }

  /** How many tasks the run created. */
  get tasksCreated(): number {
    return this.tasks.length;
  }

  taskCreated(task: LoopTask): void {
    this.loop ??= getRunningLoop();
    this.tasks.push(task);
    this.events?.push({ type: 'spawn', timeMs: this.now(), task: task.getName(), parent: this.running() });
  }

  taskStepped(task: LoopTask, outcome: StepOutcome): void {
    if (this.events !== null) {
      const detail =
        outcome.kind === 'yielded' ? describeEffect(outcome.value) : describeValue(outcome.kind === 'returned' ? outcome.value : outcome.error);
      this.events.push({ type: 'step', timeMs: this.now(), task: task.getName(), outcome: outcome.kind, detail });
    }
    if (this.invariantAtEveryStep) this.checkInvariant(`after a step of ${task.getName()}`);
  }

  cancelRequested(task: LoopTask, message: string | undefined): void {
    this.events?.push({ type: 'cancel-requested', timeMs: this.now(), task: task.getName(), by: this.running(), message: message ?? null });
  }

  cancelDelivered(task: LoopTask): void {
    this.events?.push({ type: 'cancel-delivered', timeMs: this.now(), task: task.getName() });
  }

  taskDone(task: LoopTask): void {
    const state = (task as unknown as Future<unknown>).cancelled() ? 'cancelled' : 'finished';
    this.events?.push({ type: 'done', timeMs: this.now(), task: task.getName(), state });
  }

  timerFired(timer: FiredTimer): void {
    this.events?.push({ type: 'timer-fired', timeMs: this.now(), task: timer.task?.getName() ?? null, deadlineMs: timer.deadlineMs });
  }

  /** The RecordingPolicy's listener: a non-zero choice becomes a trace event. */
  readonly choiceMade = (kind: ChoiceKind, chosen: number, count: number, task: LoopTask | null): void => {
    this.events?.push({ type: 'choice', timeMs: this.now(), kind, chosen, count, task: task?.getName() ?? null });
  };

  /** The closing event. */
  end(outcome: string): void {
    this.events?.push({ type: 'end', timeMs: this.loop?.time() ?? 0, outcome });
  }

  /** Throws InvariantViolation if the invariant is broken. */
  checkInvariant(where: string): void {
    const invariant = this.invariant;
    if (invariant === null) return;
    let holds: boolean | void;
    try {
      holds = invariant();
    } catch (error) {
      throw new InvariantViolation(`${describeValue(error)} (${where})`);
    }
    if (holds === false) throw new InvariantViolation(`the invariant returned false (${where})`);
  }

  /** Throws UnretrievedError naming the first task whose exception nobody retrieved. */
  checkRetrieved(): void {
    for (const task of this.tasks) {
      const future = task as unknown as Future<unknown>;
      if (future.hasUnretrievedError()) {
        throw new UnretrievedError(`Task exception was never retrieved: ${task.getName()} raised ${describeValue(future.exception())}`);
      }
    }
  }

  private now(): number {
    return (this.loop ?? getRunningLoop()).time();
  }

  private running(): string | null {
    return this.loop?.currentTask?.getName() ?? null;
  }
}
