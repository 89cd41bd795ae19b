import type { RunRecord } from '../execute.js';
import { CHOICE_STREAMS } from './streams.js';

/** A world choice point with more alternatives than this (a random seed, say) is never branched on. */
export const MAX_BRANCHED_ALTERNATIVES = 64;

/**
 * What a schedule of the exhaustive search may hold: at most `preemptions`
 * ready or timer choices other than 0, `cancels` injected cancels, `faults`
 * world choices other than 0, and `total` choices other than 0 of any kind.
 *
 * @example
 * const bounds: SearchBounds = { preemptions: 2, cancels: 1, faults: 0, total: Infinity }; // explore's
 */
export interface SearchBounds {
  readonly preemptions: number;
  readonly cancels: number;
  readonly faults: number;
  readonly total: number;
}

/** One choice point of a run, in the order the run met them across streams: its stream, kind, alternatives, the choice taken, and its place in its stream. */
export interface ChoicePoint {
  readonly stream: number;
  readonly kind: string;
  readonly count: number;
  readonly chosen: number;
  readonly at: number;
}

/** A schedule prefix, one list per stream: replayed, then 0 everywhere. */
export type Prefix = number[][];

/**
 * The `exhaustive` policy's walk: depth-first over every schedule within
 * bounds. Each run replays a prefix of choices and then takes choice 0
 * everywhere; from what the run met, the next prefix is the last choice
 * point that still has an untried alternative the bounds allow. It holds no
 * state: a walk is the sequence first, next(run 0), next(run 1), ...
 *
 * The walk splits into branches: branch i is the subtree below the i-th
 * alternative the FIFO run offers (see branches), walked by next(record,
 * point) without backtracking to or above that point. Walking the branches
 * in order after the FIFO run makes exactly the runs of the whole walk, in
 * the same order, which is how workers and shards share one search.
 *
 * A simulated world's choice points with more than MAX_BRANCHED_ALTERNATIVES
 * alternatives (such as random seeds) are never branched on.
 *
 * @example
 * const search = new ExhaustiveSearch({ preemptions: 2, cancels: 1, faults: 0, total: Infinity });
 * for (let prefix = search.first(); prefix !== null; prefix = search.next(executeRun(...))) {}
 */
export class ExhaustiveSearch {
  readonly bounds: SearchBounds;

  constructor(bounds: SearchBounds) {
    for (const [name, value] of Object.entries(bounds)) {
      if (!(value === Infinity || (Number.isSafeInteger(value) && value >= 0))) {
        throw new RangeError(`the search's ${name} bound must be a non-negative integer, got ${value}`);
      }
    }
    this.bounds = { ...bounds };
  }

  /** The first run's prefix: none, which is the FIFO, fault-free run. */
  first(): Prefix {
    return CHOICE_STREAMS.map(() => []);
  }

  /**
   * The prefix of the run after `record`, or null when the walk is over.
   * With `floor`, the walk of one branch: points at or before it are fixed.
   */
  next(record: RunRecord, floor = -1): Prefix | null {
    const points = pointsOf(record);
    const allowed = this.alternativesAllowed(points);
    for (let j = points.length - 1; j > floor; j--) {
      const point = points[j] as ChoicePoint;
      if (point.chosen + 1 < point.count && allowed[j] === true) return prefixOf(points, j, point.chosen + 1);
    }
    return null;
  }

  /** The branches below the FIFO run `first`, in walk order: the point each hangs from, and its first prefix. */
  branches(first: RunRecord): Array<{ readonly point: number; readonly prefix: Prefix }> {
    const points = pointsOf(first);
    const allowed = this.alternativesAllowed(points);
    const branches: Array<{ point: number; prefix: Prefix }> = [];
    for (let j = points.length - 1; j >= 0; j--) {
      const point = points[j] as ChoicePoint;
      if (point.chosen !== 0) throw new RangeError('branches hang from the FIFO run: it has a choice other than 0');
      if (allowed[j] !== true) continue;
      for (let alternative = 1; alternative < point.count; alternative++) branches.push({ point: j, prefix: prefixOf(points, j, alternative) });
    }
    return branches;
  }

  /**
   * Whether the search left out an alternative at some choice point of the
   * run: a bound forbade it, or the search never branches there (a world's
   * fault with no fault bound, or a choice among more than
   * MAX_BRANCHED_ALTERNATIVES, such as a random seed), so that a walk of
   * such runs covers less than the whole space.
   */
  boundCut(record: RunRecord): boolean {
    const points = pointsOf(record);
    const allowed = this.alternativesAllowed(points);
    return points.some((point, j) => point.chosen === 0 && point.count > 1 && (allowed[j] === 'bound' || (point.stream > 0 && allowed[j] === false)));
  }

  /** Whether the run met a world choice point the search never branches on for its many alternatives (a random seed, say). */
  unbranched(record: RunRecord): boolean {
    return pointsOf(record).some((point) => point.stream > 0 && point.count > MAX_BRANCHED_ALTERNATIVES);
  }

  /**
   * For each point, whether the search may try its next alternative: true,
   * 'bound' when a bound forbids a first choice other than 0 there, or false
   * when the point is never branched on (the world without a fault bound,
   * or with too many alternatives).
   */
  private alternativesAllowed(points: readonly ChoicePoint[]): Array<boolean | 'bound'> {
    const { preemptions, cancels, faults, total } = this.bounds;
    const used = { preemptions: 0, cancels: 0, faults: 0, total: 0 };
    return points.map((point) => {
      const isWorld = point.stream > 0;
      const isCancel = !isWorld && point.kind === 'cancel';
      let verdict: boolean | 'bound' = true;
      if (isWorld && (faults === 0 || point.count > MAX_BRANCHED_ALTERNATIVES)) verdict = false;
      else if (point.chosen === 0) {
        const over = isWorld ? used.faults >= faults : isCancel ? used.cancels >= cancels : used.preemptions >= preemptions;
        // The cancel limit is the policy's own (one cancel a run), not a bound that leaves schedules out.
        if (over) verdict = isCancel ? false : 'bound';
        else if (used.total >= total) verdict = 'bound';
      }
      if (point.chosen !== 0) {
        used.total++;
        if (isWorld) used.faults++;
        else if (isCancel) used.cancels++;
        else used.preemptions++;
      }
      return verdict;
    });
  }
}

/** The run's choice points in the order it met them, across streams. */
export function pointsOf(record: RunRecord): ChoicePoint[] {
  const cursors = CHOICE_STREAMS.map(() => 0);
  return record.order.map((stream) => {
    const log = record.logs[stream];
    const at = cursors[stream] as number;
    cursors[stream] = at + 1;
    return { stream, kind: log?.kinds[at] ?? '', count: log?.counts[at] ?? 1, chosen: log?.choices[at] ?? 0, at };
  });
}

/** The choices of points before `j`, then `alternative` at `j`, split by stream. */
function prefixOf(points: readonly ChoicePoint[], j: number, alternative: number): Prefix {
  const streams = CHOICE_STREAMS.map((): number[] => []);
  for (let k = 0; k < j; k++) {
    const point = points[k] as ChoicePoint;
    (streams[point.stream] as number[]).push(point.chosen);
  }
  (streams[(points[j] as ChoicePoint).stream] as number[]).push(alternative);
  return streams;
}
