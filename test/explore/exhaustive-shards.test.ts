import { describe, expect, it } from 'vitest';
import { main as deadlockMain } from '../../examples/zoo/transfer-deadlock.js';
import { main as missedEventMain } from '../../examples/zoo/missed-event.js';
import { explore, type ExploreOptions, type ExploreResult } from '../../src/explore/explore.js';
import { mergeResults } from '../../src/explore/merge.js';
import { formatReport } from '../../src/explore/report/report.js';
import type { Main } from '../../src/explore/subject.js';

/** What a result says, whoever made it (the plan aside, whose shard field differs). */
function findings(result: ExploreResult): unknown {
  return { runs: result.runs, failingRuns: result.failingRuns, failure: result.failure, coverage: result.coverage, report: formatReport(result) };
}

function sharded(main: Main, options: ExploreOptions, count: number): ExploreResult {
  return mergeResults(Array.from({ length: count }, (_, index) => explore(main, { ...options, shard: `${index + 1}/${count}` })));
}

describe('the exhaustive search split into shards', () => {
  // transfer-deadlock: 335 schedules within 2 preemptions, 26 of them deadlock, the first at depth-first index 180.
  const exhaustive = { policy: 'exhaustive' as const, selfCheck: false };

  it('merged, the shards report the first failure (lowest depth-first index), shrunk, exactly as one thread', () => {
    const one = explore(deadlockMain, exhaustive);
    expect([one.failure?.runIndex, one.runs, one.coverage]).toEqual([180, 181, { complete: false, boundReached: true, schedules: 181 }]);
    for (const count of [2, 3, 5]) expect(findings(sharded(deadlockMain, exhaustive, count))).toEqual(findings(one));
  });

  it('collecting every failing run: the same depth-first indices and the same coverage', () => {
    const options = { ...exhaustive, stopOnFailure: false, shrink: false };
    const one = explore(deadlockMain, options);
    expect([one.failingRuns.length, one.failingRuns[0], one.coverage]).toEqual([26, 180, { complete: true, boundReached: true, schedules: 335 }]);
    for (const count of [2, 4]) expect(findings(sharded(deadlockMain, options, count))).toEqual(findings(one));
  });

  it('a run limit applies to the whole search, however it is split', () => {
    for (const runs of [100, 181, 250]) {
      const options = { ...exhaustive, runs, stopOnFailure: false, shrink: false };
      const one = explore(deadlockMain, options);
      for (const count of [2, 3]) expect(findings(sharded(deadlockMain, options, count))).toEqual(findings(one));
      const shards = [1, 2, 3].map((index) => explore(deadlockMain, { ...options, shard: `${index}/3` }));
      for (const shard of shards) expect(shard.runs).toBeLessThanOrEqual(runs);
    }
    expect(explore(deadlockMain, { ...exhaustive, runs: 100 }).coverage).toEqual({ complete: false, boundReached: true, schedules: 100 });
  });

  it('a shard reports its own share; the FIFO run belongs to every share', () => {
    const shard = explore(missedEventMain, { ...exhaustive, shrink: false, shard: '2/3' });
    expect(shard.exhaustive?.branches).toBeGreaterThan(3);
    expect(shard.exhaustive?.outcomes.every((outcome) => outcome.branch % 3 === 1)).toBe(true);
    expect(formatReport(shard)[1]).toMatch(/^FAILED at run \d+ of this shard's walk: DeadlockError: /);
    expect(formatReport(shard).at(-1)).toMatch(/^shard 2\/3's branches: coverage: stopped at the failure after \d+ schedules$/);
    expect(explore(missedEventMain, { ...exhaustive, shard: '2/3' }).exhaustive).not.toBeNull();
    expect(explore(missedEventMain, exhaustive).exhaustive).toBeNull();
  });

  it('refuses shards that do not cover the search', () => {
    const shards = [1, 2, 3].map((index) => explore(missedEventMain, { ...exhaustive, shrink: false, shard: `${index}/3` }));
    expect(() => mergeResults([shards[0]!, shards[2]!])).toThrow('shard 2/3 missing');
    const edited = { ...shards[1]!, exhaustive: { ...shards[1]!.exhaustive!, outcomes: [] } };
    expect(() => mergeResults([shards[0]!, edited, shards[2]!])).toThrow(/^branch 1 of the exhaustive search was in no share below the run limit$/);
  });
});
