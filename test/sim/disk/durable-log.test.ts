import { describe, expect, it } from 'vitest';
import { exploreOptions, main } from '../../../examples/durable-log/buggy.js';
import { main as mainFixed } from '../../../examples/durable-log/fixed.js';
import { propertyRuns } from '../../../properties/runs.js';
import { buildTimeline } from '../../../src/explore/report/html/client/model/build.js';
import { explore, formatReport, renderTrace, replay, ScheduleFailure, type ExploreResult } from '../../../src/index.js';

const MESSAGE = 'the boot task of client raised Error: lost an acknowledged put: k2 reads 2, but k2=5 was acknowledged';

/** The exploration of the buggy store, made once for every test here. */
let explored: ExploreResult | null = null;
const exploration = (): ExploreResult => (explored ??= explore(main, exploreOptions));

describe('the worked example: a write-ahead log whose compaction renames without fsyncing the directory', () => {
  it('explore finds the lost acknowledged put under swarm faults and shrinks it to the one crash that matters', () => {
    const result = exploration();
    const failure = result.failure!;
    expect(failure.failure.message).toBe(MESSAGE);
    expect([failure.shrunk.schedule, failure.shrunk.nonZero, failure.shrunk.faults]).toEqual(['v2;crash=0x33,1', 1, 1]);
    expect(failure.replayLine).toBe('replay(main, "v2;crash=0x33,1")');
    const world = renderTrace(failure.trace.filter((event) => event.type === 'world' && /disk-(rename|crash)|crash|restart/.test(event.action)));
    expect(world).toEqual([
      "t=40 kv: disk-rename 'log.tmp' -> 'log'",
      't=50 kv: disk-crash 2 directory changes and 0 files pending',
      "t=50 kv: disk-crash create 'log.tmp' lost",
      "t=50 kv: disk-crash rename 'log.tmp' -> 'log' lost with the change it needs",
      't=50 kv: crash incarnation 1 (random) [fault]',
      't=60 kv#2: restart incarnation 2',
    ]);
    expect(formatReport(result)).toContain("  shrunk schedule:   34 choices, 1 not FIFO's, 1 of them the world's (crash 1) (" + `${failure.shrinkRuns} shrinking runs; no schedule with fewer fails the same way)`);
  });

  it('shows in the HTML timeline: each disk event a mark on its incarnation’s host row, a fault where the trace says so', () => {
    const trace = exploration().failure!.trace;
    const timeline = buildTimeline(trace, true);
    const marks = new Map(timeline.marks.filter((mark) => mark.kind === 'world').map((mark) => [mark.event, mark]));
    const shown = trace.flatMap((event, index) => {
      if (event.type !== 'world' || !event.action.startsWith('disk-')) return [];
      const mark = marks.get(index)!;
      expect(mark.fault).toBe(event.fault);
      return [`${timeline.lanes[mark.lane]!.key} ${event.action}`];
    });
    expect(shown.length).toBeGreaterThan(20);
    expect(shown.slice(-6)).toEqual(['kv disk-crash', 'kv disk-crash', 'kv disk-crash', 'kv#2 disk-open', 'kv#2 disk-fsync-directory', 'kv#2 disk-read']);
  });

  it('replays from the printed line, to the same failure and trace', () => {
    let caught: unknown;
    try {
      replay(main, 'v2;crash=0x33,1');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScheduleFailure);
    expect((caught as ScheduleFailure).failure.message).toBe(MESSAGE);
    expect(exploration().failure?.trace).toEqual((caught as ScheduleFailure).trace);
  });

  it('the fixed store passes under the same swarm faults: network, random crashes, what a crash keeps or tears, latencies', () => {
    expect(() => replay(mainFixed, 'v2;crash=0x33,1')).not.toThrow();
    expect(explore(mainFixed, { runs: propertyRuns(300), seed: 7 }).failure).toBeNull();
    expect(explore(mainFixed, { policy: 'pct', runs: propertyRuns(100), seed: 8 }).failure).toBeNull();
  });
});
