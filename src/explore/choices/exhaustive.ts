import type { RunRecord } from '../execute.js';
import { CHOICE_STREAMS } from './streams.js';

/** A world choice point with more alternatives than this (a random seed, say) is never branched on. */
export const MAX_BRANCHED_ALTERNATIVES = 64;

/** One choice point of a run, in the order the run met them across streams. */
interface Point {
  readonly stream: number;
  readonly kind: string;
  readonly count: number;
  readonly chosen: number;
}

/**
 * The `exhaustive` policy: a depth-first search over every schedule, with a
 * preemption bound. Each run replays a prefix of choices and then takes
 * choice 0 everywhere; from what the run met, the next prefix is the last
 * choice point that still has an untried alternative. A non-zero ready or
 * timer choice is a preemption, and a schedule may hold at most `preemptions`
 * of them; a cancellation point may inject at most one cancel per run, so
 * every resumption of the target gets its turn.
 *
 * A simulated world's choices stay at 0 (no fault) unless `faults` is above
 * 0: then they are branched on too, and a schedule may hold at most `faults`
 * world choices other than 0 (choice points with more than
 * MAX_BRANCHED_ALTERNATIVES alternatives, such as random seeds, excepted).
 *
 * The search is complete when no untried alternative is left: every schedule
 * within the bounds ran. `boundReached` says whether a bound cut off any.
 *
 * @example
 * const search = new ExhaustiveSearch(2);
 * for (let prefix = search.first(); prefix !== null; prefix = search.next(executeRun(...))) {}
 * search.complete; // true when the space was covered
 */
export class ExhaustiveSearch {
  /** True once every schedule within the bounds has run. */
  complete = false;
  /** True when a bound left some schedule out. */
  boundReached = false;

  constructor(
    readonly preemptions: number,
    readonly faults = 0,
  ) {
    if (!Number.isInteger(preemptions) || preemptions < 0) {
      throw new RangeError(`the preemption bound must be a non-negative integer, got ${preemptions}`);
    }
    if (!Number.isInteger(faults) || faults < 0) throw new RangeError(`the fault bound must be a non-negative integer, got ${faults}`);
  }

  /** The first run's prefix: none, which is the FIFO, fault-free run. */
  first(): number[][] {
    return CHOICE_STREAMS.map(() => []);
  }

  /** The prefix (one list per stream) of the run after `record`, or null when the search is over. */
  next(record: RunRecord): number[][] | null {
    const points = pointsOf(record);
    const preemptionsBefore: number[] = [];
    const faultsBefore: number[] = [];
    const cancelBefore: boolean[] = [];
    let preemptions = 0;
    let faults = 0;
    let cancelled = false;
    for (const point of points) {
      preemptionsBefore.push(preemptions);
      faultsBefore.push(faults);
      cancelBefore.push(cancelled);
      if (point.chosen === 0) continue;
      if (point.stream > 0) faults++;
      else if (point.kind === 'cancel') cancelled = true;
      else preemptions++;
    }
    for (let j = points.length - 1; j >= 0; j--) {
      const point = points[j] as Point;
      const alternative = point.chosen + 1;
      if (alternative >= point.count) continue;
      if (point.stream > 0) {
        if (this.faults === 0 || point.count > MAX_BRANCHED_ALTERNATIVES) continue;
        if (point.chosen === 0 && (faultsBefore[j] as number) + 1 > this.faults) {
          this.boundReached = true;
          continue;
        }
      } else if (point.kind === 'cancel') {
        if (cancelBefore[j] === true) continue;
      } else if (point.chosen === 0 && (preemptionsBefore[j] as number) + 1 > this.preemptions) {
        this.boundReached = true;
        continue;
      }
      return prefixOf(points, j, alternative);
    }
    this.complete = true;
    return null;
  }
}

/** The run's choice points in the order it met them, across streams. */
function pointsOf(record: RunRecord): Point[] {
  const cursors = CHOICE_STREAMS.map(() => 0);
  return record.order.map((stream) => {
    const log = record.logs[stream];
    const at = cursors[stream] as number;
    cursors[stream] = at + 1;
    return { stream, kind: log?.kinds[at] ?? '', count: log?.counts[at] ?? 1, chosen: log?.choices[at] ?? 0 };
  });
}

/** The choices of points before `j`, then `alternative` at `j`, split by stream. */
function prefixOf(points: readonly Point[], j: number, alternative: number): number[][] {
  const streams = CHOICE_STREAMS.map((): number[] => []);
  for (let k = 0; k < j; k++) {
    const point = points[k] as Point;
    (streams[point.stream] as number[]).push(point.chosen);
  }
  (streams[(points[j] as Point).stream] as number[]).push(alternative);
  return streams;
}
