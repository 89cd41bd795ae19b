import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/effects.js';
import { explore } from '../../src/explore/explore.js';
import { formatReport } from '../../src/explore/report/report.js';
import { getRunningLoop } from '../../src/loop/running.js';
import { replay, ScheduleFailure } from '../../src/explore/replay.js';
import { createTask } from '../../src/task.js';

const state = { level: 0 };

/** Dips below zero between two yields, and is back at zero by the end. */
function* dips() {
  state.level = 0;
  yield* createTask(
    (function* () {
      state.level -= 1;
      yield* sleep(5);
      state.level += 1;
    })(),
    { name: 'borrower' },
  );
}

function* spins() {
  for (;;) yield* sleep(0);
}

function* forgets() {
  createTask(
    (function* () {
      yield* sleep(1);
      throw new Error('nobody awaits me');
    })(),
    { name: 'orphan' },
  );
  yield* sleep(10);
}

/** A timer callback that raises, while main goes on: asyncio would only log it. */
function* ticks() {
  getRunningLoop().callLater(3, function tick() {
    throw new Error('tick broke');
  });
  yield* sleep(10);
  return 'fine';
}

describe('what makes a run fail', () => {
  it('an invariant checked after every step catches a state that is broken only for a while', () => {
    const result = explore(dips, { invariant: () => state.level >= 0 });
    expect(result.failure?.failure).toEqual({ kind: 'invariant', name: 'InvariantViolation', message: 'the invariant returned false (after a step of borrower)' });
    expect(result.failure?.replayLine).toBe('replay(dips, "v1;", { invariant })');
    expect(explore(dips, { invariant: () => state.level >= 0, invariantAt: 'end' }).failure).toBeNull();
  });

  it('an invariant that throws fails the run with its message', () => {
    const result = explore(dips, {
      invariant: () => {
        if (state.level < 0) throw new RangeError(`level ${state.level}`);
      },
    });
    expect(result.failure?.failure.message).toBe('RangeError: level -1 (after a step of borrower)');
  });

  it('a livelock ends at the step budget, and the replay line carries the budget', () => {
    const result = explore(spins, { maxSteps: 500, runs: 3 });
    expect(result.failure?.failure.kind).toBe('step-budget');
    expect(result.failure?.replayLine).toBe('replay(spins, "v1;", { maxSteps: 500 })');
    expect(() => replay(spins, 'v1;', { maxSteps: 500 })).toThrow(ScheduleFailure);
  });

  it('an exception never retrieved fails the run only when asked', () => {
    expect(explore(forgets).failure).toBeNull();
    const result = explore(forgets, { unretrievedErrors: true });
    expect(result.failure?.failure).toEqual({
      kind: 'unretrieved',
      name: 'UnretrievedError',
      message: 'Task exception was never retrieved: orphan raised Error: nobody awaits me',
    });
    expect(result.failure?.replayLine).toBe('replay(forgets, "v1;", { unretrievedErrors: true })');
  });

  it('a callback that raises fails the run (runs are strict), summarised in the report, unless callbackErrors is false', () => {
    const reports: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void reports.push(args);
    let result;
    try {
      result = explore(ticks, { runs: 20 });
    } finally {
      console.error = original;
    }
    const message = 'a callback raised during the run (strict): Exception in callback tick(): Error: tick broke';
    expect(result.failure?.failure).toEqual({ kind: 'callback', name: 'CallbackError', message });
    expect(formatReport(result)[1]).toBe(`FAILED at run 0 (the FIFO run): ${message}`);
    // Nothing printed once per run: the report says it.
    expect(reports).toEqual([]);
    expect(explore(ticks, { runs: 20, callbackErrors: false }).failure).toBeNull();
    expect(result.failure?.replayLine).toBe('replay(ticks, "v1;")');
    expect(() => replay(ticks, 'v1;')).toThrow(ScheduleFailure);
  });

  it('refuses options that make no sense, naming them', () => {
    expect(() => explore(dips, { runs: 0 })).toThrow('runs must be an integer ≥ 1, got 0');
    expect(() => explore(dips, { seed: -1 })).toThrow('a seed must be an integer in [0, 2^32), got -1');
    expect(() => explore(dips, { policy: 'bfs' as never })).toThrow('unknown policy "bfs": use fifo, random, pct, exhaustive');
    expect(() => explore(dips() as never)).toThrow('explore and replay take a generator function (main, not main()), got object');
  });
});
