import { combineWalk } from '../exhaustive-combine.js';
import { searchOf, type BranchOutcome } from '../exhaustive-walk.js';
import { exploreSubject, finish, runsNeeded, type ExploreOptions, type ExploreResult } from '../explore.js';
import { loadSubject, type LoadedSubject } from './load-subject.js';
import { makePlan, type ExplorePlan } from '../choices/plan.js';
import { findingOf, probe, type Finding } from '../search.js';
import { inShard, shardBranches, shardRuns, shardRunsThrough } from '../choices/shard.js';
import { NO_FAILURE, runPool, sharedWords } from './pool.js';
import type { WorkerJob } from './jobs.js';
import { freshReplayer } from './fresh-replay.js';

/**
 * The options of `exploreFile`: explore()'s, and how many worker threads share the runs.
 *
 * @example
 * exploreFile('dist/examples/lost-update.js', { policy: 'random', runs: 20_000, workers: 2 });
 */
export interface FileExploreOptions extends ExploreOptions {
  /** Worker threads to spread the runs over (default 1: this thread). */
  workers?: number;
}

/**
 * Explores a file (see loadSubject), on `workers` threads. Seeded runs
 * (random, pct) are dealt out by index: every run's schedule depends only on
 * the seed and its index, workers skip only runs past a failure one of them
 * has found, and the first failing index decides. The exhaustive search is
 * dealt out by branch (see ExhaustiveSearch), each worker taking the next
 * branch when it is free, and put back in walk order. Either way the result
 * is the one a single thread gives. Synchronous: the parent blocks until its
 * workers are done. The determinism self-check replays the failure in a
 * fresh worker too, which catches state that leaks from run to run.
 *
 * @example
 * const result = exploreFile('dist/examples/lost-update.js', { policy: 'pct', runs: 10_000, workers: 4 });
 */
export function exploreFile(file: string, options: FileExploreOptions = {}): ExploreResult {
  const loaded = loadSubject(file);
  const { workers = 1, ...rest } = options;
  const merged: ExploreOptions = { ...loaded.defaults, ...withoutUndefined(rest), invariant: loaded.invariant, freshReplay: freshReplayer(file, loaded) };
  if (!Number.isSafeInteger(workers) || workers < 1) throw new RangeError(`workers must be an integer ≥ 1, got ${workers}`);
  if (workers === 1) return exploreSubject(loaded.subject, merged);
  if (merged.check !== undefined && merged.check !== null) {
    throw new RangeError(`a check given as an option cannot cross to worker threads: export it from ${file} as \`check\` instead`);
  }
  const plan = makePlan(merged);
  if (plan.runs > NO_FAILURE) throw new RangeError(`at most ${NO_FAILURE} runs can be spread over workers`);
  const deadlineMs = plan.timeMs === null ? null : Date.now() + plan.timeMs;
  const parent = { file, loaded, plan, options: merged, workers, deadlineMs, onProgress: options.onProgress };
  return plan.policy === 'exhaustive' || plan.policy === 'fifo' ? walkOnWorkers(parent) : sampleOnWorkers(parent);
}

/** What the parent thread knows of an exploration it spreads over workers. */
interface Parent {
  readonly file: string;
  readonly loaded: LoadedSubject;
  readonly plan: ExplorePlan;
  readonly options: ExploreOptions;
  readonly workers: number;
  readonly deadlineMs: number | null;
  readonly onProgress: ExploreOptions['onProgress'];
}

/** Seeded runs: run 0 here, the others dealt out by index. */
function sampleOnWorkers(parent: Parent): ExploreResult {
  const { loaded, plan } = parent;
  const first = probe(loaded.subject, plan, loaded.invariant);
  const findings: Finding[] = [];
  let timedOut = false;
  const progress = progressOf(parent, shardRunsThrough(plan.shard, plan.runs - 1));
  if (inShard(plan.shard, 0)) {
    progress.count(1, first.record.failure === null ? 0 : 1);
    if (first.record.failure !== null) findings.push(findingOf(0, first.record));
  }
  if (findings.length === 0 || !plan.stopOnFailure) {
    const jobs = Array.from({ length: parent.workers }, (_, worker): WorkerJob => ({
      kind: 'sample',
      file: parent.file,
      options: plainOptions(parent.options),
      stats: first.stats,
      worker,
      workers: parent.workers,
      deadlineMs: parent.deadlineMs,
    }));
    runPool(jobs, sharedWords(), (message) => {
      if (message.type === 'runs') progress.count(message.runs, message.failures);
      else if (message.type === 'sampled') {
        findings.push(...message.findings);
        timedOut ||= message.timedOut;
      }
    });
  }
  const runs = timedOut ? progress.done() : runsNeeded(plan, findings);
  return finish(loaded.subject, plan, parent.options, first.stats, findings, runs, null, { fifo: first.record, timedOut });
}

/** The exhaustive search: run 0 here, its branches dealt out to whichever worker is free, then put back in order. */
function walkOnWorkers(parent: Parent): ExploreResult {
  const { loaded, plan } = parent;
  const first = probe(loaded.subject, plan, loaded.invariant);
  const search = searchOf(plan);
  const progress = progressOf(parent, plan.runs);
  progress.count(1, first.record.failure === null ? 0 : 1);
  const outcomes: BranchOutcome[] = [];
  let timedOut = false;
  const fifoFinding = first.record.failure === null ? null : findingOf(0, first.record);
  if (fifoFinding === null || !plan.stopOnFailure) {
    const job: WorkerJob = { kind: 'walk', file: parent.file, options: plainOptions(parent.options), deadlineMs: parent.deadlineMs };
    runPool(
      Array.from({ length: parent.workers }, () => job),
      sharedWords(),
      (message) => {
        if (message.type === 'runs') progress.count(message.runs, message.failures);
        else if (message.type === 'walked') {
          outcomes.push(...message.outcomes);
          timedOut ||= message.timedOut;
        }
      },
    );
  }
  const share = { branches: search.branches(first.record).length, fifoFinding, fifoBoundCut: search.boundCut(first.record), outcomes };
  const walk = combineWalk([share], plan, shardBranches(plan.shard));
  const coverage = { complete: walk.complete, boundReached: walk.boundReached, schedules: walk.runs };
  return finish(loaded.subject, plan, parent.options, first.stats, walk.findings, walk.runs, coverage, { fifo: first.record, exhaustive: plan.shard === null ? null : share, timedOut });
}

/** Progress as workers report it, passed on to onProgress. */
function progressOf(parent: Parent, total: number) {
  const progress = { done: 0, total, failures: 0 };
  return {
    count(runs: number, failures: number): void {
      progress.done += runs;
      progress.failures += failures;
      parent.onProgress?.({ ...progress });
    },
    done: (): number => progress.done,
  };
}

/** The run indices of worker `worker` of `workers`, ascending: run 0 is the parent's. */
export function* workerRuns(plan: ExplorePlan, worker: number, workers: number): Generator<number> {
  let position = 0;
  for (const runIndex of shardRuns(plan.shard, plan.runs)) {
    if (runIndex === 0) continue;
    if (position++ % workers === worker) yield runIndex;
  }
}

/** The options without functions, which cannot cross to a worker (each worker loads the invariant itself). */
function plainOptions(options: ExploreOptions): ExploreOptions {
  const { invariant: _invariant, check: _check, onProgress: _onProgress, freshReplay: _freshReplay, ...plain } = options;
  return plain;
}

function withoutUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
