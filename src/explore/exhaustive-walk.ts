import { executeRun, type RunRecord } from './execute.js';
import { ExhaustiveSearch, type Prefix } from './choices/exhaustive.js';
import type { ExplorePlan } from './choices/plan.js';
import { ScriptedChooser } from './choices/scripted.js';
import type { Invariant } from './report/run-monitor.js';
import { findingOf, type Finding, type RunObserver } from './search.js';
import type { Subject } from './subject.js';
import { shardBranches } from './choices/shard.js';
import { combineWalk, type WalkSummary } from './exhaustive-combine.js';

/**
 * How the walk of one branch of the exhaustive search ended: `done` (every
 * schedule in it ran), `limit` (the run limit stopped it), `failure` (it
 * stopped at its first failing run) or `stopped` (given up: a lower branch
 * failed, or the time budget ran out).
 */
export type BranchEnd = 'done' | 'limit' | 'failure' | 'stopped';

/**
 * What the walk of one branch made, as plain data (it crosses threads and
 * JSON). Its findings' run indices count from the branch's first run.
 */
export interface BranchOutcome {
  /** The branch's position in the walk (see ExhaustiveSearch.branches). */
  readonly branch: number;
  readonly runs: number;
  readonly end: BranchEnd;
  /** The first of its runs in which a bound left an alternative out, or -1. */
  readonly boundRun: number;
  readonly findings: readonly Finding[];
}

/**
 * A share of one exhaustive search, the whole of it or what one shard or
 * worker walked: the FIFO run (every share makes it, since the branches hang
 * from it) and the outcomes of the branches walked. combineWalk turns shares
 * into what one thread walking everything reports.
 *
 * @example
 * const { exhaustive } = explore(main, { policy: 'exhaustive', shard: '2/4' });
 * console.log(`${exhaustive?.outcomes.length} of ${exhaustive?.branches} branches walked`);
 */
export interface ExhaustiveShare {
  /** How many branches the FIFO run has. */
  readonly branches: number;
  /** The FIFO run's failure, if it failed. */
  readonly fifoFinding: Finding | null;
  /** Whether a bound left out an alternative of the FIFO run. */
  readonly fifoBoundCut: boolean;
  readonly outcomes: readonly BranchOutcome[];
}

/** How a share is walked: which branches, within what limit, and when to give up. */
export interface WalkOptions {
  /** Which branches (positions in the walk) this share takes; ascending. */
  readonly take: (branches: number) => Iterable<number>;
  readonly observe?: RunObserver | null;
  /** Whether `observe` sees the FIFO run too (default true); a worker's is not progress, the parent made run 0. */
  readonly observeFifo?: boolean;
  /** Whether to give up before the next run of `branch`; checked before every run. */
  readonly shouldStop?: (branch: number) => boolean;
  /** Called when a branch's walk ends. */
  readonly onOutcome?: (outcome: BranchOutcome) => void;
}

/** The search of a plan: its preemption, fault and cancel bounds. */
export function searchOf(plan: ExplorePlan): ExhaustiveSearch {
  return new ExhaustiveSearch({ preemptions: plan.preemptions, cancels: 1, faults: plan.faults, total: Infinity });
}

/** What walkShare made: the share as data and its FIFO run. */
export interface WalkedShare {
  readonly share: ExhaustiveShare;
  readonly first: RunRecord;
}

/**
 * Walks a share of the plan's exhaustive search: the FIFO run, then the
 * branches `take` names, in order, until the run limit, a failure (when
 * stopping on one) or `shouldStop`. The share counts its own runs (the FIFO
 * run included) against the run limit: a branch's depth-first index in the
 * whole walk is at least its index in the share, so nothing one thread
 * would run within the limit is left out, and a share never makes more runs
 * than the limit.
 */
export function walkShare(subject: Subject, plan: ExplorePlan, invariant: Invariant | null, options: WalkOptions): WalkedShare {
  const search = searchOf(plan);
  const first = runPrefix(subject, plan, invariant, search.first());
  if (options.observeFifo !== false) options.observe?.(0, first);
  const fifoFinding = first.failure === null ? null : findingOf(0, first);
  const branches = search.branches(first);
  const outcomes: BranchOutcome[] = [];
  let used = 1;
  if (fifoFinding === null || !plan.stopOnFailure) {
    for (const branch of options.take(branches.length)) {
      if (used >= plan.runs) break;
      const outcome = walkBranch(subject, plan, invariant, search, branch, branches[branch] as { point: number; prefix: Prefix }, plan.runs - used, options);
      outcomes.push(outcome);
      options.onOutcome?.(outcome);
      used += outcome.runs;
      if (outcome.end === 'failure' || outcome.end === 'stopped') break;
    }
  }
  return { share: { branches: branches.length, fifoFinding, fifoBoundCut: search.boundCut(first), outcomes }, first };
}

/**
 * The exhaustive (and fifo) policy on this thread: the whole walk, or a
 * shard's share of it (`plan.shard`), and what it found. The findings' run
 * indices are depth-first indices in the whole walk, or, for a shard, in
 * its share.
 */
export function exhaustiveRuns(
  subject: Subject,
  plan: ExplorePlan,
  invariant: Invariant | null,
  observe: RunObserver | null = null,
  shouldStop: WalkOptions['shouldStop'] = undefined,
): WalkedShare & { summary: WalkSummary } {
  const take = shardBranches(plan.shard);
  const walked = walkShare(subject, plan, invariant, { take, observe, shouldStop });
  return { ...walked, summary: combineWalk([walked.share], plan, take) };
}

/** Walks one branch depth first, making at most `allowed` runs. */
function walkBranch(
  subject: Subject,
  plan: ExplorePlan,
  invariant: Invariant | null,
  search: ExhaustiveSearch,
  branch: number,
  root: { point: number; prefix: Prefix },
  allowed: number,
  options: WalkOptions,
): BranchOutcome {
  const findings: Finding[] = [];
  let boundRun = -1;
  let runs = 0;
  let end: BranchEnd = 'done';
  for (let prefix: Prefix | null = root.prefix; prefix !== null; ) {
    if (runs >= allowed) {
      end = 'limit';
      break;
    }
    if (options.shouldStop?.(branch) === true) {
      end = 'stopped';
      break;
    }
    const record = runPrefix(subject, plan, invariant, prefix);
    options.observe?.(runs, record);
    if (boundRun < 0 && search.boundCut(record)) boundRun = runs;
    runs++;
    if (record.failure !== null) {
      findings.push(findingOf(runs - 1, record));
      if (plan.stopOnFailure) {
        end = 'failure';
        break;
      }
    }
    prefix = search.next(record, root.point);
  }
  return { branch, runs, end, boundRun, findings };
}

function runPrefix(subject: Subject, plan: ExplorePlan, invariant: Invariant | null, prefix: Prefix): RunRecord {
  return executeRun(subject, new ScriptedChooser(prefix), plan.cancel, { ...plan.checks, invariant }, false);
}
