import { FIFO_CHOOSER } from './choices/chooser.js';
import { executeRun, type RunRecord } from './execute.js';
import type { Failure } from './report/failure.js';
import { chooserFor, type ExplorePlan, type ProbeStats } from './choices/plan.js';
import type { Invariant } from './report/run-monitor.js';
import type { Subject } from './subject.js';
import type { StreamChoices } from './choices/streams.js';

/** A failing run: its index in the exploration, the choices it took (one list per stream), how it failed. */
export interface Finding {
  readonly runIndex: number;
  readonly streams: StreamChoices;
  readonly failure: Failure;
  /** The swarm parameters the run drew. */
  readonly swarm: Readonly<Record<string, number>>;
}

/** The finding of a failed run. */
export function findingOf(runIndex: number, record: RunRecord): Finding {
  if (record.failure === null) throw new RangeError(`run ${runIndex} did not fail`);
  return { runIndex, streams: record.streams, failure: record.failure, swarm: record.swarm };
}

/** Called after each run, for progress and for collecting. */
export type RunObserver = (runIndex: number, record: RunRecord) => void;

/** One run of a plan, traced or not. */
export function runPlanned(subject: Subject, plan: ExplorePlan, invariant: Invariant | null, runIndex: number, stats: ProbeStats): RunRecord {
  return executeRun(subject, chooserFor(plan, runIndex, stats), plan.cancel, { ...plan.checks, invariant }, false);
}

/** Run 0: the FIFO run, which also measures the program for the seeded runs. */
export function probe(subject: Subject, plan: ExplorePlan, invariant: Invariant | null): { record: RunRecord; stats: ProbeStats } {
  const record = executeRun(subject, FIFO_CHOOSER, plan.cancel, { ...plan.checks, invariant }, false);
  return { record, stats: { steps: record.steps, tasks: record.tasks, cancelPoints: record.cancelPoints } };
}

/**
 * Makes the sampled runs `indices` (ascending) of a random or pct plan and
 * returns the failing ones; with stopOnFailure, stops at the first.
 * `shouldStop(index)` lets parallel workers give up on indices above a
 * failure another worker already found.
 */
export function sampleRuns(
  subject: Subject,
  plan: ExplorePlan,
  invariant: Invariant | null,
  stats: ProbeStats,
  indices: Iterable<number>,
  observe: RunObserver | null = null,
  shouldStop: (runIndex: number) => boolean = () => false,
): Finding[] {
  const findings: Finding[] = [];
  for (const runIndex of indices) {
    if (shouldStop(runIndex)) break;
    const record = runPlanned(subject, plan, invariant, runIndex, stats);
    observe?.(runIndex, record);
    if (record.failure !== null) {
      findings.push(findingOf(runIndex, record));
      if (plan.stopOnFailure) break;
    }
  }
  return findings;
}
