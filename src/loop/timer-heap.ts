import { assert, fail } from '../errors.js';
import type { Monitor } from './monitor.js';
import type { ReadyCallback } from './ready-queue.js';

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
export class TimerHandle {
  /** Position in the heap's array while scheduled; -1 otherwise. */
  heapIndex = -1;
  private stateValue: TimerState = 'scheduled';

  constructor(
    readonly deadlineMs: number,
    /** Ties between equal deadlines break by this: the order of scheduling. */
    readonly sequence: number,
    readonly callback: ReadyCallback,
    readonly argument: unknown,
    /** The heap it lives in, which also carries the loop's monitor. */
    readonly heap: TimerHeap,
  ) {}

  get state(): TimerState {
    return this.stateValue;
  }

  /** The virtual time, in milliseconds, at which the callback is due. */
  when(): number {
    return this.deadlineMs;
  }

  cancelled(): boolean {
    return this.stateValue === 'cancelled';
  }

  /**
   * Cancels the callback. A scheduled timer leaves the heap at once; a due one
   * stays in the ready queue and is skipped when its turn comes, as in asyncio.
   * Cancelling twice, or after the callback ran, does nothing.
   */
  cancel(): void {
    if (this.stateValue === 'scheduled') this.heap.remove(this);
    if (this.stateValue === 'scheduled' || this.stateValue === 'due') this.moveTo('cancelled');
  }

  /** The one place a timer's state changes. */
  moveTo(next: TimerState): void {
    const legal =
      (this.stateValue === 'scheduled' && (next === 'due' || next === 'cancelled')) ||
      (this.stateValue === 'due' && (next === 'fired' || next === 'cancelled'));
    if (!legal) fail(`timer ${this.sequence}: illegal move ${this.stateValue} -> ${next}`);
    this.stateValue = next;
  }
}

/** Orders timers by (deadline, sequence): earlier first, then first scheduled. */
function before(a: TimerHandle, b: TimerHandle): boolean {
  return a.deadlineMs < b.deadlineMs || (a.deadlineMs === b.deadlineMs && a.sequence < b.sequence);
}

/**
 * A binary min-heap of timers keyed (deadline, sequence), so timers due at the
 * same instant come out in the order they were scheduled. Each handle knows its
 * index, so cancelling removes it in O(log n) instead of leaving a tombstone.
 */
export class TimerHeap {
  private readonly items: TimerHandle[] = [];

  /** The loop's monitor, told when a timer fires; kept here so a timer need not carry it. */
  constructor(readonly monitor: Monitor | null = null) {}

  get size(): number {
    return this.items.length;
  }

  peek(): TimerHandle | undefined {
    return this.items[0];
  }

  push(timer: TimerHandle): void {
    timer.heapIndex = this.items.length;
    this.items.push(timer);
    this.siftUp(timer.heapIndex);
  }

  pop(): TimerHandle {
    const top = this.items[0];
    assert(top !== undefined, 'pop from an empty timer heap');
    this.remove(top);
    return top;
  }

  remove(timer: TimerHandle): void {
    const index = timer.heapIndex;
    if (this.items[index] !== timer) fail(`timer ${timer.sequence} is not in the heap`);
    const last = this.items.pop() as TimerHandle;
    timer.heapIndex = -1;
    if (last === timer) return;
    this.items[index] = last;
    last.heapIndex = index;
    this.siftDown(index);
    this.siftUp(last.heapIndex);
  }

  private siftUp(index: number): void {
    const items = this.items;
    const timer = items[index] as TimerHandle;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = items[parentIndex] as TimerHandle;
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
    const timer = items[index] as TimerHandle;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      if (right < length && before(items[right] as TimerHandle, items[left] as TimerHandle)) child = right;
      const smaller = items[child] as TimerHandle;
      if (!before(smaller, timer)) break;
      items[index] = smaller;
      smaller.heapIndex = index;
      index = child;
    }
    items[index] = timer;
    timer.heapIndex = index;
  }
}
