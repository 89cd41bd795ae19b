import { DEFAULT_EXPLORE_MAX_STEPS, type RunChecks } from '../execute.js';
import type { ExploreResult } from '../explore.js';
import { describeFailure } from './failure.js';
import { faultLine } from './fault-summary.js';
import { renderTrace } from './trace.js';
import type { FailureReport, ScheduleSummary } from './failure-report.js';
import type { DeterminismCheck } from './self-check.js';
import { UNBOUNDED_RUNS } from '../choices/plan.js';
import { countNonZero } from '../choices/schedule.js';
import { describeDifference } from './trace-diff.js';

/**
 * Where the subject came from, so the report can say how to replay it from the command line.
 *
 * @example
 * formatReport(result, { file: 'dist/test/bank.js' }); // adds: simloop replay dist/test/bank.js --schedule ...
 */
export interface ReportContext {
  /** The file given to `simloop explore`. */
  readonly file?: string;
}

/**
 * The report of an exploration as lines of text: what ran, and for a
 * failure its original and shrunk schedule lengths, the shrunk schedule as
 * one string, the determinism check, the trace of the shrunk run and the
 * line to paste into a test. For pct it adds PCT's bounds, and for an
 * exhaustive search whether it covered everything.
 *
 * @example
 * console.log(formatReport(explore(main, { policy: 'pct' })).join('\n'));
 */
export function formatReport(result: ExploreResult, context: ReportContext = {}): string[] {
  const { plan } = result;
  const lines: string[] = [header(result)];
  const failure = result.failure;
  if (failure === null) {
    lines.push(`no failure in ${plural(result.runs, 'run')}${result.timedOut ? ' (the time budget ran out)' : ''}`);
  } else {
    lines.push(...failureLines(result, failure, context));
  }
  if (result.coverage !== null) lines.push(coverageLine(result));
  if (result.pct !== null && failure === null) {
    const pct = result.pct;
    lines.push(
      `pct: n=${pct.tasks} tasks, k=${pct.steps} steps, d=${pct.depth}: each run finds a given depth-${pct.depth} bug with probability ` +
        `≥ 1/(n·k^(d-1)) = ${formatProbability(pct.perRun)}; all ${pct.runs} pct runs miss it with probability ≤ ${formatProbability(pct.missAfterRuns)}`,
    );
  }
  if (plan.shard !== null && failure === null && result.coverage === null) lines.push(`shard ${plan.shard.index}/${plan.shard.count}: runs ≡ ${plan.shard.index - 1} mod ${plan.shard.count}`);
  return lines;
}

/** The lines of a failure: what failed and where, the schedules, the shrunk run's faults and explanation, the self-check, the trace and the replay lines. */
function failureLines(result: ExploreResult, failure: FailureReport, context: ReportContext): string[] {
  const { plan } = result;
  const check = failure.determinism;
  const reproducible = check.status === 'deterministic' || check.status === 'skipped';
  const where = `${result.exhaustive !== null ? `run ${failure.runIndex} of this shard's walk` : `run ${failure.runIndex}`}${failure.runIndex === 0 ? ' (the FIFO run)' : ''}`;
  const lines = [reproducible ? `FAILED at ${where}: ${describeFailure(failure.failure)}` : `DETERMINISM PROBLEM, not a bug found: ${where} failed: ${describeFailure(failure.failure)}`];
  const { original, shrunk } = failure;
  const swarm = Object.entries(failure.swarm);
  if (swarm.length > 0) lines.push(`  swarm: ${swarm.map(([name, value]) => `${name}=${formatParameter(value)}`).join(', ')}`);
  lines.push(`  original schedule: ${plural(original.length, 'choice')}, ${original.nonZero} not FIFO's${worldPart(original)}`);
  lines.push(`  shrunk schedule:   ${plural(shrunk.length, 'choice')}, ${shrunk.nonZero} not FIFO's${worldPart(shrunk)} (${shrinkPart(failure)})`);
  lines.push(`  schedule: ${shrunk.schedule}`);
  lines.push(...faultLine(failure.trace));
  if (reproducible && describeFailure(failure.shrunkFailure) !== describeFailure(failure.failure)) lines.push(`  the shrunk run: ${describeFailure(failure.shrunkFailure)}`);
  // The explanation (a check's, such as the linearizability checker's) of the run the trace and the replay lines show.
  for (const line of (reproducible ? failure.shrunkFailure : failure.failure).explanation ?? []) lines.push(`  | ${line}`);
  lines.push(...determinismLines(check));
  lines.push('  trace:', ...renderTrace(failure.trace).map((line) => `    ${line}`));
  lines.push(`  replay in a test: ${failure.replayLine}`);
  if (context.file !== undefined) lines.push(`  replay from the shell: ${shellReplayLine(context.file, shrunk.schedule, plan.checks)}`);
  return lines;
}

/** How shrinking went, in a few words. */
function shrinkPart(failure: FailureReport): string {
  const runs = plural(failure.shrinkRuns, 'shrinking run');
  switch (failure.shrinkEnd) {
    case 'fewest':
      return `${runs}; no schedule with fewer fails the same way`;
    case 'local-minimum':
      return `${runs}; no single change keeps the failure`;
    case 'budget':
      return `${runs}; the budget ran out before a local minimum`;
    case 'off':
      return 'not shrunk';
  }
}

/** What the self-check found. */
function determinismLines(check: DeterminismCheck): string[] {
  switch (check.status) {
    case 'deterministic':
      return [
        `  determinism: each failing schedule ran twice with identical traces, the FIFO run ran as in run 0${check.freshReplay === true ? ', and a fresh worker thread replayed the failure' : ''}`,
      ];
    case 'skipped':
      return [];
    case 'non-deterministic':
      return [
        '  NON-DETERMINISTIC: the code under test is non-deterministic (for example Math.random or Date.now',
        `  inside a task, or state left over from an earlier run): ${check.detail}.`,
        ...(check.difference === null ? [] : describeDifference(check.difference).map((line) => `    ${line}`)),
      ];
    case 'state-leak':
      return [
        `  state leaks between runs: ${check.detail}.`,
        '  Reset the state main uses when main starts: every run calls main afresh, but module-level',
        '  variables keep what earlier runs left in them, so no schedule can be trusted to replay.',
      ];
  }
}

/**
 * `simloop replay FILE --schedule '...'`, with the flags the run's checks need.
 *
 * @example
 * shellReplayLine('dist/bank.js', 'v1;1', { maxSteps: 500 }); // simloop replay dist/bank.js --schedule 'v1;1' --max-steps 500
 */
export function shellReplayLine(file: string, schedule: string, checks: RunChecks): string {
  const flags = [
    checks.maxSteps === undefined || checks.maxSteps === DEFAULT_EXPLORE_MAX_STEPS ? '' : ` --max-steps ${checks.maxSteps}`,
    checks.unretrievedErrors === true ? ' --unretrieved' : '',
  ].join('');
  return `simloop replay ${file} --schedule '${schedule}'${flags}`;
}

function header(result: ExploreResult): string {
  const { plan } = result;
  const parts = [`policy ${plan.policy}`];
  if (plan.policy === 'random' || plan.policy === 'pct') parts.push(`seed ${plan.seed}`, plan.runs === UNBOUNDED_RUNS ? 'runs until the time is up' : `${plan.runs} runs`);
  if (plan.policy === 'pct') parts.push(`depth ${plan.depth}`);
  if (plan.policy === 'exhaustive') parts.push(`preemptions ≤ ${plan.preemptions}`, `run limit ${plan.runs}`);
  if (plan.timeMs !== null) parts.push(`time budget ${plan.timeMs} ms`);
  if (plan.cancel !== null) parts.push(`cancel ${plan.cancel === '*' ? 'any task' : plan.cancel}`);
  if (plan.shard !== null) parts.push(`shard ${plan.shard.index}/${plan.shard.count}`);
  return `simloop explore ${result.subject}: ${parts.join(', ')}`;
}

function coverageLine(result: ExploreResult): string {
  const shard = result.plan.shard;
  return `${shard === null ? '' : `shard ${shard.index}/${shard.count}'s branches: `}${coverageText(result)}`;
}

function coverageText(result: ExploreResult): string {
  const coverage = result.coverage!;
  const count = plural(coverage.schedules, 'schedule');
  if (coverage.complete) {
    return coverage.boundReached
      ? `coverage: complete within the bounds: all ${count} with at most ${result.plan.preemptions} preemptions${result.plan.faults > 0 ? ` and ${plural(result.plan.faults, 'fault')}` : ''} ran ` +
          "(the bounds, or choices the search never branches on such as a world's faults without --faults or its random seed, left others out)"
      : `coverage: complete: all ${count} ran, the whole space`;
  }
  if (result.failure !== null) return `coverage: stopped at the failure after ${count}`;
  return `coverage: NOT complete: the ${result.timedOut ? 'time budget' : 'run limit'} stopped the search after ${count}`;
}

/** `, 3 of them the world's (net 2, crash 1)` when the world made choices other than 0. */
export function worldPart(summary: ScheduleSummary): string {
  if (summary.faults === 0) return '';
  const streams = Object.entries(summary.world)
    .map(([stream, choices]) => [stream, countNonZero(choices)] as const)
    .filter(([, count]) => count > 0)
    .map(([stream, count]) => `${stream} ${count}`);
  return `, ${summary.faults} of them the world's (${streams.join(', ')})`;
}

/** A swarm parameter as the report prints it: a probability to 3 decimals, a whole number as is. */
export function formatParameter(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(3).replace(/0+$/, '').replace(/\.$/, '');
}

function formatProbability(p: number): string {
  if (p === 0) return '0';
  if (p >= 0.001) return p.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
  return p.toExponential(2);
}

/** `1 choice`, `2 choices`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
