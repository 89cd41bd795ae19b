// The main job (examples/kv, docs/kv.md): the correct replicated key-value
// service stays linearizable and live under swarm faults, and each one-line
// bug is found, shrunk to a few faults, explained and replayed, in this
// process and in a fresh one. At fixed seeds; the full check (5 seeds × 2,000
// runs for each bug, 10,000 runs of the correct service) is one variable away:
// KV_FULL=1 npx vitest run test/examples/kv.test.ts
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { kvTest } from '../../examples/kv/kv-test.js';
import { explore, formatReport, replay, run, ScheduleFailure, sleep, type ExploreResult, type World } from '../../src/index.js';
import { buildPackage, removeBuild } from '../explore/built.js';

const FULL = process.env['KV_FULL'] === '1';
const BUGS = ['ack-before-majority', 'wall-clock-lease', 'retry-applied-twice'] as const;
type Bug = (typeof BUGS)[number];

/** Each bug explored once at seed 1 (shrinking with 1,000 runs, as the demo does), for every test here. */
const explorations = new Map<Bug, ExploreResult>();
function exploration(bug: Bug): ExploreResult {
  let result = explorations.get(bug);
  if (result === undefined) {
    const test = kvTest(bug);
    result = explore(test.main, { runs: 2_000, seed: 1, check: test.check, shrinkRuns: 1_000 });
    explorations.set(bug, result);
  }
  return result;
}

let build: string | null = null;
afterAll(() => {
  if (build !== null) removeBuild(build);
});

describe('examples/kv: the correct service', () => {
  it('passes 150 swarm runs at seed 1, each linearizable and live after healing', () => {
    const test = kvTest('correct');
    const okPerRun: number[] = [];
    const check = () => {
      okPerRun.push(test.recorder()!.history.filter((operation) => operation.status === 'ok').length);
      return test.check();
    };
    const result = explore(test.main, { runs: 150, seed: 1, check });
    expect(result.failure).toBeNull();
    expect(result.runs).toBe(150);
    // Every run ends with each client's read of each key after healing (4 × 2), and did real work before.
    expect(Math.min(...okPerRun)).toBeGreaterThanOrEqual(8);
    expect(okPerRun.reduce((sum, count) => sum + count, 0) / okPerRun.length).toBeGreaterThan(20);
  });

  it.runIf(FULL)('passes 10,000 swarm runs at seed 1', () => {
    const test = kvTest('correct');
    const result = explore(test.main, { runs: 10_000, seed: 1, check: test.check });
    expect(result.failure).toBeNull();
  }, 3_600_000);
});

describe('examples/kv: one partition written by hand, in the fault-free run', () => {
  // r1 leads the fault-free run; the partition cuts it off with two clients for 1.5 s.
  function* cutOffTheLeader(world: World) {
    yield* sleep(1_000);
    world.partition([['r1', 'c1', 'c2'], ['r2', 'r3', 'c3', 'c4']]);
    yield* sleep(1_500);
    world.repair();
  }
  const verdict = (variant: 'correct' | Bug): string | null => {
    const test = kvTest(variant, { script: cutOffTheLeader });
    run(test.main());
    return test.check()?.name ?? null;
  };

  it('the correct service stays linearizable', () => {
    expect(verdict('correct')).toBeNull();
  });

  it('is all the lease bug and the early acknowledgement need', () => {
    expect(verdict('wall-clock-lease')).toBe('NotLinearizable');
    expect(verdict('ack-before-majority')).toBe('NotLinearizable');
  });
});

describe.each(BUGS)('examples/kv: the bug %s', (bug) => {
  it('is found at seed 1, shrinks to at most 10 non-FIFO choices, and the report explains it and names its faults', () => {
    const result = exploration(bug);
    const failure = result.failure!;
    expect(failure.failure.message).toMatch(/^the clients' history is not linearizable \(key "[xy]"(, key "[xy]")?\)$/);
    expect(failure.shrunkFailure.message).toMatch(/^the clients' history is not linearizable \(key "[xy]"(, key "[xy]")?\)$/);
    expect(failure.shrunk.nonZero).toBeLessThanOrEqual(10);
    const report = formatReport(result, { file: `dist/examples/kv/${bug}.js` });
    expect(report.some((line) => line.startsWith('  |   cannot follow it: '))).toBe(true);
    expect(report.find((line) => line.startsWith('  faults ('))).toMatch(/^ {2}faults \(\d+\): .* at t=\d+/);
    expect(report).toContain(`  replay from the shell: simloop replay dist/examples/kv/${bug}.js --schedule '${failure.shrunk.schedule}'`);
  });

  it('replays from the printed line with the same failure', () => {
    const failure = exploration(bug).failure!;
    const test = kvTest(bug);
    let replayed: unknown = null;
    try {
      replay(test.main, failure.shrunk.schedule, { check: test.check });
    } catch (error) {
      replayed = error;
    }
    expect(replayed).toBeInstanceOf(ScheduleFailure);
    expect((replayed as ScheduleFailure).failure.message).toBe(failure.shrunkFailure.message);
  });
});

/** The package, built once for the tests that replay in a fresh process. */
function built(): string {
  build ??= buildPackage('kv');
  return build;
}

/** Expects `simloop replay` of a bug's module at its shrunk schedule, in a fresh process, to fail as the shrunk run did. */
function expectFreshReplay(bug: Bug, failure: NonNullable<ExploreResult['failure']>): void {
  const root = built();
  let status = 0;
  let output = '';
  try {
    output = execFileSync(process.execPath, [`${root}/src/bin/simloop.js`, 'replay', `${root}/examples/kv/${bug}.js`, '--schedule', failure.shrunk.schedule], { encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    status = (error as { status: number }).status;
    output = String((error as { stdout: unknown }).stdout);
  }
  expect(status).toBe(1);
  expect(output).toContain(`run: check failed: NotLinearizable: ${failure.shrunkFailure.message}`);
}

describe('examples/kv: the shrunk lease bug', () => {
  it('needs one partition, and no schedule with fewer choices fails the same way (the run draws a random seed, which stays 0)', () => {
    const failure = exploration('wall-clock-lease').failure!;
    expect([failure.shrunk.nonZero, failure.shrunk.faults, failure.shrinkEnd]).toEqual([1, 1, 'fewest']);
  });
});

describe('examples/kv: a fresh process', () => {
  it.each(BUGS)('simloop replay reproduces the shrunk failure of %s from the printed line', (bug) => {
    expectFreshReplay(bug, exploration(bug).failure!);
  });
});

describe.runIf(FULL)('examples/kv: the full check, seeds 1 to 5', () => {
  it.each(BUGS.flatMap((bug) => [1, 2, 3, 4, 5].map((seed) => [bug, seed] as const)))('%s at seed %i: found within 2,000 runs, shrunk to at most 10 non-FIFO choices (in 5,000 shrinking runs), replayed in a fresh process', (bug, seed) => {
    const test = kvTest(bug);
    const result = explore(test.main, { runs: 2_000, seed, check: test.check, shrinkRuns: 5_000 });
    expect(result.failure).not.toBeNull();
    const failure = result.failure!;
    console.log(`${bug} seed ${seed}: found at run ${failure.runIndex}, shrunk to ${failure.shrunk.nonZero} non-FIFO choices: ${failure.shrunk.schedule}`);
    expect(failure.shrunk.nonZero).toBeLessThanOrEqual(10);
    expectFreshReplay(bug, failure);
  }, 600_000);
});
