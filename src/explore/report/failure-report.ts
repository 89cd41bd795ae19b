import { DEFAULT_EXPLORE_MAX_STEPS, executeRun, type RunChecks, type RunRecord } from '../execute.js';
import { sameFailure, type Failure } from './failure.js';
import { countNonZero, formatSchedule, trimChoices } from '../choices/schedule.js';
import { worldOf, type StreamChoices, type WorldChoices } from '../choices/streams.js';
import { checkDeterminism, checkFifoAgain, checkFresh, replayTraced, type DeterminismCheck, type FreshReplay, type RunFingerprint } from './self-check.js';
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
  /** How the run the exploration found failed. */
  readonly failure: Failure;
  /** How the shrunk schedule's run failed: the same kind and error class, perhaps another message. */
  readonly shrunkFailure: Failure;
  /** The swarm parameters of the failing run (a world's fault odds, drawn from the seed); empty without a world. */
  readonly swarm: Readonly<Record<string, number>>;
  readonly original: ScheduleSummary;
  /** The shrunk schedule (the original one when shrinking was off or the self-check failed). */
  readonly shrunk: ScheduleSummary;
  readonly shrinkRuns: number;
  /**
   * How shrinking ended: `fewest` (a search showed that no schedule with
   * fewer choices other than 0 fails the same way), `local-minimum` (no
   * single change keeps the failure), `budget` (it ran out of runs first),
   * or `off` (not shrunk: shrinking was off, or the self-check failed).
   */
  readonly shrinkEnd: ShrinkEnd;
  /** The trace of the shrunk schedule's run. */
  readonly trace: readonly TraceEvent[];
  readonly determinism: DeterminismCheck;
  /** A line to paste into a test: `replay(main, "v1;...")`. */
  readonly replayLine: string;
}

/**
 * How shrinking ended (see FailureReport.shrinkEnd).
 *
 * @example
 * if (result.failure?.shrinkEnd === 'fewest') console.log('no schedule with fewer choices fails this way');
 */
export type ShrinkEnd = 'fewest' | 'local-minimum' | 'budget' | 'off';

export interface AnalysisOptions {
  readonly cancel: string | null;
  readonly checks: RunChecks;
  readonly selfCheck: boolean;
  readonly shrink: boolean;
  readonly shrinkRuns?: number;
  /** What run 0, the FIFO run, did: the self-check runs the FIFO schedule again and compares. */
  readonly fifo?: RunFingerprint | null;
  /** Replays a schedule in a fresh copy of the program, for the self-check (a program loaded from a file). */
  readonly freshReplay?: FreshReplay | null;
}

/**
 * From a failing run to a report: check that the schedule fails the same way
 * twice over and that earlier runs left no state behind (the determinism
 * self-check), shrink it, check the shrunk one too, and record its trace and
 * the replay line. When the self-check fails, the schedule is not shrunk:
 * nothing could be trusted to reproduce.
 */
export function analyzeFinding(subject: Subject, finding: Finding, options: AnalysisOptions): FailureReport {
  const { cancel, checks } = options;
  const original = summarize(finding.streams, cancel, total(finding.streams));
  const base = { runIndex: finding.runIndex, swarm: finding.swarm, original, failure: finding.failure };
  const unreproducible = (determinism: DeterminismCheck, replayed: RunRecord): FailureReport =>
    report(subject, { ...base, shrunkFailure: replayed.failure ?? finding.failure, shrunk: original, shrinkRuns: 0, shrinkEnd: 'off', trace: replayed.trace ?? [], determinism }, checks);
  if (options.selfCheck) {
    const checked = checkDeterminism(subject, finding.streams, cancel, checks, finding.failure);
    const leak = checked.check.status === 'deterministic' ? checkLeaks(subject, options, `after run ${finding.runIndex}`, null) : null;
    if (checked.check.status !== 'deterministic' || leak !== null) return unreproducible(leak ?? checked.check, checked.replayed);
  }
  let shrunkStreams: StreamChoices = finding.streams.map(trimChoices);
  let shrinkRuns = 0;
  let shrinkEnd: ShrinkEnd = 'off';
  if (options.shrink) {
    const outcome = shrinkChoices(
      finding.streams,
      {
        run: (chooser) => executeRun(subject, chooser, cancel, checks, false),
        failsSameWay: (record) => record.failure !== null && sameFailure(record.failure, finding.failure),
      },
      { budget: options.shrinkRuns ?? DEFAULT_SHRINK_RUNS },
    );
    shrunkStreams = outcome.streams;
    shrinkRuns = outcome.runs;
    shrinkEnd = outcome.fewestProven ? 'fewest' : outcome.minimal ? 'local-minimum' : 'budget';
  }
  let replayed = replayTraced(subject, shrunkStreams, cancel, checks);
  let determinism: DeterminismCheck = { status: 'skipped' };
  if (options.selfCheck) {
    const checked = checkDeterminism(subject, shrunkStreams, cancel, checks, replayed.failure ?? finding.failure);
    replayed = checked.replayed;
    const shrunk = { streams: shrunkStreams, failure: replayed.failure ?? finding.failure };
    determinism = checked.check.status === 'deterministic' ? (checkLeaks(subject, options, 'after shrinking', shrunk) ?? checked.check) : checked.check;
  }
  const shrunk = summarize(shrunkStreams, cancel, total(shrunkStreams));
  return report(subject, { ...base, shrunkFailure: replayed.failure ?? finding.failure, shrunk, shrinkRuns, shrinkEnd, trace: replayed.trace ?? [], determinism }, checks);
}

/**
 * The self-check's tests for state that outlives a run: the FIFO schedule
 * run again must do what run 0 did; and, once shrunk (`shrunk`), the
 * schedule must fail the same way in a fresh copy of the program.
 */
function checkLeaks(
  subject: Subject,
  options: AnalysisOptions,
  after: string,
  shrunk: { readonly streams: StreamChoices; readonly failure: Failure } | null,
): DeterminismCheck | null {
  const { cancel, checks } = options;
  const fifo = options.fifo === undefined || options.fifo === null ? null : checkFifoAgain(subject, cancel, checks, options.fifo, after);
  if (fifo !== null || shrunk === null) return fifo;
  return checkFresh(options.freshReplay ?? null, shrunk.streams, cancel, checks, shrunk.failure);
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
