import { executeRun, type RunChecks, type RunRecord } from './execute.js';
import { describeFailure, type Failure } from './report/failure.js';
import { formatSchedule, scheduleStreams, toSchedule, type Schedule } from './choices/schedule.js';
import { worldOf } from './choices/streams.js';
import { ScriptedChooser } from './choices/scripted.js';
import { programSubject, type Main, type Subject } from './subject.js';
import { renderTrace, type TraceEvent } from './report/trace.js';

/**
 * The checks of a replay: the same as the exploration's, so the same failure shows.
 *
 * @example
 * replay(main, 'v1;0x3,1', { invariant: () => account.balance >= 0 });
 */
export type ReplayOptions = RunChecks;

/**
 * A replayed run that passed.
 *
 * @example
 * const { schedule, trace } = replay(main, 'v1;1');
 * console.log(schedule, renderTrace(trace).join('\n'));
 */
export interface ReplayResult {
  /** The schedule as the run took it (choices beyond the last candidate clamped, trailing zeros dropped). */
  readonly schedule: string;
  readonly trace: readonly TraceEvent[];
}

/**
 * A replayed schedule failed. The message holds the failure, the schedule
 * and the trace; the fields hold them as data.
 *
 * @example
 * try { replay(main, 'v1;1'); } catch (e) { if (e instanceof ScheduleFailure) console.log(renderTrace(e.trace)); }
 */
export class ScheduleFailure extends Error {
  override name = 'ScheduleFailure';
  constructor(
    readonly failure: Failure,
    readonly schedule: string,
    readonly trace: readonly TraceEvent[],
  ) {
    super([describeFailure(failure), `schedule: ${schedule}`, 'trace:', ...renderTrace(trace).map((line) => `  ${line}`)].join('\n'));
  }
}

/**
 * Runs `main` once under a written schedule, exactly as the exploration that
 * printed it did. Throws ScheduleFailure when the run fails, so the line an
 * exploration reports, pasted into a test, fails that test until the bug is
 * fixed, and then guards against its return.
 *
 * @example
 * replay(main, 'v1;0x3,1'); // throws ScheduleFailure: main raised Error: lost update ...
 */
export function replay(main: Main, schedule: string | Schedule, options: ReplayOptions = {}): ReplayResult {
  const written = toSchedule(schedule);
  const record = replaySubject(programSubject(main), written, options);
  const taken = formatSchedule({ choices: record.choices, world: worldOf(record.streams), cancel: written.cancel });
  if (record.failure !== null) throw new ScheduleFailure(record.failure, taken, record.trace ?? []);
  return { schedule: taken, trace: record.trace ?? [] };
}

/**
 * One traced run of any subject under a schedule; never throws for the
 * program's sake: a failure is the record's `failure`.
 *
 * @example
 * replaySubject(scenarioSubject(scenario), 'v1;0x2,1').trace;
 */
export function replaySubject(subject: Subject, schedule: string | Schedule, options: ReplayOptions = {}): RunRecord {
  const written = toSchedule(schedule);
  return executeRun(subject, new ScriptedChooser(scheduleStreams(written)), written.cancel, options, true);
}
