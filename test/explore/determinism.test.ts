import { afterEach, describe, expect, it, vi } from 'vitest';
import { sleep } from '../../src/effects.js';
import { explore } from '../../src/explore/explore.js';
import { formatReport } from '../../src/explore/report/report.js';
import { createTask } from '../../src/task.js';

// A program whose tasks draw their sleeps from Math.random: no schedule can
// reproduce what it does, and the self-check must say so.
function* worker() {
  yield* sleep(Math.floor(Math.random() * 1000));
}

function* jittery() {
  yield* createTask(worker(), { name: 'worker' });
  throw new Error('boom');
}

afterEach(() => vi.restoreAllMocks());

describe('the determinism self-check', () => {
  it('catches a program that uses Math.random and reports the first difference', () => {
    let calls = 0;
    // The k-th call returns k/1000, so the k-th run sleeps k ms: every run differs, predictably.
    vi.spyOn(Math, 'random').mockImplementation(() => ++calls / 1000);
    const result = explore(jittery, { runs: 5 });
    expect(result.failure?.runIndex).toBe(0);
    expect(result.failure?.determinism).toEqual({
      status: 'non-deterministic',
      detail: 'the same schedule, run twice, gave two different traces',
      difference: { index: 3, a: 't=0 worker: yield sleep(2)', b: 't=0 worker: yield sleep(3)' },
    });
    const report = formatReport(result);
    expect(report.slice(0, 10)).toEqual([
      'simloop explore jittery: policy random, seed 0, 5 runs',
      'DETERMINISM PROBLEM, not a bug found: run 0 (the FIFO run) failed: main raised Error: boom',
      "  original schedule: 0 choices, 0 not FIFO's",
      "  shrunk schedule:   0 choices, 0 not FIFO's (not shrunk)",
      '  schedule: v1;',
      '  NON-DETERMINISTIC: the code under test is non-deterministic (for example Math.random or Date.now',
      '  inside a task, or state left over from an earlier run): the same schedule, run twice, gave two different traces.',
      '    first difference at event 4:',
      '      first run: t=0 worker: yield sleep(2)',
      '      second run: t=0 worker: yield sleep(3)',
    ]);
  });

  it('passes a deterministic failing program', () => {
    function* failing() {
      yield* createTask(
        (function* () {
          yield* sleep(5);
        })(),
      );
      throw new Error('boom');
    }
    expect(explore(failing).failure?.determinism).toEqual({ status: 'deterministic' });
  });

  it('can be turned off', () => {
    vi.spyOn(Math, 'random').mockImplementation(() => 0.5);
    expect(explore(jittery, { selfCheck: false }).failure?.determinism).toEqual({ status: 'skipped' });
  });
});
