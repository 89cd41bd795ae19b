import { replay, renderTrace, ScheduleFailure, type Main, type TraceEvent, type WorldOptions } from '../../src/index.js';

/** Every random fault fixed off: a test turns on only the one it is about, so its choice points are few and known. */
export const QUIET: WorldOptions = Object.freeze({
  latencyMeanMs: 0,
  lossProbability: 0,
  duplicateProbability: 0,
  partitionProbability: 0,
  clogProbability: 0,
  crashProbability: 0,
  pauseProbability: 0,
  clockJumpProbability: 0,
  clockDriftMaxPpm: 0,
});

/** The world's events of a trace, rendered. */
export function worldLines(trace: readonly TraceEvent[]): string[] {
  return renderTrace(trace.filter((event) => event.type === 'world'));
}

/** The trace of `main` replayed under `schedule`, whether the run passes or fails. */
export function traceOf(main: Main, schedule = 'v1;'): readonly TraceEvent[] {
  try {
    return replay(main, schedule).trace;
  } catch (error) {
    if (error instanceof ScheduleFailure) return error.trace;
    throw error;
  }
}

/** The world's events of `main` replayed under `schedule`. */
export function worldTrace(main: Main, schedule = 'v1;'): string[] {
  return worldLines(traceOf(main, schedule));
}

/** The lines of `trace` that `pattern` matches, rendered. */
export function linesMatching(trace: readonly TraceEvent[], pattern: RegExp): string[] {
  return renderTrace(trace).filter((line) => pattern.test(line));
}
