import type { InterleaveOutcome } from './adapter.js';

/**
 * W2's bookkeeping, shared by every adapter so the check is the same: each
 * task counts its yields in `progress`, and the first to finish records the
 * least progress of any task at that moment. If yields really hand the turn
 * round, every task has done at least `yields - 1` by then.
 */
export class InterleaveTracker {
  readonly progress: Int32Array;
  private minAtFirstFinish = -1;

  constructor(tasks: number) {
    this.progress = new Int32Array(tasks);
  }

  /** Task `index` has done all its yields. */
  finished(): void {
    if (this.minAtFirstFinish >= 0) return;
    let least = Infinity;
    for (const each of this.progress) if (each < least) least = each;
    this.minAtFirstFinish = least;
  }

  outcome(joinedSum: number): InterleaveOutcome {
    let yields = 0;
    for (const each of this.progress) yields += each;
    return { joinedSum, yields, minProgressAtFirstFinish: this.minAtFirstFinish };
  }
}
