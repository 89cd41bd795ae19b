import type { ExplorePlan } from './choices/plan.js';
import { sameChoices } from './choices/schedule.js';
import { streamsOf, type WorldChoices } from './choices/streams.js';
import { combineWalk } from './exhaustive-combine.js';
import { pctGuarantee, type ExploreResult } from './explore.js';
import type { FailureReport } from './report/failure-report.js';
import type { Finding } from './search.js';

/**
 * The result of one exploration spread over shards (`--shard i/n` on each
 * job of a CI matrix), put back together: exactly what one machine making
 * every run reports. Every run's schedule depends only on the seed and its
 * index, and the first failing index decides the finding, so the merged
 * failure is the shard's whose failing run has the lowest index.
 *
 * Throws RangeError when the results are not the n shards of one
 * exploration: a shard missing or given twice, or plans that differ.
 *
 * @example
 * const merged = mergeResults([shard1, shard2, shard3]);
 * if (merged.failure !== null) console.log(formatReport(merged).join('\n'));
 */
export function mergeResults(results: readonly ExploreResult[]): ExploreResult {
  const first = results[0];
  if (first === undefined) throw new RangeError('nothing to merge: give the results of every shard');
  checkShards(results);
  const plan: ExplorePlan = { ...first.plan, shard: null };
  if (plan.policy === 'exhaustive' || plan.policy === 'fifo') return mergeExhaustive(plan, results);
  const failures = results.flatMap((result) => (result.failure === null ? [] : [result.failure])).sort((a, b) => a.runIndex - b.runIndex);
  const failure = failures[0] ?? null;
  const failingRuns = [...new Set(results.flatMap((result) => result.failingRuns))].sort((a, b) => a - b);
  const kept = plan.stopOnFailure ? failingRuns.slice(0, 1) : failingRuns;
  // With a time budget each shard made what its time allowed: the runs are those made.
  const timed = plan.timeMs !== null;
  const runs = timed ? results.reduce((sum, result) => sum + result.runs, 0) : plan.stopOnFailure && failure !== null ? failure.runIndex + 1 : plan.runs;
  return {
    ...merged(plan, results, runs, kept, failure, null),
    pct: plan.policy === 'pct' ? pctGuarantee(plan, first.probe, runs) : null,
  };
}

/**
 * The shards of an exhaustive search: their branches put back in walk order
 * (combineWalk), which gives every finding its depth-first index. The first
 * finding's report is the one its shard analysed (the analysis depends on
 * the schedule alone), with that index.
 */
function mergeExhaustive(plan: ExplorePlan, results: readonly ExploreResult[]): ExploreResult {
  const shares = results.map((result, position) => {
    if (result.exhaustive === null) throw new RangeError(`result ${position + 1} has no share of the exhaustive search (written by an older simloop?)`);
    return result.exhaustive;
  });
  const walk = combineWalk(shares, plan);
  const first = walk.findings[0];
  let failure: FailureReport | null = null;
  if (first !== undefined) {
    const owner = results.find((result) => result.failure !== null && sameSchedule(result.failure.original.choices, result.failure.original.world, first));
    if (owner?.failure === undefined || owner.failure === null) throw new RangeError('the shard that found the first failure has no report of it');
    failure = { ...owner.failure, runIndex: first.runIndex };
  }
  const coverage = { complete: walk.complete, boundReached: walk.boundReached, schedules: walk.runs };
  const kept = walk.findings.map((finding) => finding.runIndex);
  return merged(plan, results, walk.runs, plan.stopOnFailure ? kept.slice(0, 1) : kept, failure, coverage);
}

/** Whether a report's original schedule is the finding's. */
function sameSchedule(choices: readonly number[], world: WorldChoices, finding: Finding): boolean {
  return streamsOf(choices, world).every((each, index) => sameChoices(each, finding.streams[index] ?? []));
}

function merged(
  plan: ExplorePlan,
  results: readonly ExploreResult[],
  runs: number,
  failingRuns: readonly number[],
  failure: FailureReport | null,
  coverage: ExploreResult['coverage'],
): ExploreResult {
  const first = results[0] as ExploreResult;
  const timedOut = results.some((result) => result.timedOut);
  return { plan, subject: first.subject, runs, failingRuns, failure, probe: first.probe, coverage, pct: null, hasInvariant: first.hasInvariant, exhaustive: null, timedOut };
}

/** Each result one shard of the same exploration, and all n of them there. */
function checkShards(results: readonly ExploreResult[]): void {
  const first = results[0] as ExploreResult;
  const count = first.plan.shard?.count ?? 1;
  const seen = new Set<number>();
  for (const [position, result] of results.entries()) {
    const shard = result.plan.shard ?? { index: 1, count: 1 };
    const where = `result ${position + 1} (shard ${shard.index}/${shard.count})`;
    if (result.subject !== first.subject) throw new RangeError(`${where} explored ${result.subject}, not ${first.subject}`);
    const difference = planDifference(result.plan, first.plan);
    if (difference !== null) throw new RangeError(`${where} has another ${difference} than result 1: not the same exploration`);
    if (shard.count !== count) throw new RangeError(`${where} is one of ${shard.count} shards, result 1 one of ${count}`);
    if (seen.has(shard.index)) throw new RangeError(`${where}: shard ${shard.index}/${count} is given twice`);
    seen.add(shard.index);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !seen.has(index));
  if (missing.length > 0) throw new RangeError(`shard${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${count}`).join(', ')} missing: every shard's result is needed`);
}

/** The first field (other than the shard) in which two plans differ, or null. */
function planDifference(a: ExplorePlan, b: ExplorePlan): string | null {
  for (const key of ['policy', 'seed', 'runs', 'depth', 'preemptions', 'faults', 'cancel', 'stopOnFailure', 'timeMs'] as const) {
    if (a[key] !== b[key]) return key;
  }
  return JSON.stringify(a.checks) === JSON.stringify(b.checks) ? null : 'checks';
}
