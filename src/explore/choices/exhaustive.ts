import type { RunRecord } from '../execute.js';

/**
 * The `exhaustive` policy: a depth-first search over every schedule, with a
 * preemption bound. Each run replays a prefix of choices and then takes
 * choice 0 everywhere; from what the run met, the next prefix is the last
 * choice point that still has an untried alternative. A non-zero ready or
 * timer choice is a preemption, and a schedule may hold at most `preemptions`
 * of them; a cancellation point may inject at most one cancel per run, so
 * every resumption of the target gets its turn.
 *
 * The search is complete when no untried alternative is left: every schedule
 * within the bound ran. `boundReached` says whether the bound cut off any.
 *
 * @example
 * const search = new ExhaustiveSearch(2);
 * for (let prefix = search.first(); prefix !== null; prefix = search.next(executeRun(...))) {}
 * search.complete; // true when the space was covered
 */
export class ExhaustiveSearch {
  /** True once every schedule within the bound has run. */
  complete = false;
  /** True when the preemption bound left some schedule out. */
  boundReached = false;

  constructor(readonly preemptions: number) {
    if (!Number.isInteger(preemptions) || preemptions < 0) {
      throw new RangeError(`the preemption bound must be a non-negative integer, got ${preemptions}`);
    }
  }

  /** The first run's prefix: none, which is the FIFO run. */
  first(): number[] {
    return [];
  }

  /** The prefix of the run after `record`, or null when the search is over. */
  next(record: RunRecord): number[] | null {
    const { choices, kinds, counts } = record;
    const preemptionsBefore: number[] = [];
    const cancelBefore: boolean[] = [];
    let preemptions = 0;
    let cancelled = false;
    for (let j = 0; j < choices.length; j++) {
      preemptionsBefore.push(preemptions);
      cancelBefore.push(cancelled);
      if (choices[j] !== 0 && kinds[j] === 'cancel') cancelled = true;
      else if (choices[j] !== 0) preemptions++;
    }
    for (let j = choices.length - 1; j >= 0; j--) {
      const alternative = (choices[j] as number) + 1;
      if (alternative >= (counts[j] as number)) continue;
      if (kinds[j] === 'cancel') {
        if (cancelBefore[j] === true) continue;
      } else if (choices[j] === 0 && (preemptionsBefore[j] as number) + 1 > this.preemptions) {
        this.boundReached = true;
        continue;
      }
      return [...choices.slice(0, j), alternative];
    }
    this.complete = true;
    return null;
  }
}
