import type { LoopTask } from '../../loop/loop.js';
import type { SchedulingPolicy } from '../../loop/policy.js';
import { isCancelTarget } from './cancel-target.js';
import type { ChoiceKind, Chooser } from './chooser.js';

/** Told of every choice as it is made (the trace records the non-zero ones). */
export type ChoiceListener = (kind: ChoiceKind, chosen: number, count: number, task: LoopTask | null) => void;

/**
 * The scheduling policy of an exploration run: it asks a Chooser at every
 * choice point and writes down the answer, so the run's schedule is exactly
 * `choices`. Choice points are a ready queue with two or more callbacks left,
 * two or more timers due at one instant, and, when a cancel target is set,
 * every resumption of a target task (choice 1 injects `cancel()` there).
 *
 * An answer beyond the last candidate means the last one: a schedule written
 * for another run (shrinking, a fast-check arbitrary) still replays, and what
 * is recorded is the choice actually taken.
 *
 * @example
 * const policy = new RecordingPolicy(new RandomChooser(Prng.forRun(1, 5), 0), null);
 * run(main(), { policy });
 * formatSchedule({ choices: policy.choices, cancel: null });
 */
export class RecordingPolicy implements SchedulingPolicy {
  readonly name: string;
  /** The choice made at each choice point, in order. */
  readonly choices: number[] = [];
  /** What each choice point was. */
  readonly kinds: ChoiceKind[] = [];
  /** How many candidates each choice point had. */
  readonly counts: number[] = [];
  /** How many cancellation points the run has met. */
  cancelPoints = 0;

  constructor(
    private readonly chooser: Chooser,
    /** A task name, `*` for all but main, or null: see isCancelTarget. */
    readonly cancelTarget: string | null,
    private readonly listener: ChoiceListener | null = null,
  ) {
    this.name = chooser.name;
  }

  chooseReady(count: number): number {
    return this.record('ready', count, this.chooser.chooseReady(count), null);
  }

  chooseTimer(count: number): number {
    return this.record('timer', count, this.chooser.chooseTimer(count), null);
  }

  cancelAtResumption(task: LoopTask): boolean {
    if (!isCancelTarget(this.cancelTarget, task)) return false;
    const inject = this.chooser.injectCancel(task, this.cancelPoints++);
    return this.record('cancel', 2, inject ? 1 : 0, task) === 1;
  }

  private record(kind: ChoiceKind, count: number, answer: number, task: LoopTask | null): number {
    if (!Number.isSafeInteger(answer) || answer < 0) {
      throw new RangeError(`chooser ${this.chooser.name} answered ${answer} at a ${kind} choice of ${count}`);
    }
    const chosen = Math.min(answer, count - 1);
    this.choices.push(chosen);
    this.kinds.push(kind);
    this.counts.push(count);
    if (chosen !== 0) this.listener?.(kind, chosen, count, task);
    return chosen;
  }
}
