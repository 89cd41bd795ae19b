import type { WorldStream } from '../explore/choices/streams.js';
import type { SchedulingPolicy } from '../loop/policy.js';


/**
 * The world's one door to the run's choices. The fault functions of each
 * subsystem ask through it and nothing else does; it asks the policy's
 * `chooseWorld`, whose answer 0 is always the fault-free one. A plain `run()`
 * has no `chooseWorld`: the world then asks nothing at all, and every fault
 * function takes its fault-free branch without a choice point.
 *
 * Whether a choice point exists depends only on the program and the options
 * the test fixed, never on a swarm value; `active` turns false for good when
 * the world heals (the liveness phase has no new faults).
 */
export class ChoicePoints {
  /** Whether the run explores or replays: its policy answers the world's choices. */
  readonly exploring: boolean;
  private healed = false;

  constructor(private readonly policy: SchedulingPolicy) {
    this.exploring = policy.chooseWorld !== undefined;
  }

  /** Whether random faults may still be chosen: the run explores and the world has not healed. */
  get active(): boolean {
    return this.exploring && !this.healed;
  }

  /** From now on no fault is chosen (the liveness phase). */
  heal(): void {
    this.healed = true;
  }

  /** The answer at one choice point, an index in [0, count). */
  ask(stream: WorldStream, kind: string, count: number, weights?: readonly number[]): number {
    return this.policy.chooseWorld?.(stream, kind, count, weights) ?? 0;
  }

  /** A swarm parameter of this run, in [min, max] (min when the run does not explore). */
  swarm(name: string, min: number, max: number): number {
    return this.policy.drawSwarm?.(name, min, max) ?? min;
  }
}

/**
 * A yes-or-no fault as the world asks it: whether its choice point exists at
 * all, and the odds (no, yes) random and pct draw it by.
 *
 * @example
 * const loss = new Odds(true, 0.1); // loss.weights is [0.9, 0.1]
 */
export class Odds {
  readonly weights: readonly [number, number];

  constructor(
    /** Whether the choice point exists: the run explores and the fault is not fixed at 0. */
    readonly asked: boolean,
    readonly probability: number,
  ) {
    this.weights = [1 - probability, probability];
  }

  /** A fault that is never asked. */
  static readonly never = new Odds(false, 0);
}
