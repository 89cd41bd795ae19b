import type { RunRecord } from '../execute.js';
import { ExhaustiveSearch, type Prefix } from '../choices/exhaustive.js';

/** What a bounded search found: the first run it accepted (or null), the runs it made, and whether it covered its space. */
export interface BoundedSearchOutcome {
  readonly found: RunRecord | null;
  readonly runs: number;
  /**
   * Every schedule with at most `nonZero` choices other than 0 ran (and none
   * was accepted); false when `nonZero` is 1 or more and a run met a choice
   * point the search never branches on (a random seed: the other seeds were
   * not tried).
   */
  readonly complete: boolean;
}

/**
 * Depth-first over every schedule with at most `nonZero` choices other than
 * 0, of any stream and kind, until `accept` takes a run or `maxRuns` runs
 * are made. Shrinking asks it whether a failure needs as many choices as it
 * has; the zoo's minimums come from it, bound after bound.
 *
 * @example
 * const { found } = searchBounded((prefix) => executeRun(subject, new ScriptedChooser(prefix), null, {}, false), 1, 10_000, (run) => run.failure !== null);
 */
export function searchBounded(run: (prefix: Prefix) => RunRecord, nonZero: number, maxRuns: number, accept: (record: RunRecord) => boolean): BoundedSearchOutcome {
  const search = new ExhaustiveSearch({ preemptions: nonZero, cancels: nonZero, faults: nonZero, total: nonZero });
  let runs = 0;
  let whole = true;
  for (let prefix: Prefix | null = search.first(); prefix !== null; ) {
    if (runs >= maxRuns) return { found: null, runs, complete: false };
    const record = run(prefix);
    runs++;
    if (accept(record)) return { found: record, runs, complete: false };
    whole &&= nonZero === 0 || !search.unbranched(record); // with no choice allowed, the seed too stays 0
    prefix = search.next(record);
  }
  return { found: null, runs, complete: whole };
}

/**
 * The fewest choices other than 0 with which a run is accepted, searching
 * bound 0, 1, 2, ... up to `maxNonZero`, each bound within `maxRuns` runs.
 * `minimum` is exact when every lower bound's search was complete.
 *
 * @example
 * minimumNonZero(runOf(main), 4, 100_000, (run) => run.failure !== null); // { minimum: 2, exact: true, found: ..., runs: 5012 }
 */
export function minimumNonZero(
  run: (prefix: Prefix) => RunRecord,
  maxNonZero: number,
  maxRuns: number,
  accept: (record: RunRecord) => boolean,
): { minimum: number | null; exact: boolean; found: RunRecord | null; runs: number } {
  let exact = true;
  let runs = 0;
  for (let bound = 0; bound <= maxNonZero; bound++) {
    const outcome = searchBounded(run, bound, maxRuns, accept);
    runs += outcome.runs;
    if (outcome.found !== null) return { minimum: bound, exact, found: outcome.found, runs };
    exact &&= outcome.complete;
  }
  return { minimum: null, exact, found: null, runs };
}
