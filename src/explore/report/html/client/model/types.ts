/**
 * The timeline of a run as the HTML view draws it, built from the trace in
 * the browser (buildTimeline). Everything points at trace events by index,
 * so the x of anything comes from the axis (positions.ts) in whatever
 * spacing the reader picks.
 */

/** A row of the view: the schedule, the network, a host, or a task. */
export interface Lane {
  readonly id: number;
  readonly kind: 'schedule' | 'network' | 'host' | 'task';
  /** What the row's label shows: a task's name within its host, a host's name. */
  readonly name: string;
  /** The task's label as the trace writes it (`host/task`), the host's name, or the row's name. */
  readonly key: string;
  readonly host: string | null;
  /** The event that made the row (a task's spawn), or -1. */
  readonly since: number;
}

/**
 * What a task is doing between two events: `pending` (spawned, not yet
 * started), `ready` (woken, waiting for its turn), `sleep`, `yield`
 * (sleep(0)), `await-task`, `await` (a future or a lock's waiter), `other`.
 */
export type WaitKind = 'pending' | 'ready' | 'sleep' | 'yield' | 'await-task' | 'await' | 'other';

/**
 * A stretch of a task's row. A step is event `from` itself (`to` = from + 1);
 * a wait runs from the end of event `from` to the start of event `to`.
 * `open` marks a wait the run ended in (a deadlock's waiters, say).
 */
export interface Span {
  readonly lane: number;
  readonly from: number;
  readonly to: number;
  readonly kind: 'step' | WaitKind;
  /** For a step, how it ended; for a wait, what it waits on (`sleep(10)`, `Task 'x'`). */
  readonly detail: string;
  readonly outcome?: 'yielded' | 'returned' | 'raised';
  readonly open?: boolean;
  /** What ended a wait early or woke it: a timer, a done task, a cancel (event index). */
  readonly cause?: number;
}

/** The kinds of point marks; `world` marks carry the world event's action. */
export type MarkKind =
  | 'spawn'
  | 'finished'
  | 'raised'
  | 'cancelled'
  | 'abandoned'
  | 'cancel-requested'
  | 'cancel-delivered'
  | 'timer'
  | 'choice'
  | 'world'
  | 'end'
  | 'failure';

/** Something that happened at one event, on one row. */
export interface Mark {
  readonly lane: number;
  readonly event: number;
  readonly kind: MarkKind;
  /** An injected fault or a non-FIFO choice: drawn highlighted. */
  readonly fault: boolean;
}

/**
 * An arrow from one row at one event to another: a spawn, a wakeup (a task
 * done, its awaiter resumed), a cancel (the asker to the task), a message
 * (its send to its delivery, drop, duplicate or hold).
 */
export interface Link {
  readonly kind: 'spawn' | 'wakeup' | 'cancel' | 'message';
  readonly from: number;
  readonly fromLane: number;
  readonly to: number;
  readonly toLane: number;
  /** For a message: the action at its end (`deliver`, `drop`, ...) and whether it is a fault. */
  readonly action?: string;
  readonly fault?: boolean;
}

/**
 * A stretch of time shaded over rows: a host down (crash to restart) or
 * paused, the network partitioned. `to` is -1 while it lasts to the end.
 */
export interface Band {
  readonly kind: string;
  readonly from: number;
  readonly to: number;
  /** The rows it covers (a host's and its tasks'), or null for every row. */
  readonly lanes: readonly number[] | null;
  readonly fault: boolean;
}

/** What the list of key moments shows: a non-FIFO choice, a fault, a cancel, the failure. */
export interface Moment {
  readonly event: number;
  readonly kind: 'choice' | 'fault' | 'cancel' | 'failure';
  readonly text: string;
}

/** Everything the view draws, in display order (rows) and event order (the rest). */
export interface Timeline {
  readonly lanes: readonly Lane[];
  readonly spans: readonly Span[];
  readonly marks: readonly Mark[];
  readonly links: readonly Link[];
  readonly bands: readonly Band[];
  readonly moments: readonly Moment[];
  /** The event that ends the run (the `end` event, or the last one), -1 for no events. */
  readonly endEvent: number;
  /** The run failed: its end is the failure point. */
  readonly failed: boolean;
}
