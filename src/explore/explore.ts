import type { RunRecord } from './execute.js';
import { analyzeFinding, type FailureReport } from './report/failure-report.js';
import { pctBound } from './choices/pct.js';
import { makePlan, type ExplorePlan, type PlanOptions, type PolicyName, type ProbeStats } from './choices/plan.js';
import type { Invariant } from './report/run-monitor.js';
import { fingerprintOf, type FreshReplay } from './report/self-check.js';
import { findingOf, probe, sampleRuns, type Finding } from './search.js';
import { exhaustiveRuns, type ExhaustiveShare } from './exhaustive-walk.js';
import { inShard, shardRuns, shardRunsThrough, type Shard } from './choices/shard.js';
import { programSubject, type Main, type Subject } from './subject.js';

/**
 * How far an exploration has got, for a progress bar.
 *
 * @example
 * explore(main, { runs: 5_000, onProgress: ({ done, total, failures }) => console.log(`${done}/${total}, ${failures} failed`) });
 */
export interface Progress {
  readonly done: number;
  readonly total: number;
  readonly failures: number;
}

/**
 * The options of explore(): see each field.
 *
 * @example
 * const options: ExploreOptions = { policy: 'pct', runs: 500, seed: 7, invariant: () => account.balance >= 0 };
 * explore(main, options);
 */
export interface ExploreOptions extends PlanOptions {
  /** A property of the program's state that must always hold (false or a throw breaks it). */
  invariant?: Invariant | null;
  /** Run every failing schedule twice and compare the traces (default true). */
  selfCheck?: boolean;
  /** Shrink the failing schedule (default true). */
  shrink?: boolean;
  /** The most runs shrinking may make (see DEFAULT_SHRINK_RUNS). */
  shrinkRuns?: number;
  /**
   * Replays a schedule in a fresh copy of the program, for the self-check's
   * test for state leaking between runs. exploreFile sets it (a new worker
   * thread loads the file anew); a harness with its own way to start afresh may too.
   */
  freshReplay?: FreshReplay | null;
  /** Called after every run. */
  onProgress?: (progress: Progress) => void;
}

/**
 * What the exhaustive search covered.
 *
 * @example
 * const { coverage } = explore(main, { policy: 'exhaustive', preemptions: 2 });
 * if (coverage?.complete) console.log(`all ${coverage.schedules} schedules within 2 preemptions pass`);
 */
export interface Coverage {
  /** Every schedule within the preemption bound ran. */
  readonly complete: boolean;
  /** The preemption bound left some schedules out. */
  readonly boundReached: boolean;
  readonly schedules: number;
}

/**
 * PCT's probabilistic guarantee for this exploration (see pctBound).
 *
 * @example
 * const { pct } = explore(main, { policy: 'pct', runs: 1_000, depth: 2 });
 * console.log(`a depth-2 bug escapes all runs with probability <= ${pct?.missAfterRuns}`);
 */
export interface PctGuarantee {
  readonly tasks: number;
  readonly steps: number;
  readonly depth: number;
  /** Lower bound on finding a given depth-d bug in one run: 1/(n·k^(d-1)). */
  readonly perRun: number;
  /** Upper bound on every pct run so far missing it. */
  readonly missAfterRuns: number;
  /** The pct runs made (run 0 is the FIFO run). */
  readonly runs: number;
}

/**
 * What explore() found.
 *
 * @example
 * const result = explore(main, { runs: 200 });
 * if (result.failure !== null) console.log(result.failure.replayLine); // replay(main, "v1;...")
 */
export interface ExploreResult {
  readonly plan: ExplorePlan;
  readonly subject: string;
  /** Runs the exploration needed: up to and including the first failure, or all of them. */
  readonly runs: number;
  /** Indices of the failing runs (only the first when stopping on failure). */
  readonly failingRuns: readonly number[];
  /** The first failing run, checked, shrunk and traced; null when every run passed. */
  readonly failure: FailureReport | null;
  /** What the FIFO run measured. */
  readonly probe: ProbeStats;
  readonly coverage: Coverage | null;
  readonly pct: PctGuarantee | null;
  /** Whether an invariant was given (the replay line then needs it). */
  readonly hasInvariant: boolean;
  /**
   * A shard's share of an exhaustive search, which mergeResults needs to
   * give the shards' findings their depth-first indices; null otherwise.
   * In a shard's result, run indices count the shard's own runs.
   */
  readonly exhaustive: ExhaustiveShare | null;
  /** Whether the time budget (timeMs) ran out before the runs did. */
  readonly timedOut: boolean;
}

/**
 * Runs `main` under many schedules and reports the first that fails, shrunk
 * to a minimal schedule with its trace and a line that replays it. `main` is
 * the generator function itself, called afresh for every run.
 *
 * Run 0 is always asyncio's FIFO order; the others follow the policy:
 * `random` and `pct` draw every choice from a generator seeded by (seed, run
 * index), `exhaustive` walks all schedules depth-first. A run fails when main
 * raises, the invariant breaks, it deadlocks or runs out of steps, or (with
 * `unretrievedErrors`) a task's exception is never retrieved.
 *
 * @example
 * const result = explore(main, { policy: 'pct', runs: 500, seed: 7 });
 * if (result.failure) console.log(formatReport(result));
 */
export function explore(main: Main, options: ExploreOptions = {}): ExploreResult {
  return exploreSubject(programSubject(main), options);
}

/**
 * explore() for any subject (a program or a scenario).
 *
 * @example
 * exploreSubject(scenarioSubject(parseScenario(text)), { policy: 'exhaustive' }).coverage;
 */
export function exploreSubject(subject: Subject, options: ExploreOptions = {}): ExploreResult {
  // The check rides with the subject, so every run of every path (probe, sample, exhaustive, shrink, replay) makes it.
  if (options.check !== undefined && options.check !== null) subject = { ...subject, check: options.check };
  const plan = makePlan(options);
  const invariant = options.invariant ?? null;
  const counter = progressCounter(plan, options.onProgress);
  const clock = timeBudget(plan);
  if (plan.policy === 'exhaustive' || plan.policy === 'fifo') {
    const { share, first, summary } = exhaustiveRuns(subject, plan, invariant, counter.observe, clock.up);
    const coverage = { complete: summary.complete, boundReached: summary.boundReached, schedules: summary.runs };
    const exhaustive = plan.shard === null ? null : share;
    return finish(subject, plan, options, statsOf(first), summary.findings, summary.runs, coverage, { fifo: first, exhaustive, timedOut: clock.ran });
  }
  const first = probe(subject, plan, invariant);
  const findings: Finding[] = [];
  if (inShard(plan.shard, 0)) {
    counter.observe(0, first.record);
    if (first.record.failure !== null) findings.push(findingOf(0, first.record));
  }
  if (findings.length === 0 || !plan.stopOnFailure) {
    const rest = withoutFirst(shardRuns(plan.shard, plan.runs));
    findings.push(...sampleRuns(subject, plan, invariant, first.stats, rest, counter.observe, clock.up));
  }
  const runs = clock.ran ? counter.done() : runsNeeded(plan, findings);
  return finish(subject, plan, options, first.stats, findings, runs, null, { fifo: first.record, timedOut: clock.ran });
}

/** The run indices after run 0. */
export function* withoutFirst(indices: Iterable<number>): Generator<number> {
  for (const index of indices) if (index > 0) yield index;
}

/**
 * The time budget of a plan as a predicate checked before every run: true
 * once `plan.timeMs` of wall-clock time has passed (never without a budget).
 * `ran` says whether it ever returned true, that is whether runs were left out.
 */
export function timeBudget(plan: ExplorePlan, deadlineMs: number | null = plan.timeMs === null ? null : Date.now() + plan.timeMs) {
  const clock = {
    ran: false,
    up: (): boolean => {
      if (deadlineMs === null || clock.ran) return clock.ran;
      clock.ran = Date.now() >= deadlineMs;
      return clock.ran;
    },
  };
  return clock;
}

/**
 * The result of an exploration whose runs are done: analyses the first
 * finding and computes the guarantees. Workers end here too, so one worker
 * and many report the same.
 */
export function finish(
  subject: Subject,
  plan: ExplorePlan,
  options: ExploreOptions,
  stats: ProbeStats,
  findings: readonly Finding[],
  runs: number,
  coverage: Coverage | null,
  more: { fifo?: RunRecord; exhaustive?: ExhaustiveShare | null; timedOut?: boolean } = {},
): ExploreResult {
  const sorted = [...findings].sort((a, b) => a.runIndex - b.runIndex);
  const kept = plan.stopOnFailure ? sorted.slice(0, 1) : sorted;
  const first = kept[0];
  const invariant = options.invariant ?? null;
  const failure =
    first === undefined
      ? null
      : analyzeFinding(subject, first, {
          cancel: plan.cancel,
          checks: { ...plan.checks, invariant },
          selfCheck: options.selfCheck ?? true,
          shrink: options.shrink ?? true,
          fifo: more.fifo === undefined ? null : fingerprintOf(more.fifo),
          freshReplay: options.freshReplay ?? null,
          ...(options.shrinkRuns === undefined ? {} : { shrinkRuns: options.shrinkRuns }),
        });
  return {
    plan,
    subject: subject.name,
    runs,
    failingRuns: kept.map((finding) => finding.runIndex),
    failure,
    probe: stats,
    coverage,
    pct: plan.policy === 'pct' ? pctGuarantee(plan, stats, runs) : null,
    hasInvariant: invariant !== null,
    exhaustive: more.exhaustive ?? null,
    timedOut: more.timedOut ?? false,
  };
}

/** Runs needed, the same however the runs were spread: the shard's runs up to the first failure, or all. */
export function runsNeeded(plan: ExplorePlan, findings: readonly Finding[]): number {
  const last = plan.stopOnFailure && findings.length > 0 ? Math.min(...findings.map((f) => f.runIndex)) : plan.runs - 1;
  return shardRunsThrough(plan.shard, last);
}

export function pctGuarantee(plan: ExplorePlan, stats: ProbeStats, runs: number): PctGuarantee {
  const pctRuns = Math.max(0, runs - (inShard(plan.shard, 0) ? 1 : 0));
  const bound = pctBound({ tasks: stats.tasks, steps: stats.steps, depth: plan.depth, runs: pctRuns });
  return { tasks: stats.tasks, steps: stats.steps, depth: plan.depth, perRun: bound.perRun, missAfterRuns: bound.missAfterRuns, runs: pctRuns };
}

function statsOf(record: RunRecord): ProbeStats {
  return { steps: record.steps, tasks: record.tasks, cancelPoints: record.cancelPoints };
}

function progressCounter(plan: ExplorePlan, onProgress: ExploreOptions['onProgress']) {
  let done = 0;
  let failures = 0;
  const total = plan.shard === null ? plan.runs : shardRunsThrough(plan.shard, plan.runs - 1);
  return {
    observe: (_runIndex: number, record: RunRecord): void => {
      done++;
      if (record.failure !== null) failures++;
      onProgress?.({ done, total, failures });
    },
    done: (): number => done,
  };
}

export type { PolicyName, Shard };
