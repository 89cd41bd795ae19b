import type { TraceEvent } from '../../../trace.js';
import type { LaneIndex } from './lanes.js';
import type { Link, Mark, Span, WaitKind } from './types.js';
import { waitOf } from './waits.js';

/**
 * Where a task is between two of its events. `pending`, `waiting` and
 * `ready` are stretches drawn as spans; a step is an event of its own.
 * `finishing` is after a step returned or raised, until its done event.
 */
type TaskState =
  | { readonly phase: 'pending' | 'ready'; readonly since: number; readonly cause?: number }
  | { readonly phase: 'waiting'; readonly since: number; readonly kind: WaitKind; readonly detail: string; readonly target: number | null }
  | { readonly phase: 'finishing'; readonly outcome: 'returned' | 'raised' }
  | { readonly phase: 'done' | 'abandoned' };

type Of<T extends TraceEvent['type']> = Extract<TraceEvent, { type: T }>;

/**
 * Follows every task through the trace: its states as spans, what happened
 * to it as marks, and the arrows between tasks (spawns, wakeups, cancels).
 */
export class TaskTracker {
  readonly spans: Span[] = [];
  readonly marks: Mark[] = [];
  readonly links: Link[] = [];
  private readonly states = new Map<number, TaskState>();
  /** Each done task's done event. */
  private readonly doneAt = new Map<number, number>();
  /** The tasks awaiting each task, by the awaited task's row. */
  private readonly awaiting = new Map<number, Set<number>>();
  /** The done event that woke each ready task, for the wakeup arrow drawn at its next step. */
  private readonly wokenBy = new Map<number, { event: number; lane: number }>();

  constructor(private readonly lanes: LaneIndex) {}

  spawn(index: number, event: Of<'spawn'>): void {
    const lane = this.lanes.spawned(index, event.task);
    this.marks.push({ lane, event: index, kind: 'spawn', fault: false });
    const parent = event.parent === null ? null : this.lanes.task(event.parent);
    if (parent !== null) this.links.push({ kind: 'spawn', from: index, fromLane: parent, to: index, toLane: lane });
    this.move(lane, index, { phase: 'pending', since: index });
  }

  step(index: number, event: Of<'step'>): void {
    const lane = this.lanes.task(event.task);
    if (lane === null) return;
    const waker = this.wokenBy.get(lane);
    if (waker !== undefined) {
      this.links.push({ kind: 'wakeup', from: waker.event, fromLane: waker.lane, to: index, toLane: lane });
      this.wokenBy.delete(lane);
    }
    const next = this.afterStep(lane, index, event);
    this.move(lane, index, next);
    this.spans.push({ lane, from: index, to: index + 1, kind: 'step', detail: event.detail, outcome: event.outcome });
    // An await on a task already done resumes at once: the arrow still says whose end it waited for.
    if (next.phase === 'waiting' && next.target !== null && this.doneAt.has(next.target)) {
      this.wokenBy.set(lane, { event: this.doneAt.get(next.target) as number, lane: next.target });
    }
  }

  timerFired(index: number, event: Of<'timer-fired'>): void {
    const lane = event.task === null ? null : this.lanes.task(event.task);
    this.marks.push({ lane: lane ?? this.lanes.schedule, event: index, kind: 'timer', fault: false });
    if (lane !== null && this.states.get(lane)?.phase === 'waiting') this.move(lane, index, { phase: 'ready', since: index, cause: index });
  }

  done(index: number, event: Of<'done'>): void {
    const lane = this.lanes.task(event.task);
    if (lane === null) return;
    const state = this.states.get(lane);
    const kind = event.state === 'cancelled' ? 'cancelled' : state?.phase === 'finishing' && state.outcome === 'raised' ? 'raised' : 'finished';
    this.marks.push({ lane, event: index, kind, fault: false });
    this.move(lane, index, { phase: 'done' });
    this.doneAt.set(lane, index);
    for (const waiter of [...(this.awaiting.get(lane) ?? [])]) {
      this.move(waiter, index, { phase: 'ready', since: index, cause: index });
      this.wokenBy.set(waiter, { event: index, lane });
    }
  }

  /** `injectedBy`: the schedule's choice event that injected this cancel, if it did. */
  cancelRequested(index: number, event: Of<'cancel-requested'>, injectedBy: number | null): void {
    const lane = this.lanes.task(event.task);
    if (lane === null) return;
    this.marks.push({ lane, event: index, kind: 'cancel-requested', fault: injectedBy !== null });
    const by = event.by === null ? null : this.lanes.task(event.by);
    if (by !== null) this.links.push({ kind: 'cancel', from: index, fromLane: by, to: index, toLane: lane });
    else if (injectedBy !== null) this.links.push({ kind: 'cancel', from: injectedBy, fromLane: this.lanes.schedule, to: index, toLane: lane });
    // cancel() wakes a waiting task to take the CancelledError.
    if (this.states.get(lane)?.phase === 'waiting') this.move(lane, index, { phase: 'ready', since: index, cause: index });
  }

  cancelDelivered(index: number, event: Of<'cancel-delivered'>): void {
    const lane = this.lanes.task(event.task);
    if (lane !== null) this.marks.push({ lane, event: index, kind: 'cancel-delivered', fault: false });
  }

  /** A host crashed: its unfinished tasks never run again (no finally). */
  abandonHost(index: number, host: string): void {
    for (const [lane, state] of this.states) {
      if (this.lanes.lanes[lane]?.host !== host || state.phase === 'done' || state.phase === 'abandoned') continue;
      this.marks.push({ lane, event: index, kind: 'abandoned', fault: true });
      this.move(lane, index, { phase: 'abandoned' });
    }
  }

  /** The run ended at `index`: what is still pending, waiting or ready stays so to the end. */
  end(index: number): void {
    for (const [lane, state] of this.states) this.closeSpan(lane, state, index, true);
    this.states.clear();
  }

  private afterStep(lane: number, index: number, event: Of<'step'>): TaskState {
    if (event.outcome !== 'yielded') return { phase: 'finishing', outcome: event.outcome };
    const wait = waitOf(event.detail);
    const target = wait.task === undefined ? null : this.lanes.awaited(wait.task, this.lanes.lanes[lane]?.host ?? null, (row) => this.doneAt.has(row));
    return { phase: 'waiting', since: index, kind: wait.kind, detail: event.detail.replace(/^await /, ''), target };
  }

  /** The one place a task's state changes: the stretch it leaves becomes a span ending at `index`. */
  private move(lane: number, index: number, next: TaskState): void {
    const state = this.states.get(lane);
    if (state !== undefined) this.closeSpan(lane, state, index, false);
    if (state?.phase === 'waiting' && state.target !== null) this.awaiting.get(state.target)?.delete(lane);
    if (next.phase === 'waiting' && next.target !== null) {
      const waiters = this.awaiting.get(next.target) ?? new Set<number>();
      this.awaiting.set(next.target, waiters.add(lane));
    }
    this.states.set(lane, next);
  }

  private closeSpan(lane: number, state: TaskState, index: number, open: boolean): void {
    if (state.phase !== 'pending' && state.phase !== 'ready' && state.phase !== 'waiting') return;
    const span: Span =
      state.phase === 'waiting'
        ? { lane, from: state.since, to: index, kind: state.kind, detail: state.detail }
        : { lane, from: state.since, to: index, kind: state.phase, detail: '', ...(state.cause === undefined ? {} : { cause: state.cause }) };
    this.spans.push(open ? { ...span, open } : span);
  }
}
