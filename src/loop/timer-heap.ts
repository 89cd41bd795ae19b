import { assert, fail } from '../errors.js';
import { describeCall } from './handle.js';
import type { Monitor } from './monitor.js';
import type { Owner } from './owner.js';

/**
 * Where a timer node stands: `scheduled` while its entry in the heap is live,
 * `due` once it has moved to the ready queue, `off` otherwise (never
 * scheduled, cancelled, or run).
 */
export type TimerSlot = 'off' | 'scheduled' | 'due';

/**
 * What the timer heap orders: a `callLater` handle, or a task asleep in
 * `yield* sleep(ms)`, which is its own node so that a sleep allocates no
 * handle.
 */
export interface TimerNode {
  /** When it is due; rescheduling (a paused host's timers, shifted) changes it. */
  deadlineMs: number;
  /** Ties between equal deadlines break by this: the order of scheduling, unique per scheduling. */
  sequence: number;
  /** The host incarnation whose timer it is, or null. */
  readonly owner: Owner | null;
  timerSlot: TimerSlot;
  /** Runs in the node's turn in the ready queue, after it came due; does nothing if it was cancelled since. */
  fireTimer(): void;
}

/** A timer's life: waiting in the heap, moved to the ready queue, run, or cancelled before it ran. */
export type TimerState = 'scheduled' | 'due' | 'fired' | 'cancelled';

/**
 * A callback to run at a virtual time, as returned by `loop.callLater` and
 * `loop.callAt`. Like asyncio's TimerHandle it can be cancelled until it runs.
 *
 * @example
 * const handle = loop.callLater(100, () => console.log('late'));
 * handle.cancel();
 */
export class TimerHandle implements TimerNode {
  /** @internal */
  timerSlot: TimerSlot = 'off';
  /** Pending until it fires or is cancelled; `state` tells scheduled from due by `timerSlot`. */
  private ending: 'pending' | 'fired' | 'cancelled' = 'pending';

  constructor(
    /** @internal Read it with when(); set again only when a paused host's timers shift. */
    public deadlineMs: number,
    /** @internal */
    public sequence: number,
    private readonly callback: (...args: any[]) => void,
    private readonly args: readonly unknown[],
    /** The heap it lives in, which also carries the loop's monitor. */
    private readonly heap: TimerHeap,
    /** The host incarnation that scheduled it, or null. */
    readonly owner: Owner | null = null,
  ) {}

  get state(): TimerState {
    if (this.ending !== 'pending') return this.ending;
    return this.timerSlot === 'due' ? 'due' : 'scheduled';
  }

  /** The virtual time, in milliseconds, at which the callback is due. */
  when(): number {
    return this.deadlineMs;
  }

  cancelled(): boolean {
    return this.ending === 'cancelled';
  }

  /**
   * Cancels the callback. A scheduled timer leaves the heap; a due one stays
   * in the ready queue and is skipped when its turn comes, as in asyncio.
   * Cancelling twice, or after the callback ran, does nothing.
   */
  cancel(): void {
    if (this.ending !== 'pending') return;
    if (this.timerSlot === 'scheduled') this.heap.cancel(this);
    this.end('cancelled');
  }

  /** @internal */
  fireTimer(): void {
    // A timer cancelled after it reached the ready queue is skipped, as in asyncio.
    if (this.ending === 'cancelled') return;
    this.end('fired');
    this.heap.monitor?.timerFired?.({ deadlineMs: this.deadlineMs, sequence: this.sequence, task: null });
    this.callback(...this.args);
  }

  /** The callback and its arguments: `tick(1, "a")`. */
  describeCallback(): string {
    return describeCall(this.callback, this.args);
  }

  /** `<TimerHandle when=100 tick()>`, as an exception report names it. */
  toString(): string {
    return `<TimerHandle when=${this.deadlineMs} ${this.describeCallback()}${this.cancelled() ? ' cancelled' : ''}>`;
  }

  /** The one place a timer's state changes: a pending timer fires or is cancelled, once. */
  private end(ending: 'fired' | 'cancelled'): void {
    if (this.ending !== 'pending') fail(`timer ${this.sequence}: illegal move ${this.ending} -> ${ending}`);
    if (ending === 'fired' && this.timerSlot !== 'due') fail(`timer ${this.sequence} fired before it came due`);
    this.ending = ending;
    this.timerSlot = 'off';
  }
}

/**
 * Cancelled entries are left in the heap and skipped, as asyncio does; once
 * they are more than this many and more than half the heap, it is rebuilt
 * without them, so they cost O(1) each and hold memory only for a while.
 */
const MIN_CANCELLED_TO_COMPACT = 100;

/**
 * A binary min-heap of timers keyed (deadline, sequence), so timers due at the
 * same instant come out in the order they were scheduled.
 *
 * The keys live in two arrays beside the nodes, and a node keeps no index: a
 * sift reads and moves keys without touching a node, which in a large heap is
 * cold and scattered (a sleeping task is a node). The price is that
 * cancelling cannot find an entry, so it only marks the node `off`; an entry
 * is live while its node is `scheduled` with the entry's sequence, since every
 * scheduling takes a new sequence.
 */
export class TimerHeap {
  private readonly nodes: TimerNode[] = [];
  private readonly deadlines: number[] = [];
  private readonly sequences: number[] = [];
  /** Entries whose node was cancelled and that are still in the heap. */
  private cancelledEntries = 0;

  /** The loop's monitor, told when a timer fires; kept here so a timer need not carry it. */
  constructor(readonly monitor: Monitor | null = null) {}

  /** The earliest live deadline, or undefined when no timer is scheduled. */
  peekDeadline(): number | undefined {
    this.dropCancelledTop();
    return this.deadlines[0];
  }

  push(node: TimerNode): void {
    if (node.timerSlot !== 'off') fail(`timer ${node.sequence} is scheduled twice`);
    node.timerSlot = 'scheduled';
    const index = this.nodes.length;
    this.nodes.push(node);
    this.deadlines.push(node.deadlineMs);
    this.sequences.push(node.sequence);
    this.siftUp(index, node, node.deadlineMs, node.sequence);
  }

  /** Takes out the earliest live timer; its node is left `scheduled` for the caller to move on. */
  pop(): TimerNode {
    this.dropCancelledTop();
    const top = this.nodes[0];
    assert(top !== undefined, 'pop from an empty timer heap');
    this.removeTop();
    return top;
  }

  /** Cancels a scheduled node: its entry stays, dead, until it reaches the top or the heap is compacted. */
  cancel(node: TimerNode): void {
    if (node.timerSlot !== 'scheduled') fail(`timer ${node.sequence} is not in the heap`);
    node.timerSlot = 'off';
    this.cancelledEntries++;
    if (this.cancelledEntries > MIN_CANCELLED_TO_COMPACT && this.cancelledEntries * 2 > this.nodes.length) this.compact();
  }

  /** The live nodes for which `matches` holds, in (deadline, sequence) order. For holding or dropping a host's timers (rare). */
  liveWhere(matches: (node: TimerNode) => boolean): TimerNode[] {
    const found: TimerNode[] = [];
    for (let i = 0; i < this.nodes.length; i++) if (this.isLive(i) && matches(this.nodes[i] as TimerNode)) found.push(this.nodes[i] as TimerNode);
    return found.sort((a, b) => a.deadlineMs - b.deadlineMs || a.sequence - b.sequence);
  }

  private isLive(index: number): boolean {
    const node = this.nodes[index] as TimerNode;
    return node.timerSlot === 'scheduled' && node.sequence === this.sequences[index];
  }

  private dropCancelledTop(): void {
    while (this.nodes.length > 0 && !this.isLive(0)) {
      this.removeTop();
      this.cancelledEntries--;
    }
  }

  private removeTop(): void {
    const node = this.nodes.pop() as TimerNode;
    const deadline = this.deadlines.pop() as number;
    const sequence = this.sequences.pop() as number;
    if (this.nodes.length > 0) this.siftDown(0, node, deadline, sequence);
  }

  /** Rebuilds the heap from its live entries (Floyd's heapify, O(n)). */
  private compact(): void {
    const { nodes, deadlines, sequences } = this;
    let kept = 0;
    for (let i = 0; i < nodes.length; i++) {
      if (!this.isLive(i)) continue;
      nodes[kept] = nodes[i] as TimerNode;
      deadlines[kept] = deadlines[i] as number;
      sequences[kept] = sequences[i] as number;
      kept++;
    }
    nodes.length = kept;
    deadlines.length = kept;
    sequences.length = kept;
    this.cancelledEntries = 0;
    for (let i = (kept >> 1) - 1; i >= 0; i--) this.siftDown(i, nodes[i] as TimerNode, deadlines[i] as number, sequences[i] as number);
  }

  /** Moves the hole at `index` up until the key fits, and puts the entry there. */
  private siftUp(index: number, node: TimerNode, deadline: number, sequence: number): void {
    const { deadlines, sequences } = this;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentDeadline = deadlines[parent] as number;
      if (parentDeadline < deadline || (parentDeadline === deadline && (sequences[parent] as number) < sequence)) break;
      this.place(index, this.nodes[parent] as TimerNode, parentDeadline, sequences[parent] as number);
      index = parent;
    }
    this.place(index, node, deadline, sequence);
  }

  /** Moves the hole at `index` down until the key fits, and puts the entry there. */
  private siftDown(index: number, node: TimerNode, deadline: number, sequence: number): void {
    const { deadlines, sequences } = this;
    const length = deadlines.length;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= length) break;
      let childDeadline = deadlines[child] as number;
      let childSequence = sequences[child] as number;
      const right = child + 1;
      if (right < length) {
        const rightDeadline = deadlines[right] as number;
        const rightSequence = sequences[right] as number;
        if (rightDeadline < childDeadline || (rightDeadline === childDeadline && rightSequence < childSequence)) {
          child = right;
          childDeadline = rightDeadline;
          childSequence = rightSequence;
        }
      }
      if (deadline < childDeadline || (deadline === childDeadline && sequence < childSequence)) break;
      this.place(index, this.nodes[child] as TimerNode, childDeadline, childSequence);
      index = child;
    }
    this.place(index, node, deadline, sequence);
  }

  private place(index: number, node: TimerNode, deadline: number, sequence: number): void {
    this.nodes[index] = node;
    this.deadlines[index] = deadline;
    this.sequences[index] = sequence;
  }
}
