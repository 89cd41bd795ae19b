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

  it('with its bug: explore finds stale state overwriting new, shrinks it to three faults, and the printed line replays it', () => {
    const result = explore(buggy, exploreOptions);
    const failure = result.failure!;
    expect(failure.failure.message).toBe('the boot task of client raised Error: monotonic reads broken: r3 answered 1 after 2');
    expect(failure.runIndex).toBe(41);
    // r2 cut off for 100 ms, and a BUGGIFY slow path in r3's apply: a stale replicate lands after a newer one.
    expect(failure.shrunk.schedule).toBe('v2;net=0x5,1;buggify=1,0x2,1');
    expect([failure.shrunk.faults, failure.determinism]).toEqual([3, { status: 'deterministic' }]);
    expect(formatReport(result)).toContain('  shrunk schedule:   10 choices, 3 not FIFO\'s, 3 of them the world\'s (net 1, buggify 2) (' + `${failure.shrinkRuns} shrinking runs)`);
    const world = renderTrace(failure.trace).filter((line) => / world: | schedule: /.test(line));
    expect(world.slice(0, 2)).toEqual(['t=0 schedule: net partition choice 1 of 8', 't=0 world: partition {r1, r3, client} | {r2} (random, for 100 ms) [fault]']);
    expect(failure.replayLine).toBe('replay(main, "v2;net=0x5,1;buggify=1,0x2,1")');
    let replayed: ScheduleFailure | null = null;
    try {
      replay(buggy, 'v2;net=0x5,1;buggify=1,0x2,1');
    } catch (error) {
      replayed = error as ScheduleFailure;
    }
    expect(replayed?.failure).toEqual(failure.failure);
    expect(renderTrace(replayed!.trace)).toEqual(renderTrace(failure.trace));
    // The fix passes the very run that failed.
    expect(replay(fixed, 'v2;net=0x5,1;buggify=1,0x2,1').schedule).toBe('v2;net=0x5,1;buggify=1,0x2,1');
  });

  it('fixed: passes every swarm run and its liveness phase', () => {
    const runs = propertyRuns(300);
    const result = explore(fixed, { runs, seed: 7 });
    expect(result.failure === null ? 'passed' : formatReport(result).join('\n')).toBe('passed');
    expect(result.runs).toBe(runs);
  });
});
