/**
 * The floor: the least a generator scheduler can do and still offer spawn,
 * join, sleep and cancel on a virtual clock. A FIFO ring of tasks run
 * round-robin with `next()`, a binary heap of sleeping tasks keyed
 * (deadline, sequence), and nothing else: no effect objects (a task yields a
 * number of milliseconds, 0 for "let the others run", or a task to join), no
 * handles (a task is its own heap node), no per-step allocation, and one
 * shared error object for cancellation. Whatever a real scheduler costs
 * beyond this is the price of its features.
 */

import { heapPush, heapRemove } from './task-heap.js';

/** What a floor task may yield: milliseconds to sleep (0 yields the turn), or a task to join. */
export type FloorYield = number | FloorTask<unknown>;
export type FloorOperation<T> = Generator<FloorYield, T, unknown>;

/** Thrown into a cancelled task at its next resumption: one shared object, so cancelling allocates nothing. */
export const CANCELLED: Error = new Error('cancelled');

type Phase = 'ready' | 'sleeping' | 'joining' | 'done';

export class FloorTask<T> {
  phase: Phase = 'ready';
  result: T | undefined = undefined;
  /** The error it ended with, or null if it returned. */
  error: unknown = null;
  /** What the next resumption sends in: a value, or (when `resumeThrows`) an error. */
  resumeWith: unknown = undefined;
  resumeThrows = false;
  deadlineMs = 0;
  sequence = 0;
  heapIndex = -1;
  /** The tasks waiting for this one to end. */
  joiners: FloorTask<unknown>[] | null = null;

  constructor(
    readonly scheduler: FloorScheduler,
    readonly gen: FloorOperation<T>,
  ) {}

  /** Throws CANCELLED in at the next resumption, waking the task if it sleeps. */
  cancel(): void {
    if (this.phase === 'done') return;
    this.resumeWith = CANCELLED;
    this.resumeThrows = true;
    if (this.phase === 'sleeping') {
      this.scheduler.removeTimer(this);
      this.scheduler.makeReady(this);
    }
  }
}

export class FloorScheduler {
  nowMs = 0;
  private ring: Array<FloorTask<unknown> | undefined> = new Array(64);
  private head = 0;
  private count = 0;
  private mask = 63;
  private readonly heap: FloorTask<unknown>[] = [];
  private nextSequence = 0;

  spawn<T>(gen: FloorOperation<T>): FloorTask<T> {
    const task = new FloorTask(this, gen);
    this.makeReady(task as FloorTask<unknown>);
    return task;
  }

  /** Runs until `main` ends; returns its result or throws its error. */
  run<T>(main: FloorOperation<T>): T {
    const task = this.spawn(main);
    while (task.phase !== 'done') {
      if (this.count === 0 && !this.advanceClock()) throw new Error('floor: deadlock');
      const next = this.ring[this.head] as FloorTask<unknown>;
      this.ring[this.head] = undefined;
      this.head = (this.head + 1) & this.mask;
      this.count--;
      this.step(next);
    }
    if (task.error !== null) throw task.error;
    return task.result as T;
  }

  makeReady(task: FloorTask<unknown>): void {
    task.phase = 'ready';
    if (this.count === this.mask + 1) this.grow();
    this.ring[(this.head + this.count) & this.mask] = task;
    this.count++;
  }

  private step(task: FloorTask<unknown>): void {
    const value = task.resumeWith;
    task.resumeWith = undefined;
    let outcome: IteratorResult<FloorYield, unknown>;
    try {
      if (task.resumeThrows) {
        task.resumeThrows = false;
        outcome = task.gen.throw(value);
      } else {
        outcome = task.gen.next(value);
      }
    } catch (error) {
      this.finish(task, undefined, error === null ? CANCELLED : error);
      return;
    }
    if (outcome.done === true) {
      this.finish(task, outcome.value, null);
      return;
    }
    const yielded = outcome.value;
    if (typeof yielded === 'number') {
      if (yielded <= 0) this.makeReady(task);
      else this.sleep(task, yielded);
    } else if (yielded.phase === 'done') {
      this.resumeFrom(task, yielded);
    } else {
      task.phase = 'joining';
      (yielded.joiners ??= []).push(task);
    }
  }

  private finish(task: FloorTask<unknown>, result: unknown, error: unknown): void {
    task.phase = 'done';
    task.result = result;
    task.error = error;
    const joiners = task.joiners;
    task.joiners = null;
    if (joiners !== null) for (const joiner of joiners) this.resumeFrom(joiner, task);
  }

  private resumeFrom(joiner: FloorTask<unknown>, joined: FloorTask<unknown>): void {
    if (joiner.resumeThrows) {
      // A cancel arrived while it was joining: that error goes in instead.
    } else if (joined.error !== null) {
      joiner.resumeWith = joined.error;
      joiner.resumeThrows = true;
    } else {
      joiner.resumeWith = joined.result;
    }
    this.makeReady(joiner);
  }

  private sleep(task: FloorTask<unknown>, delayMs: number): void {
    task.phase = 'sleeping';
    task.deadlineMs = this.nowMs + delayMs;
    task.sequence = this.nextSequence++;
    heapPush(this.heap, task);
  }

  /** Jumps the clock to the earliest deadline and readies every task due then, in sequence order. */
  private advanceClock(): boolean {
    const heap = this.heap;
    const first = heap[0];
    if (first === undefined) return false;
    this.nowMs = first.deadlineMs;
    while (heap.length > 0 && (heap[0] as FloorTask<unknown>).deadlineMs <= this.nowMs) {
      const due = heap[0] as FloorTask<unknown>;
      this.removeTimer(due);
      this.makeReady(due);
    }
    return true;
  }

  removeTimer(task: FloorTask<unknown>): void {
    heapRemove(this.heap, task);
  }

  private grow(): void {
    const capacity = (this.mask + 1) * 2;
    const ring: Array<FloorTask<unknown> | undefined> = new Array(capacity);
    for (let i = 0; i < this.count; i++) ring[i] = this.ring[(this.head + i) & this.mask];
    this.ring = ring;
    this.head = 0;
    this.mask = capacity - 1;
  }
}
