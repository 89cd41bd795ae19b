import { describe, expect, it } from 'vitest';
import { main as leakyMain } from '../../examples/leaky-semaphore.js';
import { invariant, main as lostUpdateMain } from '../../examples/lost-update.js';
import { explore, type ExploreResult } from '../../src/explore/explore.js';
import { formatReport } from '../../src/explore/report/report.js';
import { replay, ScheduleFailure } from '../../src/explore/replay.js';
import type { Main } from '../../src/explore/subject.js';
import { renderTrace } from '../../src/explore/report/trace.js';

function failureOf(action: () => unknown): ScheduleFailure {
  try {
    action();
  } catch (error) {
    if (error instanceof ScheduleFailure) return error;
    throw error;
  }
  throw new Error('the replay passed');
}

/** Replays the report's line as a test would after pasting it, and checks it repeats the failing run. */
function expectReplayLineReproduces(result: ExploreResult, main: Main, options: { invariant?: () => boolean } = {}): void {
  const report = result.failure!;
  const match = /^replay\(main, ("[^"]*")(, \{ invariant \})?\)$/.exec(report.replayLine);
  expect(match, report.replayLine).not.toBeNull();
  const schedule = JSON.parse(match![1] as string) as string;
  const failure = failureOf(() => replay(main, schedule, options));
  expect(failure.failure).toEqual(report.shrunkFailure);
  expect(renderTrace(failure.trace)).toEqual(renderTrace(report.trace));
  expect(failure.schedule).toBe(schedule);
}

describe('the lost update between two tasks without a lock', () => {
  for (const policy of ['random', 'pct', 'exhaustive'] as const) {
    it(`is found by ${policy} and shrunk to one choice that is not FIFO's`, () => {
      const result = explore(lostUpdateMain, { policy, invariant, seed: 0 });
      expect(result.failure?.failure.message).toBe('lost update: the balance is 150, expected 1150');
      expect(result.failure?.shrunk.nonZero).toBe(1);
      expect(result.failure?.shrunk.schedule).toBe('v1;1');
      expect(result.failure?.determinism).toEqual({ status: 'deterministic' });
      expectReplayLineReproduces(result, lostUpdateMain, { invariant });
    });
  }

  it('prints a report whose replay line, pasted back, reproduces the failure and the trace exactly', () => {
    const result = explore(lostUpdateMain, { invariant, seed: 0 });
    expect(formatReport(result)).toEqual([
      'simloop explore main: policy random, seed 0, 1000 runs',
      'FAILED at run 2: main raised Error: lost update: the balance is 150, expected 1150',
      "  original schedule: 2 choices, 1 not FIFO's",
      "  shrunk schedule:   1 choice, 1 not FIFO's (19 shrinking runs; no schedule with fewer fails the same way)",
      '  schedule: v1;1',
      '  determinism: each failing schedule ran twice with identical traces, the FIFO run ran as in run 0',
      '  trace:',
      '    t=0 main: spawned',
      '    t=0 deposit: spawned by main',
      '    t=0 payroll: spawned by main',
      "    t=0 main: yield await Task 'deposit'",
      '    t=0 schedule: ready choice 1 of 2',
      '    t=0 payroll: yield sleep(0)',
      '    t=0 deposit: yield sleep(0)',
      '    t=0 payroll: return undefined',
      '    t=0 payroll: done, finished',
      '    t=0 deposit: return undefined',
      '    t=0 deposit: done, finished',
      '    t=0 main: raise Error: lost update: the balance is 150, expected 1150',
      '    t=0 main: done, finished',
      '    t=0 run: main raised Error: lost update: the balance is 150, expected 1150',
      '  replay in a test: replay(main, "v1;1", { invariant })',
    ]);
    // The line above, pasted:
    const failure = failureOf(() => replay(lostUpdateMain, 'v1;1', { invariant }));
    expect(failure.failure).toEqual(result.failure!.failure);
    expect(renderTrace(failure.trace)).toEqual(renderTrace(result.failure!.trace));
  });
});

describe('the cancellation at an unlucky yield that leaks a semaphore slot', () => {
  for (const policy of ['random', 'pct', 'exhaustive', 'fifo'] as const) {
    it(`is found by ${policy} with cancellation points and shrunk to one injected cancel`, () => {
      const result = explore(leakyMain, { policy, cancel: '*', seed: 0 });
      const report = result.failure!;
      expect(report.failure.kind).toBe('deadlock');
      expect(report.shrunkFailure.message).toContain("request-2: waiting on Semaphore.acquire()");
      expect(report.shrunk.nonZero).toBe(1);
      expect(report.shrunk.length).toBeLessThanOrEqual(6);
      expect(renderTrace(report.trace)).toContain('t=10 schedule: inject cancel into request-1');
      expectReplayLineReproduces(result, leakyMain);
    });
  }

  it('the pasted replay line reproduces the deadlock and its trace exactly', () => {
    const result = explore(leakyMain, { cancel: '*', seed: 0 });
    expect(result.failure!.replayLine).toBe('replay(main, "v1;cancel=*;0x5,1")');
    const failure = failureOf(() => replay(leakyMain, 'v1;cancel=*;0x5,1'));
    expect(failure.failure).toEqual(result.failure!.shrunkFailure);
    expect(renderTrace(failure.trace)).toEqual(renderTrace(result.failure!.trace));
  });

  it('is not found without cancellation points: all 12 schedules without a cancel pass', () => {
    const result = explore(leakyMain, { policy: 'exhaustive' });
    expect(result.failure).toBeNull();
    expect(result.coverage).toEqual({ complete: true, boundReached: false, schedules: 12 });
  });
});

describe('explorations are reproducible', () => {
  it('the same seed gives the same result, a different seed may find it at another run', () => {
    const a = explore(lostUpdateMain, { seed: 7, stopOnFailure: false, shrink: false, runs: 50 });
    const b = explore(lostUpdateMain, { seed: 7, stopOnFailure: false, shrink: false, runs: 50 });
    expect(b.failingRuns).toEqual(a.failingRuns);
    expect(a.failingRuns.length).toBeGreaterThan(10);
    expect(a.failingRuns.length).toBeLessThan(45);
  });
});
