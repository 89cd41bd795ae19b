import { describe, expect, it } from 'vitest';
import { main, mainFixed } from '../../../examples/durable-log.js';
import { propertyRuns } from '../../../properties/runs.js';
import { explore, formatReport, renderTrace, replay, ScheduleFailure, type ExploreResult } from '../../../src/index.js';
import { buildTimeline } from '../../../src/explore/report/html/client/model/build.js';

/** The exploration of the buggy store, made once for every test here. */
let explored: ExploreResult | null = null;
const exploration = (): ExploreResult => (explored ??= explore(main, { runs: 300, seed: 1 }));

describe('the worked example: a write-ahead log whose compaction renames without fsyncing the directory', () => {
  it('explore finds the lost acknowledged put and shrinks it to the one crash that matters', () => {
    const result = exploration();
    const failure = result.failure!;
    expect(failure.failure.message).toBe('lost an acknowledged put: k1 is 1 after a crash, expected 4');
    expect([failure.shrunk.schedule, failure.shrunk.nonZero, failure.shrunk.faults]).toEqual(['v2;crash=0x5,1', 1, 1]);
    expect(failure.replayLine).toBe('replay(main, "v2;crash=0x5,1")');
    const world = renderTrace(failure.trace.filter((event) => event.type === 'world' && event.action !== 'disk-fsync'));
    expect(world.slice(-8)).toEqual([
      "t=16 kv: disk-rename 'log.tmp' -> 'log'",
      "t=17 kv: disk-append 'log.tmp' [15, 20)",
      't=18 kv: disk-crash 2 directory changes and 1 file pending (with 1 write in flight)',
      "t=18 kv: disk-crash create 'log.tmp' lost",
      "t=18 kv: disk-crash rename 'log.tmp' -> 'log' lost with the change it needs",
      "t=19 kv#2: disk-open 'log'",
      't=20 kv#2: disk-fsync-directory 0 changes durable',
      "t=21 kv#2: disk-read 'log' [0, 20)",
    ]);
    expect(formatReport(result)).toContain("  shrunk schedule:   6 choices, 1 not FIFO's, 1 of them the world's (crash 1) (" + `${failure.shrinkRuns} shrinking runs)`);
  });

  it('shows in the HTML timeline: each disk event a mark on its incarnation’s host row, a fault where the trace says so', () => {
    const trace = exploration().failure!.trace;
    const timeline = buildTimeline(trace, true);
    const diskEvents = trace.flatMap((event, index) => (event.type === 'world' && event.action.startsWith('disk-') ? [{ index, event }] : []));
    const marks = new Map(timeline.marks.filter((mark) => mark.kind === 'world').map((mark) => [mark.event, mark]));
    const shown = diskEvents.map(({ index, event }) => {
      const mark = marks.get(index)!;
      expect(mark.fault).toBe((event as { fault: boolean }).fault);
      return `${timeline.lanes[mark.lane]!.key} ${(event as { action: string }).action}`;
    });
    expect(shown.length).toBeGreaterThan(20);
    expect(new Set(shown.map((line) => line.split(' ')[0]))).toEqual(new Set(['kv', 'kv#2']));
    expect(shown.slice(-7)).toEqual(['kv disk-fsync', 'kv disk-crash', 'kv disk-crash', 'kv disk-crash', 'kv#2 disk-open', 'kv#2 disk-fsync-directory', 'kv#2 disk-read']);
  });

  it('replays from the printed line, to the same failure and trace', () => {
    let caught: unknown;
    try {
      replay(main, 'v2;crash=0x5,1');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScheduleFailure);
    expect((caught as ScheduleFailure).failure.message).toBe('lost an acknowledged put: k1 is 1 after a crash, expected 4');
    expect(exploration().failure?.trace).toEqual((caught as ScheduleFailure).trace);
  });

  it('the fixed store passes under crashes at any point, pending writes kept, lost or torn, and latencies', () => {
    for (const policy of ['random', 'pct'] as const) {
      const result = explore(mainFixed, { policy, runs: propertyRuns(600), seed: 7 });
      expect(result.failure).toBeNull();
    }
    expect(() => replay(mainFixed, 'v2;crash=0x5,1')).not.toThrow();
  });
});
