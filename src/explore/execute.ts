import type { Chooser, ChoiceKind } from './choices/chooser.js';
import { classifyFailure, describeFailure, type Failure } from './report/failure.js';
import { RecordingPolicy, type StreamLog } from './choices/recorder.js';
import type { StreamChoices } from './choices/streams.js';
import { RunMonitor, type Invariant } from './report/run-monitor.js';
import { CheckFailed, type RunCheck } from './run-check.js';
import { SubjectError, type Subject } from './subject.js';
import { describeValue, type TraceEvent } from './report/trace.js';

/**
 * What makes a run fail besides main raising, deadlock and the step budget.
 *
 * @example
 * const checks: RunChecks = { invariant: () => account.balance >= 0, maxSteps: 50_000 };
 * replaySubject(programSubject(main), 'v1;1', checks);
 */
export interface RunChecks {
  /** Checked after every step (or only at the end, see invariantAt) and at the end. */
  readonly invariant?: Invariant | null;
  /** `step` (default): after every task step and at the end; `end`: only at the end. */
  readonly invariantAt?: 'step' | 'end';
  /** Fail when a task's exception was never retrieved. Default false. */
  readonly unretrievedErrors?: boolean;
  /**
   * Fail when a callback (callSoon, callLater, a done callback) raised: the
   * runs are strict (see RunOptions.strict). Default true; false lets such
   * errors go to the exception handler and the run go on, as plain asyncio.
   */
  readonly callbackErrors?: boolean;
  /** The step budget of one run. Default 100,000. */
  readonly maxSteps?: number;
  /** A check of the whole run once it is over, such as the linearizability of the history its clients recorded. */
  readonly check?: RunCheck | null;
}

export const DEFAULT_EXPLORE_MAX_STEPS = 100_000;

function ignoreReport(): void {}

/**
 * One run under one schedule: how it ended and the choices it made.
 *
 * @example
 * const record: RunRecord = replaySubject(programSubject(main), 'v2;net=0x3,1');
 * console.log(record.failure?.message, record.streams);
 */
export interface RunRecord {
  readonly failure: Failure | null;
  /** The scheduler's choices actually taken, one per choice point (the `sched` stream). */
  readonly choices: readonly number[];
  readonly kinds: readonly ChoiceKind[];
  readonly counts: readonly number[];
  /** Every stream's choices actually taken, in CHOICE_STREAMS order: replaying them repeats the run. */
  readonly streams: StreamChoices;
  /** Each stream's log: what each choice point was and how many alternatives it had. */
  readonly logs: readonly StreamLog[];
  /** The stream of every choice, in the order they were made across streams. */
  readonly order: readonly number[];
  /** The swarm parameters the world drew for this run, by name (empty without a world). */
  readonly swarm: Readonly<Record<string, number>>;
  /** How many cancellation points the run met. */
  readonly cancelPoints: number;
  /** How many callbacks the loop ran. */
  readonly steps: number;
  /** How many tasks the run created. */
  readonly tasks: number;
  /** The structured trace, when it was recorded. */
  readonly trace: readonly TraceEvent[] | null;
}

/**
 * Runs the subject once, asking `chooser` at every choice point, and reports
 * how it went. Never throws for the program's sake: every way a run can fail
 * becomes `failure`.
 *
 * @example
 * executeRun(programSubject(main), new ScriptedChooser([0, 1]), null, {}, true).trace;
 */
export function executeRun(
  subject: Subject,
  chooser: Chooser,
  cancelTarget: string | null,
  checks: RunChecks,
  recordTrace: boolean,
): RunRecord {
  const invariant = checks.invariant ?? null;
  const monitor = new RunMonitor(recordTrace, invariant, (checks.invariantAt ?? 'step') === 'step');
  const policy = new RecordingPolicy(chooser, cancelTarget, recordTrace ? monitor.choiceMade : null);
  let failure: Failure | null = null;
  let value: unknown;
  try {
    value = subject.run({
      policy,
      monitor,
      maxSteps: checks.maxSteps ?? DEFAULT_EXPLORE_MAX_STEPS,
      strict: checks.callbackErrors ?? true,
      // What the loop reports fails the run or is checked by the monitor: never printed once per run.
      errorLog: ignoreReport,
    });
    monitor.checkInvariant('at the end of the run');
    if (checks.unretrievedErrors === true) monitor.checkRetrieved();
    const finding = (checks.check ?? subject.check)?.();
    if (finding !== null && finding !== undefined) throw new CheckFailed(finding);
  } catch (error) {
    if (error instanceof SubjectError) throw error;
    failure = classifyFailure(error);
  }
  monitor.end(failure === null ? `return ${describeValue(value)}` : describeFailure(failure));
  return {
    failure,
    choices: policy.choices,
    kinds: policy.kinds,
    counts: policy.counts,
    streams: policy.streams.map((log) => log.choices),
    logs: policy.streams,
    order: policy.order,
    swarm: policy.swarm,
    cancelPoints: policy.cancelPoints,
    steps: monitor.loop?.steps() ?? 0,
    tasks: monitor.tasksCreated,
    trace: monitor.events,
  };
}
