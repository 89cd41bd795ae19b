import { executeRun, type RunChecks, type RunRecord } from '../execute.js';
import type { Failure } from './failure.js';
import { trimChoices } from '../choices/schedule.js';
import type { StreamChoices } from '../choices/streams.js';
import { ScriptedChooser } from '../choices/scripted.js';
import type { Subject } from '../subject.js';
import { diffTraces, type TraceDifference } from './trace-diff.js';

/**
 * The determinism self-check of a failing schedule: replayed twice, it must
 * fail the same way with the same choices, and the two traces must be equal.
 * When they are not, something outside simloop's control decides what the
 * program does (Math.random, Date.now, a counter that outlives the run),
 * and no schedule can be trusted to reproduce anything.
 *
 * @example
 * const check: DeterminismCheck | undefined = explore(main).failure?.determinism;
 * if (check?.status === 'non-deterministic') console.log(check.detail);
 */
export type DeterminismCheck =
  | { readonly status: 'deterministic' }
  | { readonly status: 'skipped' }
  | {
      readonly status: 'non-deterministic';
      /** What went wrong, in one sentence. */
      readonly detail: string;
      /** Where the two replays' traces first differ, if they do. */
      readonly difference: TraceDifference | null;
    };

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
  if (!sameChoices(first.streams, choices)) {
    return fail('replaying the schedule took different choices than the run that recorded it');
  }
  return { check: { status: 'deterministic' }, replayed: first };
}

/** Whether two runs took the same choices in every stream (trailing zeros aside). */
function sameChoices(a: StreamChoices, b: StreamChoices): boolean {
  const length = Math.max(a.length, b.length);
  for (let stream = 0; stream < length; stream++) {
    if (trimChoices(a[stream] ?? []).join() !== trimChoices(b[stream] ?? []).join()) return false;
  }
  return true;
}

/** One traced run of a written schedule (one list per stream). */
export function replayTraced(subject: Subject, choices: StreamChoices, cancel: string | null, checks: RunChecks): RunRecord {
  return executeRun(subject, new ScriptedChooser(choices), cancel, checks, true);
}

function sameOutcome(actual: Failure | null, expected: Failure): boolean {
  return actual !== null && actual.kind === expected.kind && actual.name === expected.name && actual.message === expected.message;
}
