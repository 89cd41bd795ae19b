import { DEFAULT_EXPLORE_MAX_STEPS, executeRun, type RunChecks } from '../execute.js';
import { sameFailure, type Failure } from './failure.js';
import { countNonZero, formatSchedule, trimChoices } from '../choices/schedule.js';
import { worldOf, type StreamChoices, type WorldChoices } from '../choices/streams.js';
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
  /** The scheduler's choices (without trailing zeros). */
  readonly choices: readonly number[];
  /** The world's choices by stream (without trailing zeros); empty without a world. */
  readonly world: WorldChoices;
  /** Choice points the run met (original), or choices written (shrunk, without trailing zeros), over every stream. */
  readonly length: number;
  /** Choices other than 0 (FIFO, fault-free), over every stream. */
  readonly nonZero: number;
  /** Of those, the world's: its injected faults and unusual latencies. */
  readonly faults: number;
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
  /** The swarm parameters of the failing run (a world's fault odds, drawn from the seed); empty without a world. */
  readonly swarm: Readonly<Record<string, number>>;
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
  const original = summarize(finding.streams, cancel, total(finding.streams));
  let determinism: DeterminismCheck = { status: 'skipped' };
  const base = { runIndex: finding.runIndex, swarm: finding.swarm, original };
  if (options.selfCheck) {
    const checked = checkDeterminism(subject, finding.streams, cancel, checks, finding.failure);
    determinism = checked.check;
    if (determinism.status === 'non-deterministic') {
      return report(subject, { ...base, failure: finding.failure, shrunk: original, shrinkRuns: 0, trace: checked.replayed.trace ?? [], determinism }, checks);
    }
  }
  let shrunkStreams: StreamChoices = finding.streams.map(trimChoices);
  let shrinkRuns = 0;
  if (options.shrink) {
    const outcome = shrinkChoices(
      finding.streams,
      (candidate) => {
        const record = executeRun(subject, new ScriptedChooser(candidate), cancel, checks, false);
        return record.failure !== null && sameFailure(record.failure, finding.failure) ? record.streams : null;
      },
      options.shrinkRuns ?? DEFAULT_SHRINK_RUNS,
    );
    shrunkStreams = outcome.streams;
    shrinkRuns = outcome.runs;
  }
  let replayed = replayTraced(subject, shrunkStreams, cancel, checks);
  const failure = replayed.failure ?? finding.failure;
  if (options.selfCheck) {
    const checked = checkDeterminism(subject, shrunkStreams, cancel, checks, failure);
    determinism = checked.check;
    replayed = checked.replayed;
  }
  const shrunk = summarize(shrunkStreams, cancel, total(shrunkStreams));
  return report(subject, { ...base, failure, shrunk, shrinkRuns, trace: replayed.trace ?? [], determinism }, checks);
}

function report(subject: Subject, parts: Omit<FailureReport, 'replayLine'>, checks: RunChecks): FailureReport {
  return { ...parts, replayLine: replayLine(subject, parts.shrunk.schedule, checks) };
}

function summarize(streams: StreamChoices, cancel: string | null, length: number): ScheduleSummary {
  const trimmed = streams.map(trimChoices);
  const choices = trimmed[0] ?? [];
  const world = worldOf(trimmed);
  const nonZero = trimmed.reduce((count, each) => count + countNonZero(each), 0);
  return { schedule: formatSchedule({ choices, world, cancel }), choices, world, length, nonZero, faults: nonZero - countNonZero(choices) };
}

function total(streams: StreamChoices): number {
  return streams.reduce((count, each) => count + each.length, 0);
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
  if ((checks.check ?? subject.check ?? null) !== null) options.push('check');
  if (checks.maxSteps !== undefined && checks.maxSteps !== DEFAULT_EXPLORE_MAX_STEPS) options.push(`maxSteps: ${checks.maxSteps}`);
  const rest = `${JSON.stringify(schedule)}${options.length > 0 ? `, { ${options.join(', ')} }` : ''}`;
  if (subject.kind === 'scenario') return `replaySubject(scenarioSubject(scenario), ${rest})`;
  const identifier = /^[A-Za-z_$][\w$]*$/.test(subject.name) ? subject.name : 'main';
  return `replay(${identifier}, ${rest})`;
}
