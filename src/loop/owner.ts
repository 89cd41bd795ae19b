import { fail } from '../errors.js';
import type { ReadyCallback } from './ready-queue.js';
import type { TimerNode } from './timer-heap.js';

/**
 * Where an owner is in its life: `running`, `paused` (its callbacks and
 * timers are held until it resumes) or `abandoned` (none of its code ever
 * runs again: not a `finally`, not a callback, not a timer). Only
 * `Owner.moveTo` changes it.
 *
 * @example
 * if (owner.state === 'abandoned') console.log(`${owner.name} has crashed`);
 */
export type OwnerState = 'running' | 'paused' | 'abandoned';

function isLegalMove(from: OwnerState, to: OwnerState): boolean {
  if (from === 'running') return to !== 'running';
  if (from === 'paused') return to !== 'paused';
  return false;
}

/**
 * Who owns tasks, futures and callbacks: a simulated host's incarnation. Every
 * task, future and handle made while an owner is current belongs to it, so the
 * loop can hold all of them at once (`loop.pause`) or drop all of them
 * without running anything (`loop.abandon`, a power cut, not a cancellation),
 * and a task may not await what another owner made. Code outside any owner
 * (a test's own main) owns nothing and may await anything.
 *
 * @example
 * const owner = new Owner('r1', loop);
 * const task = loop.withOwner(owner, () => new Task(serve(), { loop, name: 'serve' }));
 * loop.abandon(owner); // serve never runs again, and its finally blocks never run
 */
export class Owner {
  private stateValue: OwnerState = 'running';
  /** @internal Ready entries held while paused, in queue order. */
  readonly parkedCallbacks: ReadyCallback[] = [];
  /** @internal */
  readonly parkedArguments: unknown[] = [];
  /** @internal Timers taken out of the heap while paused, in (deadline, sequence) order, with the time each had left. */
  readonly pausedTimers: TimerNode[] = [];
  /** @internal */
  readonly remainingMs: number[] = [];

  /** @internal The loop it was made on: whether a loop may pause or abandon it is one comparison, however many owners there are. */
  readonly loop: object;

  constructor(
    /** How errors and traces name it: the host's name. */
    readonly name: string,
    loop: { registerOwner(owner: Owner): void },
  ) {
    this.loop = loop;
    loop.registerOwner(this);
  }

  get state(): OwnerState {
    return this.stateValue;
  }

  toString(): string {
    return `host ${this.name}`;
  }

  /** @internal The one place an owner's state changes; the loop calls it from pause, resume and abandon. */
  moveTo(next: OwnerState): void {
    if (!isLegalMove(this.stateValue, next)) fail(`${this.toString()}: illegal move ${this.stateValue} -> ${next}`);
    this.stateValue = next;
  }
}

/** The owner of a ready entry's argument (a task, future or handle), or null. */
export function ownerOfArgument(argument: unknown): Owner | null {
  if (argument === null || typeof argument !== 'object') return null;
  const owner = (argument as { owner?: unknown }).owner;
  return owner instanceof Owner ? owner : null;
}
