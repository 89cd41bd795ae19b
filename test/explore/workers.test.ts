import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExploreResult } from '../../src/explore/explore.js';
import type { exploreFile as ExploreFile, FileExploreOptions } from '../../src/explore/workers/workers.js';
import type { formatReport as FormatReport } from '../../src/explore/report/report.js';
import { mergeResults } from '../../src/explore/merge.js';
import { buildPackage, importBuilt, removeBuild } from './built.js';

let build: string;
let exploreFile: typeof ExploreFile;
let formatReport: typeof FormatReport;

// A rare failure (about 1 run in 120 under random), so that workers race past each other before one finds it.
const RARE = `import { createTask, sleep } from '../src/index.js';
const order = [];
function* worker(i) { yield* sleep(0); order.push(i); }
export function* main() {
  order.length = 0;
  const tasks = [0, 1, 2, 3, 4].map((i) => createTask(worker(i), { name: 'w' + i }));
  for (const task of tasks) yield* task;
  if (order.join() === '4,3,2,1,0') throw new Error('reversed');
}
`;

// State that leaks only on some schedules: a counter at module level, never
// reset, of the runs in which b went first. The third such run fails; FIFO's
// never touches it, so only a replay in a fresh copy of the module tells.
const LEAK = `import { createTask, sleep } from '../src/index.js';
let reversed = 0;
function* step(name, log) { yield* sleep(0); log.push(name); }
export function* main() {
  const log = [];
  const a = createTask(step('a', log), { name: 'a' });
  const b = createTask(step('b', log), { name: 'b' });
  yield* a;
  yield* b;
  if (log[0] === 'b' && ++reversed >= 3) throw new Error('b went first three times');
}
`;

beforeAll(async () => {
  build = buildPackage('simloop-explore-workers');
  writeFileSync(`${build}/examples/rare.js`, RARE);
  writeFileSync(`${build}/examples/leak.js`, LEAK);
  exploreFile = (await importBuilt<{ exploreFile: typeof ExploreFile }>(build, 'src/node.js')).exploreFile;
  formatReport = (await importBuilt<{ formatReport: typeof FormatReport }>(build, 'src/explore/report/report.js')).formatReport;
});

afterAll(() => removeBuild(build));

const explored = (file: string, options: FileExploreOptions): ExploreResult => exploreFile(`${build}/examples/${file}`, options);

/** What a finding is, whoever found it: the failing runs and the checked, shrunk, traced failure. */
function findings(result: ExploreResult): unknown {
  return { runs: result.runs, failingRuns: result.failingRuns, failure: result.failure, report: formatReport(result) };
}

describe('the self-check of a program loaded from a file', () => {
  it('replays the failure in a fresh worker thread, which catches state that leaks only on some schedules', () => {
    const result = explored('leak.js', { seed: 3 });
    expect(result.failure?.determinism).toEqual({
      status: 'state-leak',
      detail: `the schedule ${result.failure?.shrunk.schedule} fails here, after earlier runs, but a fresh worker thread that loads the program anew replays it and passes there`,
    });
    expect(result.failure?.shrunk.nonZero).toBe(1);
    expect(formatReport(result)[1]).toBe(`DETERMINISM PROBLEM, not a bug found: run ${result.failure?.runIndex} failed: main raised Error: b went first three times`);
  });

  it('says so when the fresh worker reproduces the failure', () => {
    expect(explored('lost-update.js', { seed: 0 }).failure?.determinism).toEqual({ status: 'deterministic', freshReplay: true });
  });
});

describe('workers and shards find what one worker finds', () => {
  for (const policy of ['random', 'pct'] as const) {
    it(`${policy}: 1, 2 and 3 workers give the same first failure, shrunk schedule, trace and report`, () => {
      const options = { policy, runs: 300, seed: 11 };
      const one = explored('lost-update.js', options);
      expect(one.failure).not.toBeNull();
      for (const workers of [2, 3]) expect(findings(explored('lost-update.js', { ...options, workers }))).toEqual(findings(one));
      const leakOptions = { policy, runs: 300, seed: 11, cancel: '*' };
      const leakOne = explored('leaky-semaphore.js', leakOptions);
      expect(leakOne.failure?.failure.kind).toBe('deadlock');
      expect(findings(explored('leaky-semaphore.js', { ...leakOptions, workers: 3 }))).toEqual(findings(leakOne));
    });
  }

  it('a rare failure: the first failing run is the same on 1, 2 and 4 workers, however they race', () => {
    for (const seed of [1, 2, 3]) {
      const options = { runs: 3000, seed };
      const one = explored('rare.js', options);
      expect(one.failure?.runIndex).toBeGreaterThan(10);
      expect(findings(explored('rare.js', { ...options, workers: 2 }))).toEqual(findings(one));
      expect(findings(explored('rare.js', { ...options, workers: 4 }))).toEqual(findings(one));
    }
  });

  it('collecting every failing run: the same runs on 1 or 3 workers, and the shards together make them', () => {
    const options = { policy: 'random' as const, runs: 200, seed: 5, stopOnFailure: false, shrink: false };
    const one = explored('lost-update.js', options);
    expect(one.failingRuns.length).toBeGreaterThan(20);
    expect(explored('lost-update.js', { ...options, workers: 3 }).failingRuns).toEqual(one.failingRuns);
    const sharded = [1, 2, 3].flatMap((index) => explored('lost-update.js', { ...options, shard: `${index}/3` }).failingRuns);
    expect(sharded.sort((a, b) => a - b)).toEqual(one.failingRuns);
    const shardedOnWorkers = [1, 2].flatMap((index) => explored('lost-update.js', { ...options, shard: `${index}/2`, workers: 2 }).failingRuns);
    expect(shardedOnWorkers.sort((a, b) => a - b)).toEqual(one.failingRuns);
  });

  it('stopping at the first failure: the shard holding the earliest failing run reports exactly what one worker reports', () => {
    const options = { policy: 'pct' as const, runs: 300, seed: 2, cancel: '*' };
    const one = explored('leaky-semaphore.js', options);
    const shards = [1, 2, 3, 4].map((index) => explored('leaky-semaphore.js', { ...options, shard: `${index}/4` }));
    const earliest = shards.filter((shard) => shard.failure !== null).sort((a, b) => a.failure!.runIndex - b.failure!.runIndex)[0]!;
    expect(earliest.failure).toEqual(one.failure);
    expect(earliest.failingRuns).toEqual(one.failingRuns);
  });

  it('the exhaustive search on workers: branches dealt to whichever is free, put back in walk order', () => {
    const deadlock = 'zoo/transfer-deadlock.js';
    const options = { policy: 'exhaustive' as const };
    const one = explored(deadlock, options);
    expect([one.failure?.runIndex, one.coverage]).toEqual([180, { complete: false, boundReached: true, schedules: 181 }]);
    for (const workers of [2, 3]) expect(findings(explored(deadlock, { ...options, workers }))).toEqual(findings(one));
    const all = { ...options, stopOnFailure: false, shrink: false, runs: 300 };
    const allOne = explored(deadlock, all);
    expect(allOne.coverage).toEqual({ complete: false, boundReached: true, schedules: 300 });
    expect(findings(explored(deadlock, { ...all, workers: 3 }))).toEqual(findings(allOne));
    const shards = [1, 2].map((index) => explored(deadlock, { ...all, shard: `${index}/2`, workers: 2 }));
    expect(findings(mergeResults(shards))).toEqual(findings(allOne));
  });
});
