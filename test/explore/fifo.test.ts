import { describe, expect, it } from 'vitest';
import { main as leakyMain } from '../../examples/leaky-semaphore.js';
import { main as lostUpdateMain } from '../../examples/lost-update.js';
import { corpus, opNamesOf } from '../../properties/corpus.js';
import { replay, ScheduleFailure } from '../../src/explore/replay.js';
import { RecordingPolicy } from '../../src/explore/choices/recorder.js';
import { RunMonitor } from '../../src/explore/report/run-monitor.js';
import { ScriptedChooser } from '../../src/explore/choices/scripted.js';
import type { Main } from '../../src/explore/subject.js';
import { describeValue, renderTrace } from '../../src/explore/report/trace.js';
import { run } from '../../src/run.js';
import { runScenario, SCENARIO_OPS } from '../../src/scenario/run-scenario.js';

/** The structured trace of `main` under the kernel's own FIFO policy (its fast path), ended as a replay ends it. */
function fifoTrace(main: Main): string[] {
  const monitor = new RunMonitor(true, null, false);
  let outcome: string;
  try {
    outcome = `return ${describeValue(run(main(), { monitor, maxSteps: 100_000 }))}`;
  } catch (error) {
    outcome = `main raised ${describeValue(error)}`;
  }
  monitor.end(outcome);
  return renderTrace(monitor.events ?? []);
}

function replayTrace(main: Main, schedule: string): string[] {
  try {
    return renderTrace(replay(main, schedule).trace);
  } catch (error) {
    if (error instanceof ScheduleFailure) return renderTrace(error.trace);
    throw error;
  }
}

describe('choice 0 everywhere is exactly the FIFO run', () => {
  for (const entry of corpus()) {
    if (opNamesOf(entry.scenario).some((name) => SCENARIO_OPS[name] === undefined)) continue;
    it(`scenario ${entry.name}: the same trace lines, with and without cancellation points`, () => {
      const fifo = runScenario(entry.scenario);
      expect(runScenario(entry.scenario, { policy: new RecordingPolicy(new ScriptedChooser([]), null) })).toEqual(fifo);
      expect(runScenario(entry.scenario, { policy: new RecordingPolicy(new ScriptedChooser([0, 0, 0]), '*') })).toEqual(fifo);
    });
  }

  it('the examples: replaying the empty schedule gives the FIFO run event for event', () => {
    for (const main of [lostUpdateMain, leakyMain]) {
      const fifo = fifoTrace(main);
      expect(fifo.length).toBeGreaterThan(10);
      expect(replayTrace(main, 'v1;')).toEqual(fifo);
      expect(replayTrace(main, 'v1;0x40')).toEqual(fifo);
      expect(replayTrace(main, 'v1;cancel=*;')).toEqual(fifo);
    }
  });

  it('the lost update passes under FIFO and fails with one choice changed', () => {
    expect(replay(lostUpdateMain, 'v1;').schedule).toBe('v1;');
    expect(() => replay(lostUpdateMain, 'v1;1')).toThrow(ScheduleFailure);
  });
});
