import { executeRun, type RunChecks, type RunRecord } from '../execute.js';
import { describeFailure, type Failure } from './failure.js';
import { formatSchedule, sameChoices, trimChoices } from '../choices/schedule.js';
import { worldOf, type StreamChoices } from '../choices/streams.js';
import { ScriptedChooser } from '../choices/scripted.js';
import type { Subject } from '../subject.js';
import { diffTraces, type TraceDifference } from './trace-diff.js';

/**
 * The determinism self-check of a failing schedule: replayed twice, it must
 * fail the same way with the same choices, and the two traces must be equal
 * (else `non-deterministic`: something outside simloop's control, such as
 * Math.random or Date.now, decides what the program does). And the runs
 * before must have left nothing behind (else `state-leak`): the FIFO
 * schedule, run again, must do what run 0 did, and for a program loaded
 * from a file, the schedule must fail the same way in a fresh worker thread.
 * Either way no schedule can be trusted to reproduce anything.
 *
 * @example
 * const check: DeterminismCheck | undefined = explore(main).failure?.determinism;
 * if (check?.status === 'non-deterministic') console.log(check.detail);
 */
export type DeterminismCheck =
  | {
      readonly status: 'deterministic';
      /** Set when a fresh copy of the program (a new worker thread) replayed the failure too. */
      readonly freshReplay?: true;
    }
  | { readonly status: 'skipped' }
  | {
      readonly status: 'non-deterministic';
      /** What went wrong, in one sentence. */
      readonly detail: string;
      /** Where the two replays' traces first differ, if they do. */
      readonly difference: TraceDifference | null;
    }
  | {
      /** A schedule behaves differently after earlier runs than before them (or than in a fresh copy of the program). */
      readonly status: 'state-leak';
      /** What showed it, in one sentence. */
      readonly detail: string;
    };

/**
 * Replays a schedule in a fresh copy of the program, one that no earlier run
 * has touched (for a file: a new worker thread, which loads it anew), and
 * says how it failed, or null when it passed.
 *
 * @example
 * const replayFresh: FreshReplay = (streams, cancel, checks) => executeRun(freshSubject(), new ScriptedChooser(streams), cancel, checks, false).failure;
 */
export type FreshReplay = (streams: StreamChoices, cancel: string | null, checks: RunChecks) => Failure | null;

/** What the FIFO run (run 0) did, to compare with the FIFO schedule run again later. */
export interface RunFingerprint {
  readonly failure: Failure | null;
  readonly steps: number;
  /** Every stream's choice-point counts: the shape of the run. */
  readonly points: string;
}

/** A run's fingerprint. */
export function fingerprintOf(record: RunRecord): RunFingerprint {
  return { failure: record.failure, steps: record.steps, points: record.logs.map((log) => log.counts.join(',')).join(';') };
}

/**
 * The check for state that outlives a run: the FIFO schedule, run again now,
 * must do what run 0 did. Null when it does; a state-leak verdict naming
 * the difference when it does not.
 */
export function checkFifoAgain(subject: Subject, cancel: string | null, checks: RunChecks, fifo: RunFingerprint, after: string): DeterminismCheck | null {
  const now = executeRun(subject, new ScriptedChooser([]), cancel, checks, false);
  const again = fingerprintOf(now);
  if (sameFailureExactly(again.failure, fifo.failure) && again.steps === fifo.steps && again.points === fifo.points) return null;
  const fifoLine = formatSchedule({ choices: [], cancel });
  const how =
    again.failure !== null && fifo.failure === null
      ? `it fails (${describeFailure(again.failure)})`
      : again.failure === null && fifo.failure !== null
        ? 'it passes'
        : !sameFailureExactly(again.failure, fifo.failure)
          ? `it fails another way (${describeFailure(again.failure as Failure)})`
          : `it runs differently (${again.steps} callbacks, not ${fifo.steps})`;
  const before = fifo.failure === null ? 'passed' : 'failed';
  return { status: 'state-leak', detail: `run 0 ${before} the FIFO schedule ${fifoLine}, but run again ${after}, ${how}` };
}

/**
 * The check in a fresh copy of the program: the failing schedule must fail
 * the same way there. Null when there is no fresh copy to ask.
 */
export function checkFresh(
  freshReplay: FreshReplay | null,
  streams: StreamChoices,
  cancel: string | null,
  checks: RunChecks,
  expected: Failure,
): DeterminismCheck | null {
  if (freshReplay === null) return null;
  const fresh = freshReplay(streams, cancel, checks);
  if (fresh !== null && sameOutcome(fresh, expected)) return { status: 'deterministic', freshReplay: true };
  const line = formatSchedule({ choices: streams[0] ?? [], world: worldOf(streams.map(trimChoices)), cancel });
  const there = fresh === null ? 'passes there' : `fails another way there (${describeFailure(fresh)})`;
  return { status: 'state-leak', detail: `the schedule ${line} fails here, after earlier runs, but a fresh worker thread that loads the program anew replays it and ${there}` };
}

function sameFailureExactly(a: Failure | null, b: Failure | null): boolean {
  return a === null || b === null ? a === b : sameOutcome(a, b);
}

/** Replays `choices` twice with traces and compares; `expected` is how the schedule failed before. */
export function checkDeterminism(
  subject: Subject,
  choices: StreamChoices,
  cancel: string | null,
  checks: RunChecks,
  expected: Failure,
): { check: DeterminismCheck; replayed: RunRecord } {
  const first = replayTraced(subject, choices, cancel, checks);
  const second = replayTraced(subject, choices, cancel, checks);
  const difference = diffTraces(first.trace ?? [], second.trace ?? []);
  const fail = (detail: string): { check: DeterminismCheck; replayed: RunRecord } => ({
    check: { status: 'non-deterministic', detail, difference },
    replayed: first,
  });
  if (difference !== null) return fail('the same schedule, run twice, gave two different traces');
  if (!sameOutcome(first.failure, expected)) {
    return fail(`the schedule failed with "${expected.message}" but replayed ${first.failure === null ? 'without failing' : `with "${first.failure.message}"`}`);
  }
  if (!sameStreams(first.streams, choices)) {
    return fail('replaying the schedule took different choices than the run that recorded it');
  }
  return { check: { status: 'deterministic' }, replayed: first };
}

/** Whether two runs took the same choices in every stream (trailing zeros aside). */
function sameStreams(a: StreamChoices, b: StreamChoices): boolean {
  const length = Math.max(a.length, b.length);
  for (let stream = 0; stream < length; stream++) if (!sameChoices(a[stream] ?? [], b[stream] ?? [])) return false;
  return true;
}

/** One traced run of a written schedule (one list per stream). */
export function replayTraced(subject: Subject, choices: StreamChoices, cancel: string | null, checks: RunChecks): RunRecord {
  return executeRun(subject, new ScriptedChooser(choices), cancel, checks, true);
}

function sameOutcome(actual: Failure | null, expected: Failure): boolean {
  return actual !== null && actual.kind === expected.kind && actual.name === expected.name && actual.message === expected.message;
}
