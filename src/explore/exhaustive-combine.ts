import type { ExplorePlan } from './choices/plan.js';
import { shardBranches } from './choices/shard.js';
import type { BranchOutcome, ExhaustiveShare } from './exhaustive-walk.js';
import type { Finding } from './search.js';

/** One thread's view of a search: its findings (depth-first run indices), runs, and coverage. */
export interface WalkSummary {
  readonly findings: Finding[];
  readonly runs: number;
  readonly complete: boolean;
  readonly boundReached: boolean;
}

/**
 * What one thread walking the branches `take` names (all of them by
 * default), in order, reports, from shares that together walked them:
 * findings with their depth-first run indices, the runs made, and the
 * coverage. Every branch the single walk reaches must be in a share and
 * walked as far as the single walk goes (RangeError otherwise). With a time
 * budget, shares walk what their time allows: then a branch may be missing
 * or unfinished, and a finding's index counts the runs made before it.
 *
 * @example
 * combineWalk([share1, share2], plan).findings[0]?.runIndex; // the lowest depth-first index
 */
export function combineWalk(shares: readonly ExhaustiveShare[], plan: ExplorePlan, take = shardBranches(null)): WalkSummary {
  const first = shares[0];
  if (first === undefined) throw new RangeError('no share of the exhaustive search to combine');
  const byBranch = outcomesByBranch(shares);
  const { runs: limit, stopOnFailure } = plan;
  const timed = plan.timeMs !== null;
  const findings: Finding[] = first.fifoFinding === null ? [] : [first.fifoFinding];
  let boundReached = first.fifoBoundCut;
  let complete = true;
  const stop = (runs: number): WalkSummary => ({ findings, runs, complete: false, boundReached });
  if (findings.length > 0 && stopOnFailure) return stop(1);
  let offset = 1;
  for (const branch of take(first.branches)) {
    if (offset >= limit) return stop(offset);
    const outcome = byBranch.get(branch) ?? { branch, runs: 0, end: 'stopped', boundRun: -1, findings: [] };
    const counted = Math.min(outcome.runs, limit - offset);
    if (outcome.boundRun >= 0 && outcome.boundRun < counted) boundReached = true;
    for (const finding of outcome.findings) {
      if (finding.runIndex >= counted) continue;
      findings.push({ ...finding, runIndex: offset + finding.runIndex });
      if (stopOnFailure) return stop(offset + finding.runIndex + 1);
    }
    offset += counted;
    if (outcome.end === 'done' && counted === outcome.runs) continue;
    if (offset >= limit) return stop(offset);
    if (!timed) throw new RangeError(`branch ${branch} of the exhaustive search was ${byBranch.has(branch) ? `left unfinished (${outcome.end})` : 'in no share'} below the run limit`);
    complete = false;
  }
  return { findings, runs: offset, complete, boundReached };
}

function outcomesByBranch(shares: readonly ExhaustiveShare[]): Map<number, BranchOutcome> {
  const byBranch = new Map<number, BranchOutcome>();
  for (const share of shares) {
    for (const outcome of share.outcomes) {
      if (byBranch.has(outcome.branch)) throw new RangeError(`branch ${outcome.branch} of the exhaustive search was walked twice`);
      byBranch.set(outcome.branch, outcome);
    }
  }
  return byBranch;
}
