import { DEFAULT_EXPLORE_MAX_STEPS, executeRun, type RunChecks } from '../execute.js';
import { sameFailure, type Failure } from './failure.js';
import { countNonZero, formatSchedule, trimChoices } from '../choices/schedule.js';
import { ScriptedChooser } from '../choices/scripted.js';
import { checkDeterminism, replayTraced, type DeterminismCheck } from './self-check.js';
import { DEFAULT_SHRINK_RUNS, shrinkChoices } from '../shrink/shrink.js';
import type { Finding } from '../search.js';
import type { Subject } from '../subject.js';
import type { TraceEvent } from './trace.js';

/**
 * A schedule as a report shows it: the line, its length and how many choices are not FIFO's.
 *
 * @example
 * const { original, shrunk } = result.failure;
 * console.log(`shrunk from ${original.nonZero} to ${shrunk.nonZero} non-FIFO choices: ${shrunk.schedule}`);
 */
export interface ScheduleSummary {
  readonly schedule: string;
  readonly choices: readonly number[];
  /** Choice points the run met (original), or choices written (shrunk, without trailing zeros). */
  readonly length: number;
  readonly nonZero: number;
}

/**
 * Everything known about the failure an exploration found.
 *
 * @example
 * const report: FailureReport | null = explore(main, { runs: 500 }).failure;
 * if (report !== null) console.log(report.failure.message, report.replayLine);
 */
export interface FailureReport {
  readonly runIndex: number;
  readonly failure: Failure;
  readonly original: ScheduleSummary;
  /** The shrunk schedule (the original one when shrinking was off or the program is non-deterministic). */
  readonly shrunk: ScheduleSummary;
  readonly shrinkRuns: number;
  /** The trace of the shrunk schedule's run. */
  readonly trace: readonly TraceEvent[];
  readonly determinism: DeterminismCheck;
  /** A line to paste into a test: `replay(main, "v1;...")`. */
  readonly replayLine: string;
}

export interface AnalysisOptions {
  readonly cancel: string | null;
  readonly checks: RunChecks;
  readonly selfCheck: boolean;
  readonly shrink: boolean;
  readonly shrinkRuns?: number;
}

/**
 * From a failing run to a report: check that the schedule fails the same way
 * twice over (determinism), shrink it, check the shrunk one too, and record
 * its trace and the replay line.
 */
export function analyzeFinding(subject: Subject, finding: Finding, options: AnalysisOptions): FailureReport {
  const { cancel, checks } = options;
  const original = summarize(finding.choices, cancel, finding.choices.length);
  let determinism: DeterminismCheck = { status: 'skipped' };
  if (options.selfCheck) {
    const checked = checkDeterminism(subject, finding.choices, cancel, checks, finding.failure);
    determinism = checked.check;
    if (determinism.status === 'non-deterministic') {
      return report(subject, finding, original, original, 0, checked.replayed.trace ?? [], determinism, checks);
    }
  }
  let shrunkChoices = trimChoices(finding.choices);
  let shrinkRuns = 0;
  if (options.shrink) {
    const outcome = shrinkChoices(
      finding.choices,
      (candidate) => {
        const record = executeRun(subject, new ScriptedChooser(candidate), cancel, checks, false);
        return record.failure !== null && sameFailure(record.failure, finding.failure) ? record.choices : null;
      },
      options.shrinkRuns ?? DEFAULT_SHRINK_RUNS,
    );
    shrunkChoices = outcome.choices;
    shrinkRuns = outcome.runs;
  }
  let replayed = replayTraced(subject, shrunkChoices, cancel, checks);
  const failure = replayed.failure ?? finding.failure;
  if (options.selfCheck) {
    const checked = checkDeterminism(subject, shrunkChoices, cancel, checks, failure);
    determinism = checked.check;
    replayed = checked.replayed;
  }
  const shrunk = summarize(shrunkChoices, cancel, shrunkChoices.length);
  return report(subject, { runIndex: finding.runIndex, choices: shrunkChoices, failure }, original, shrunk, shrinkRuns, replayed.trace ?? [], determinism, checks);
}

function report(
  subject: Subject,
  finding: Finding,
  original: ScheduleSummary,
  shrunk: ScheduleSummary,
  shrinkRuns: number,
  trace: readonly TraceEvent[],
  determinism: DeterminismCheck,
  checks: RunChecks,
): FailureReport {
  return {
    runIndex: finding.runIndex,
    failure: finding.failure,
    original,
    shrunk,
    shrinkRuns,
    trace,
    determinism,
    replayLine: replayLine(subject, shrunk.schedule, checks),
  };
}

function summarize(choices: readonly number[], cancel: string | null, length: number): ScheduleSummary {
  const trimmed = trimChoices(choices);
  return { schedule: formatSchedule({ choices: trimmed, cancel }), choices: trimmed, length, nonZero: countNonZero(trimmed) };
}

/**
 * `replay(main, "v1;0x3,1")`, with the options the failure needs to show; for
 * a scenario, `replaySubject(scenarioSubject(scenario), ...)`, which returns
 * the run instead of throwing.
 */
export function replayLine(subject: Subject, schedule: string, checks: RunChecks): string {
  const options: string[] = [];
  if (checks.invariant !== undefined && checks.invariant !== null) options.push('invariant');
  if (checks.invariant && checks.invariantAt === 'end') options.push("invariantAt: 'end'");
  if (checks.unretrievedErrors === true) options.push('unretrievedErrors: true');
  if (checks.callbackErrors === false) options.push('callbackErrors: false');
  if (checks.maxSteps !== undefined && checks.maxSteps !== DEFAULT_EXPLORE_MAX_STEPS) options.push(`maxSteps: ${checks.maxSteps}`);
  const rest = `${JSON.stringify(schedule)}${options.length > 0 ? `, { ${options.join(', ')} }` : ''}`;
  if (subject.kind === 'scenario') return `replaySubject(scenarioSubject(scenario), ${rest})`;
  const identifier = /^[A-Za-z_$][\w$]*$/.test(subject.name) ? subject.name : 'main';
  return `replay(${identifier}, ${rest})`;
}
