import { describe, expect, it } from 'vitest';
import { main as lazyInitMain, invariant as lazyInitInvariant } from '../../examples/zoo/lazy-init.js';
import { sleep } from '../../src/effects.js';
import { explore } from '../../src/explore/explore.js';
import { formatReport } from '../../src/explore/report/report.js';
import { createTask } from '../../src/task.js';

// Four deposits of 10 that each read the balance, wait a step and write back:
// how many of them are lost depends on the order, and the error says how many.
const account = { balance: 0 };

function* deposit(startAfter: number) {
  for (let i = 0; i < startAfter; i++) yield* sleep(0);
  const balance = account.balance;
  yield* sleep(0);
  account.balance = balance + 10;
}

function* deposits() {
  account.balance = 0;
  const tasks = [0, 1, 2, 3].map((startAfter) => createTask(deposit(startAfter), { name: `deposit-${startAfter}` }));
  for (const task of tasks) yield* task;
  if (account.balance !== 40) throw new Error(`lost ${(40 - account.balance) / 10} of 4 deposits`);
}

/** One task that sleeps a millisecond: nothing to go wrong. */
function* fine() {
  yield* createTask(
    (function* () {
      yield* sleep(1);
    })(),
  );
}

describe('the report', () => {
  it("names the original run's failure in its header, and the shrunk run's where it differs", () => {
    const result = explore(deposits, { seed: 1 });
    const failure = result.failure!;
    expect(failure.failure.message).toBe('lost 2 of 4 deposits');
    expect(failure.shrunkFailure.message).toBe('lost 1 of 4 deposits');
    const report = formatReport(result);
    expect(report[1]).toBe(`FAILED at run ${failure.runIndex}: main raised Error: lost 2 of 4 deposits`);
    expect(report).toContain('  the shrunk run: main raised Error: lost 1 of 4 deposits');
    expect([failure.shrunk.schedule, failure.shrinkEnd]).toEqual(['v1;1', 'fewest']);
    expect(report).toContain(`  shrunk schedule:   1 choice, 1 not FIFO's (${failure.shrinkRuns} shrinking runs; no schedule with fewer fails the same way)`);
  });

  it("gives PCT's bounds only when no run failed", () => {
    const found = formatReport(explore(lazyInitMain, { policy: 'pct', invariant: lazyInitInvariant, seed: 1 }));
    expect(found.some((line) => line.startsWith('pct:'))).toBe(false);
    const passed = formatReport(explore(fine, { policy: 'pct', runs: 50 }));
    expect(passed).toEqual([
      'simloop explore fine: policy pct, seed 0, 50 runs, depth 3',
      'no failure in 50 runs',
      'pct: n=2 tasks, k=10 steps, d=3: each run finds a given depth-3 bug with probability ≥ 1/(n·k^(d-1)) = 0.005; all 49 pct runs miss it with probability ≤ 0.7822',
    ]);
  });

  it('with a time budget, says when the time ran out', () => {
    const timed = explore(fine, { timeMs: 20 });
    expect(timed.timedOut).toBe(true);
    expect(timed.runs).toBeGreaterThan(1);
    expect(formatReport(timed)).toEqual([
      'simloop explore fine: policy random, seed 0, runs until the time is up, time budget 20 ms',
      `no failure in ${timed.runs} runs (the time budget ran out)`,
    ]);
    const counted = explore(fine, { timeMs: 60_000, runs: 30 });
    expect([counted.timedOut, counted.runs]).toEqual([false, 30]);
    const exhaustive = explore(lazyInitMain, { policy: 'exhaustive', timeMs: 1, runs: 1_000_000, stopOnFailure: false, shrink: false });
    expect(exhaustive.timedOut).toBe(true);
    expect(formatReport(exhaustive).at(-1)).toMatch(/^coverage: NOT complete: the time budget stopped the search after \d+ schedules?$/);
  });
});
