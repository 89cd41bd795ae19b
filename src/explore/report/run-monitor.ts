import type { Future } from '../../future.js';
import type { ExceptionContext } from '../../loop/exception-handler.js';
import type { Loop, LoopTask } from '../../loop/loop.js';
import type { FiredTimer, Monitor, StepOutcome, WorldEvent } from '../../loop/monitor.js';
import { getRunningLoop } from '../../loop/running.js';
import type { ChoiceStream } from '../choices/streams.js';
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
 * checks the invariant after each step, and keeps what the loop reports as
 * never retrieved (at its close) for the end of the run to check. A broken
 * invariant throws InvariantViolation out of the step, which ends the run
 * there.
 */
export class RunMonitor implements Monitor {
  /** The trace so far, or null when not recording. */
  readonly events: TraceEvent[] | null;
  /** The run's loop, known from the first task created. */
  loop: Loop | null = null;
  private tasksCreatedCount = 0;
  /** The loop's "exception was never retrieved" reports, in the order it made them. */
  private readonly unretrieved: ExceptionContext[] = [];
  /**
   * Records a simulated world's event; absent when the trace is not recorded,
   * so that a world, seeing no listener, builds no event at all (most runs of
   * an exploration record nothing).
   */
  readonly worldEvent: ((event: WorldEvent) => void) | undefined;

  constructor(
    recordTrace: boolean,
    private readonly invariant: Invariant | null,
    private readonly invariantAtEveryStep: boolean,
  ) {
    this.events = recordTrace ? [] : null;
    this.worldEvent = recordTrace ? (event) => this.events?.push({ type: 'world', timeMs: this.now(), ...event }) : undefined;
  }

  /** How many tasks the run created. */
  get tasksCreated(): number {
    return this.tasksCreatedCount;
  }

  taskCreated(task: LoopTask): void {
    this.loop ??= getRunningLoop();
    this.tasksCreatedCount++;
    if (this.events === null) return;
    const host = task.owner?.name ?? null;
    this.events.push(host === null ? { type: 'spawn', timeMs: this.now(), task: label(task), parent: this.running() } : { type: 'spawn', timeMs: this.now(), task: label(task), parent: this.running(), host });
  }

  taskStepped(task: LoopTask, outcome: StepOutcome): void {
    if (this.events !== null) {
      const detail =
        outcome.kind === 'yielded' ? describeEffect(outcome.value) : describeValue(outcome.kind === 'returned' ? outcome.value : outcome.error);
      this.events.push({ type: 'step', timeMs: this.now(), task: label(task), outcome: outcome.kind, detail });
    }
    if (this.invariantAtEveryStep) this.checkInvariant(`after a step of ${task.getName()}`);
  }

  cancelRequested(task: LoopTask, message: string | undefined): void {
    this.events?.push({ type: 'cancel-requested', timeMs: this.now(), task: label(task), by: this.running(), message: message ?? null });
  }

  cancelDelivered(task: LoopTask): void {
    this.events?.push({ type: 'cancel-delivered', timeMs: this.now(), task: label(task) });
  }

  taskDone(task: LoopTask): void {
    const state = (task as unknown as Future<unknown>).cancelled() ? 'cancelled' : 'finished';
    this.events?.push({ type: 'done', timeMs: this.now(), task: label(task), state });
  }

  timerFired(timer: FiredTimer): void {
    this.events?.push({ type: 'timer-fired', timeMs: this.now(), task: timer.task === null ? null : label(timer.task), deadlineMs: timer.deadlineMs });
  }

  exceptionReported(context: ExceptionContext): void {
    if (context.message.endsWith(' exception was never retrieved')) this.unretrieved.push(context);
  }

  /** The RecordingPolicy's listener: a non-zero choice becomes a trace event. */
  readonly choiceMade = (stream: ChoiceStream, kind: string, chosen: number, count: number, task: LoopTask | null): void => {
    const at = { type: 'choice', timeMs: this.now() } as const;
    const who = task === null ? null : label(task);
    this.events?.push(stream === 'sched' ? { ...at, kind, chosen, count, task: who } : { ...at, stream, kind, chosen, count, task: who });
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

  /** Throws UnretrievedError naming the first task or future the loop reported as never retrieved. */
  checkRetrieved(): void {
    const first = this.unretrieved[0];
    if (first === undefined) return;
    const future = first.future as Partial<LoopTask> | undefined;
    const name = typeof future?.getName === 'function' ? future.getName() : String(future);
    throw new UnretrievedError(`${first.message}: ${name} raised ${describeValue(first.exception)}`);
  }

  private now(): number {
    return (this.loop ?? getRunningLoop()).time();
  }

  private running(): string | null {
    const task = this.loop?.currentTask;
    return task === null || task === undefined ? null : label(task);
  }
}

/** How a trace names a task: its name, or `host/name` for a task of a simulated host. */
function label(task: LoopTask): string {
  return task.owner === null ? task.getName() : `${task.owner.name}/${task.getName()}`;
}
