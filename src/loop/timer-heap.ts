import { assert, fail } from '../errors.js';
import type { Monitor } from './monitor.js';
import type { ReadyCallback } from './ready-queue.js';

/**
 * What the timer heap orders: a `callLater` handle, or a task asleep in
 * `yield* sleep(ms)`, which is its own node so that a sleep allocates no
 * handle. `heapIndex` says where the node is: its position in the heap,
 * `DUE` once it has moved to the ready queue, `OFF_HEAP` otherwise.
 */
export interface TimerNode {
  readonly deadlineMs: number;
  /** Ties between equal deadlines break by this: the order of scheduling. */
  readonly sequence: number;
  heapIndex: number;
  /** Runs in the node's turn in the ready queue, after it came due; does nothing if it was cancelled since. */
  fireTimer(): void;
}

/** `heapIndex` of a node that is neither in the heap nor due. */
export const OFF_HEAP = -1;
/** `heapIndex` of a node that came due and waits in the ready queue. */
export const DUE = -2;

/** A timer's life: waiting in the heap, moved to the ready queue, run, or cancelled before it ran. */
export type TimerState = 'scheduled' | 'due' | 'fired' | 'cancelled';

/**
 * A callback to run at a virtual time, as returned by `loop.callLater` and
 * `loop.callAt`. Like asyncio's TimerNode it can be cancelled until it runs.
 *
 * @example
 * const handle = loop.callLater(100, () => console.log('late'));
 * handle.cancel();
 */
export class TimerHandle implements TimerNode {
  /** @internal Position in the heap, or DUE, or OFF_HEAP. */
  heapIndex = OFF_HEAP;
  /** Pending until it fires or is cancelled; `state` tells scheduled from due by `heapIndex`. */
  private ending: 'pending' | 'fired' | 'cancelled' = 'pending';

  constructor(
    readonly deadlineMs: number,
    readonly sequence: number,
    private readonly callback: ReadyCallback,
    private readonly argument: unknown,
    /** The heap it lives in, which also carries the loop's monitor. */
    private readonly heap: TimerHeap,
  ) {}

  get state(): TimerState {
    if (this.ending !== 'pending') return this.ending;
    return this.heapIndex === DUE ? 'due' : 'scheduled';
  }

  /** The virtual time, in milliseconds, at which the callback is due. */
  when(): number {
    return this.deadlineMs;
  }

  cancelled(): boolean {
    return this.ending === 'cancelled';
  }

  /**
   * Cancels the callback. A scheduled timer leaves the heap at once; a due one
   * stays in the ready queue and is skipped when its turn comes, as in asyncio.
   * Cancelling twice, or after the callback ran, does nothing.
   */
  cancel(): void {
    if (this.ending !== 'pending') return;
    if (this.heapIndex >= 0) this.heap.remove(this);
    this.end('cancelled');
  }

  /** @internal */
  fireTimer(): void {
    // A timer cancelled after it reached the ready queue is skipped, as in asyncio.
    if (this.ending === 'cancelled') return;
    this.end('fired');
    this.heap.monitor?.timerFired?.({ deadlineMs: this.deadlineMs, sequence: this.sequence, task: null });
    this.callback(this.argument);
  }

  /** The one place a timer's state changes: a pending timer fires or is cancelled, once. */
  private end(ending: 'fired' | 'cancelled'): void {
    if (this.ending !== 'pending') fail(`timer ${this.sequence}: illegal move ${this.ending} -> ${ending}`);
    if (ending === 'fired' && this.heapIndex !== DUE) fail(`timer ${this.sequence} fired before it came due`);
    this.ending = ending;
    this.heapIndex = OFF_HEAP;
  }
}

/** Orders timers by (deadline, sequence): earlier first, then first scheduled. */
function before(a: TimerNode, b: TimerNode): boolean {
  return a.deadlineMs < b.deadlineMs || (a.deadlineMs === b.deadlineMs && a.sequence < b.sequence);
}

/**
 * A binary min-heap of timers keyed (deadline, sequence), so timers due at the
 * same instant come out in the order they were scheduled. Each node knows its
 * index, so cancelling removes it in O(log n) instead of leaving a tombstone.
 */
export class TimerHeap {
  private readonly items: TimerNode[] = [];

  /** The loop's monitor, told when a timer fires; kept here so a timer need not carry it. */
  constructor(readonly monitor: Monitor | null = null) {}

  get size(): number {
    return this.items.length;
  }

  peek(): TimerNode | undefined {
    return this.items[0];
  }

  push(timer: TimerNode): void {
    timer.heapIndex = this.items.length;
    this.items.push(timer);
    this.siftUp(timer.heapIndex);
  }

  pop(): TimerNode {
    const top = this.items[0];
    assert(top !== undefined, 'pop from an empty timer heap');
    this.remove(top);
    return top;
  }

  remove(timer: TimerNode): void {
    const index = timer.heapIndex;
    if (this.items[index] !== timer) fail(`timer ${timer.sequence} is not in the heap`);
    const last = this.items.pop() as TimerNode;
    timer.heapIndex = OFF_HEAP;
    if (last === timer) return;
    this.items[index] = last;
    last.heapIndex = index;
    this.siftDown(index);
    this.siftUp(last.heapIndex);
  }

  private siftUp(index: number): void {
    const items = this.items;
    const timer = items[index] as TimerNode;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = items[parentIndex] as TimerNode;
      if (!before(timer, parent)) break;
      items[index] = parent;
      parent.heapIndex = index;
      index = parentIndex;
    }
    items[index] = timer;
    timer.heapIndex = index;
  }

  private siftDown(index: number): void {
    const items = this.items;
    const length = items.length;
    const timer = items[index] as TimerNode;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      if (right < length && before(items[right] as TimerNode, items[left] as TimerNode)) child = right;
      const smaller = items[child] as TimerNode;
      if (!before(smaller, timer)) break;
      items[index] = smaller;
      smaller.heapIndex = index;
      index = child;
    }
    items[index] = timer;
    timer.heapIndex = index;
  }
}
