import type { RunRecord } from '../execute.js';
import type { Chooser } from '../choices/chooser.js';
import { ScriptedChooser } from '../choices/scripted.js';
import { GuidedChooser } from './guided.js';
import { NameRecorder } from './name-recorder.js';
import type { GuidePlan, RunNames } from './names.js';
import { countNonZero, sameChoices, trimChoices } from '../choices/schedule.js';
import { streamIndex, type StreamChoices } from '../choices/streams.js';
import { searchBounded } from './bounded-search.js';
import { measureOf, smaller, type Measure } from './measure.js';
import { REMOVING_PASSES, SHRINK_PASSES, type ShrinkPass } from './passes.js';
import { singleFault } from './single-fault.js';

/**
 * What shrinking works on: a way to run a candidate schedule (one list per
 * stream) and to tell whether its run fails the same way as the original.
 *
 * @example
 * const target: ShrinkTarget = {
 *   run: (chooser) => executeRun(subject, chooser, cancel, checks, false),
 *   failsSameWay: (record) => record.failure !== null && sameFailure(record.failure, original),
 * };
 */
export interface ShrinkTarget {
  run(chooser: Chooser): RunRecord;
  failsSameWay(record: RunRecord): boolean;
}

/** The bounds of a shrink. */
export interface ShrinkOptions {
  /** The most runs shrinking may make in all (default DEFAULT_SHRINK_RUNS). */
  readonly budget?: number;
  /** The most runs the search for a schedule with fewer choices may make (default DEFAULT_SEARCH_RUNS). */
  readonly searchRuns?: number;
}

/** What shrinking ended with. */
export interface ShrinkOutcome {
  /** The shrunk schedule, one list per stream, without trailing zeros. */
  readonly streams: number[][];
  /** Candidate runs it made. */
  readonly runs: number;
  /** Whether it stopped at a local minimum (else the budget ran out). */
  readonly minimal: boolean;
  /**
   * Whether a complete search showed that no schedule with fewer choices
   * other than 0 fails the same way (searched when the shrunk one has at
   * most SEARCH_BELOW of them).
   */
  readonly fewestProven: boolean;
}

export const DEFAULT_SHRINK_RUNS = 20_000;
export const DEFAULT_SEARCH_RUNS = 10_000;
/** The exhaustive search for fewer choices runs when the shrunk schedule has at most this many. */
export const SEARCH_BELOW = 3;

/**
 * The streams shrinking holds as they are while it first removes faults
 * (see shrinkChoices): `random`, whose one choice (the seed of every host's
 * random()) shapes the whole run's inputs. Set to 0 early, it swaps the
 * workload the faults acted on for another, and the faults that made the
 * failure then have to be rebuilt from many coincidences: the failure
 * stays, but as a local minimum far bigger than the one reached by removing
 * faults from the workload that failed. Once the faults are few, the seed
 * is shrunk too.
 */
const HELD_FIRST: ReadonlySet<number> = new Set([streamIndex('random')]);
const HELD_NONE: ReadonlySet<number> = new Set();

/** A candidate: a schedule (one list per stream), or a plan that makes choices by who runs (see GuidedChooser). */
export type Candidate = StreamChoices | GuidePlan;

/** A run of a candidate that failed the same way: its record and what it did by name. */
export interface FailingRun {
  readonly record: RunRecord;
  readonly names: RunNames;
}

/** The shrinker's state, which the passes read and improve. */
export interface ShrinkState {
  /** The best schedule so far, trimmed. */
  readonly streams: number[][];
  /** Its run (which recorded each stream's choice points). */
  readonly record: RunRecord;
  /** What its run did, by name. */
  readonly names: RunNames;
  readonly measure: Measure;
  /** The streams (by index) the passes leave as they are in this phase: a run that changes one of them is never the best. */
  readonly held: ReadonlySet<number>;
  /**
   * Runs `candidate`; when it fails the same way and is smaller than the
   * best, it becomes the best, and true is returned. False once the budget is spent.
   */
  attempt(candidate: Candidate): boolean;
  /** Runs `candidate` and returns its run, failing or not (a run of the budget all the same). */
  run(candidate: Candidate): RunRecord;
  /** How many choices other than 0 the best has in `streams` (by index). */
  nonZeroIn(streams: ReadonlySet<number>): number;
  /** Runs `candidate` and returns its run when it fails the same way, without making it the best; null otherwise. */
  probe(candidate: Candidate): FailingRun | null;
  /** Whether the budget is spent. */
  readonly exhausted: boolean;
}

/**
 * Shrinks a failing schedule to a local minimum: fewest choices other than 0
 * (across every stream: scheduling choices and a world's faults alike),
 * then smallest values, then earliest positions; each accepted candidate is
 * replaced by the choices its run actually took, so what comes out replays
 * exactly and fails the same way. First the passes that remove departures
 * (REMOVING_PASSES) run with the run's inputs held (HELD_FIRST); then,
 * from a best with two faults or more, a fault alone on the run without
 * faults is tried (see singleFault); then every pass (SHRINK_PASSES), with
 * every stream free, repeats until none finds a smaller schedule, that is
 * until no single change keeps the failure. Then, when at most
 * SEARCH_BELOW choices are left, a bounded exhaustive search looks for a
 * schedule with fewer, and shrinking goes on from one it finds.
 *
 * @example
 * shrinkChoices(finding.streams, target).streams; // e.g. [[0, 0, 1], [0, 1]]
 */
export function shrinkChoices(original: StreamChoices, target: ShrinkTarget, options: ShrinkOptions = {}): ShrinkOutcome {
  const budget = options.budget ?? DEFAULT_SHRINK_RUNS;
  const state = new State(original, target, budget);
  if (state.nonZeroIn(HELD_FIRST) > 0) {
    state.held = HELD_FIRST;
    runPasses(state, REMOVING_PASSES);
  }
  if (!state.exhausted) singleFault(state);
  state.held = HELD_NONE;
  runPasses(state, SHRINK_PASSES);
  for (;;) {
    if (state.measure.nonZero === 0) return state.outcome(true);
    if (state.exhausted || state.measure.nonZero > SEARCH_BELOW) return state.outcome(false);
    const allowed = Math.min(options.searchRuns ?? DEFAULT_SEARCH_RUNS, budget - state.runs);
    const search = searchBounded((prefix) => state.run(prefix), state.measure.nonZero - 1, allowed, (record) => target.failsSameWay(record));
    if (search.found === null || !state.adopt(state.named(search.found))) return state.outcome(search.complete);
    runPasses(state, SHRINK_PASSES);
  }
}

/** Runs `passes` in turn until none improves the best (each returns true when it did: the round starts again) or the budget is spent. */
function runPasses(state: State, passes: readonly ShrinkPass[]): void {
  while (!state.exhausted && passes.some((pass) => pass(state))) {
    // Improved: start the round again.
  }
}

class State implements ShrinkState {
  streams: number[][];
  record: RunRecord;
  names: RunNames;
  measure: Measure;
  held = HELD_NONE;
  runs = 0;

  constructor(
    original: StreamChoices,
    private readonly target: ShrinkTarget,
    private readonly budget: number,
  ) {
    this.streams = original.map(trimChoices);
    const named = this.runCounted(this.streams);
    this.record = named.record;
    this.names = named.names;
    this.measure = measureOf(this.streams);
  }

  get exhausted(): boolean {
    return this.runs >= this.budget;
  }

  runCounted(candidate: Candidate): FailingRun {
    this.runs++;
    const recorder = new NameRecorder(isPlan(candidate) ? new GuidedChooser(candidate) : new ScriptedChooser(candidate));
    return { record: this.target.run(recorder), names: recorder.names };
  }

  run(candidate: Candidate): RunRecord {
    return this.runCounted(candidate).record;
  }

  /** A run of the bounded search, run again to learn its names (one more run). */
  named(record: RunRecord): FailingRun {
    return this.runCounted(record.streams);
  }

  probe(candidate: Candidate): FailingRun | null {
    if (this.exhausted) return null;
    const run = this.runCounted(candidate);
    return this.target.failsSameWay(run.record) ? run : null;
  }

  attempt(candidate: Candidate): boolean {
    const run = this.probe(candidate);
    return run !== null && this.adopt(run);
  }

  /** Makes a failing run the best if it is smaller. */
  adopt(run: FailingRun): boolean {
    const streams = run.record.streams.map(trimChoices);
    const measure = measureOf(streams);
    if (!smaller(measure, this.measure) || !this.keepsHeld(streams)) return false;
    this.streams = streams;
    this.record = run.record;
    this.names = run.names;
    this.measure = measure;
    return true;
  }

  /** How many choices other than 0 the best has in `streams`. */
  nonZeroIn(streams: ReadonlySet<number>): number {
    let count = 0;
    for (const stream of streams) count += countNonZero(this.streams[stream] ?? []);
    return count;
  }

  outcome(fewestProven: boolean): ShrinkOutcome {
    return { streams: this.streams, runs: this.runs, minimal: !this.exhausted, fewestProven };
  }

  /** Whether `streams` has the best's choices in every held stream. */
  private keepsHeld(streams: StreamChoices): boolean {
    for (const stream of this.held) if (!sameChoices(streams[stream] ?? [], this.streams[stream] ?? [])) return false;
    return true;
  }
}

function isPlan(candidate: Candidate): candidate is GuidePlan {
  return !Array.isArray(candidate);
}
