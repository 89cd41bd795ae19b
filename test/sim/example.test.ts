// The worked example, examples/replicated-counter: explore finds its bug,
// shrinks it to a few faults, and the printed line replays it; the fixed
// version passes swarm runs and the liveness phase (a few hundred here,
// PROPERTY_RUNS_SCALE=20 for thousands).
import { describe, expect, it } from 'vitest';
import { exploreOptions, main as buggy } from '../../examples/replicated-counter/buggy.js';
import { main as fixed } from '../../examples/replicated-counter/fixed.js';
import { explore, formatReport, renderTrace, replay, run, ScheduleFailure } from '../../src/index.js';
import { propertyRuns } from '../../properties/runs.js';

describe('the replicated counter', () => {
  it('passes without faults, with and without its bug', () => {
    expect(() => run(buggy())).not.toThrow();
    expect(() => run(fixed())).not.toThrow();
  });

  it('with its bug: explore finds stale state overwriting new, shrinks it to one delayed message, and the printed line replays it', () => {
    const result = explore(buggy, exploreOptions);
    const failure = result.failure!;
    expect(failure.failure.message).toBe('the boot task of client raised Error: monotonic reads broken: r2 answered 1 after 2');
    expect(failure.runIndex).toBe(41);
    // One fault: r1's replicate of seq 1 to r2 takes 26 ms, so the newer seq 2 lands first and r2 goes back to 1.
    expect(failure.shrunk.schedule).toBe('v2;net=0x28,5');
    expect(failure.shrunkFailure.message).toBe('the boot task of client raised Error: monotonic reads broken: r2 answered 1 after 3');
    expect([failure.shrunk.faults, failure.shrinkEnd, failure.determinism]).toEqual([1, 'fewest', { status: 'deterministic' }]);
    expect(formatReport(result)).toContain(
      "  shrunk schedule:   29 choices, 1 not FIFO's, 1 of them the world's (net 1) (" + `${failure.shrinkRuns} shrinking runs; no schedule with fewer fails the same way)`,
    );
    const faults = renderTrace(failure.trace).filter((line) => / schedule: |\[fault\]$/.test(line));
    expect(faults).toEqual(['t=1 schedule: net latency choice 5 of 8', 't=1 r1: send #6 r1 -> r2 call #4: {"type":"replicate","seq":1,"value":1} (in 26 ms) [fault]']);
    expect(failure.replayLine).toBe('replay(main, "v2;net=0x28,5")');
    let replayed: ScheduleFailure | null = null;
    try {
      replay(buggy, 'v2;net=0x28,5');
    } catch (error) {
      replayed = error as ScheduleFailure;
    }
    expect(replayed?.failure).toEqual(failure.shrunkFailure);
    expect(renderTrace(replayed!.trace)).toEqual(renderTrace(failure.trace));
    // The fix passes the very run that failed.
    expect(replay(fixed, 'v2;net=0x28,5').schedule).toBe('v2;net=0x28,5');
  });

  it('fixed: passes every swarm run and its liveness phase', () => {
    const runs = propertyRuns(300);
    const result = explore(fixed, { runs, seed: 7 });
    expect(result.failure === null ? 'passed' : formatReport(result).join('\n')).toBe('passed');
    expect(result.runs).toBe(runs);
  });
});
