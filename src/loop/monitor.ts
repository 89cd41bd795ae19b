import type { ExceptionContext } from './exception-handler.js';
import type { LoopTask } from './loop.js';

/**
 * Observes what the kernel does, for structured traces and invariant checks.
 * Every method is optional; the loop calls them synchronously at the moment
 * the event happens, so `loop.time()` is the event's time. A monitor must
 * not schedule, cancel or resume anything: it watches only.
 *
 * @example
 * run(main(), { monitor: { taskDone: (task) => console.log(task.getName(), 'done') } });
 */
export interface Monitor {
  /** A task was created (its first step is queued). */
  taskCreated?(task: LoopTask): void;
  /** A task's step ended: it yielded `yielded` (an effect, or a bad value), or returned / raised. */
  taskStepped?(task: LoopTask, outcome: StepOutcome): void;
  /** `cancel(msg)` was called on a pending task. */
  cancelRequested?(task: LoopTask, message: string | undefined): void;
  /** A CancelledError is being thrown into the task's generator at this resumption. */
  cancelDelivered?(task: LoopTask, error: unknown): void;
  /** A task became done (cancelled or finished). */
  taskDone?(task: LoopTask): void;
  /** A timer is about to run: a `callLater` callback, or the end of a task's `yield* sleep(ms)`. */
  timerFired?(timer: FiredTimer): void;
  /**
   * The loop reports an error: a callback raised, or (at close) an exception
   * was never retrieved. Seen before the exception handler, whichever handler
   * is set, and also when strict mode keeps a callback error from the default one.
   */
  exceptionReported?(context: ExceptionContext): void;
  /** A simulated world did something: sent or dropped a message, crashed a host, fired a BUGGIFY site. */
  worldEvent?(event: WorldEvent): void;
}

/**
 * Something a simulated world did, as its trace shows it: a message sent,
 * delivered or dropped, a partition, a host crashed or restarted, a clock
 * jump, a BUGGIFY site firing, a disk write torn at a crash.
 *
 * @example
 * { action: 'drop', host: null, from: 'r1', to: 'r2', id: 7, detail: '#7 r1 -> r2 (loss)', fault: true }
 */
export interface WorldEvent {
  /** What happened, one word or two: `send`, `deliver`, `drop`, `crash`, `partition`, `buggify`... */
  readonly action: string;
  /** The host it happened on or to, or null for the world as a whole (the network). */
  readonly host: string | null;
  /** The rest, in one line, as the text trace prints it after the action. */
  readonly detail: string;
  /** Whether it is an injected fault (a drop, a crash, a torn write): reports and views mark those. */
  readonly fault: boolean;
  /** For a message: its id, which pairs a send with its delivery, and its two ends. */
  readonly id?: number;
  readonly from?: string;
  readonly to?: string;
}

/**
 * A timer as it fires: made only for a monitor that asks, so timers themselves stay small.
 *
 * @example
 * run(main(), { monitor: { timerFired: (timer) => console.log(timer.deadlineMs, timer.task?.getName() ?? 'callLater') } });
 */
export interface FiredTimer {
  /** When it was due; the loop's time now. */
  readonly deadlineMs: number;
  /** Its place among timers due at the same instant: the order they were scheduled in. */
  readonly sequence: number;
  /** The task whose sleep ends, or null for a `callLater` callback. */
  readonly task: LoopTask | null;
}

/**
 * How a step ended: with a yielded value (usually an effect), a return, or a throw.
 *
 * @example
 * run(main(), { monitor: { taskStepped: (task, outcome) => { if (outcome.kind === 'raised') console.log(task.getName(), outcome.error); } } });
 */
export type StepOutcome =
  | { readonly kind: 'yielded'; readonly value: unknown }
  | { readonly kind: 'returned'; readonly value: unknown }
  | { readonly kind: 'raised'; readonly error: unknown };
