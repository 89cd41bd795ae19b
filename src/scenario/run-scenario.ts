import { CallbackError, DeadlockError, endsTheRun, StepBudgetError } from '../errors.js';
import type { Loop } from '../loop/loop.js';
import { getRunningLoop } from '../loop/running.js';
import { run, type RunOptions } from '../run.js';
import { DEFAULT_SCENARIO_MAX_STEPS, ScenarioBudgetError } from './budget.js';
import { Interpreter, type OpTable } from './interpreter.js';
import { CORE_OPS } from './ops-core.js';
import { CONCURRENCY_OPS } from './ops-concurrency.js';
import { SYNC_OPS } from './ops-sync.js';
import { renderError, renderValue } from './render.js';
import { makeResources } from './resources.js';
import { OP_NAMES, type Scenario } from './types.js';

/** The ops `simloop scenario` carries out: every op of the format. */
export const SCENARIO_OPS: OpTable = complete({ ...CORE_OPS, ...CONCURRENCY_OPS, ...SYNC_OPS });

/** The families' runners together, checked once at load to cover every op of the format. */
function complete(table: Partial<OpTable>): OpTable {
  const missing = OP_NAMES.filter((name) => table[name] === undefined);
  if (missing.length > 0) throw new Error(`scenario ops without a runner: ${missing.join(', ')}`);
  return table as OpTable;
}

/** How a scenario's run ended, besides its trace. */
export type ScenarioEnding =
  | { readonly kind: 'return' }
  | { readonly kind: 'raise'; readonly error: unknown }
  | { readonly kind: 'deadlock'; readonly error: DeadlockError };

/**
 * Runs a validated scenario with simloop and returns its trace, one string per
 * line, ending with the `- run ->` line. Options reach `run()` (policy,
 * maxSteps). The budget, `maxSteps` (default 1,000,000), counts loop steps
 * and ops together (the format's "Bounded work"): past it, ScenarioBudgetError
 * propagates, naming the op's path and carrying the trace so far. Errors the
 * loop reports (a task's exception never retrieved) are not part of a
 * scenario's trace, and are not written anywhere unless `errorLog` says where.
 *
 * @example
 * runScenario(parseScenario(text)).join('\n');
 */
export function runScenario(scenario: Scenario, options: RunOptions = {}): string[] {
  return executeScenario(scenario, options).lines;
}

/** runScenario, also saying how the run ended, for callers that act on it (exploration). */
export function executeScenario(scenario: Scenario, options: RunOptions = {}): { lines: string[]; ending: ScenarioEnding } {
  const maxSteps = options.maxSteps ?? DEFAULT_SCENARIO_MAX_STEPS;
  const interpreter = new Interpreter(scenario, SCENARIO_OPS, makeResources(scenario), maxSteps);
  // The loop outlives run(): its clock after the clean-up is the closing line's time.
  let loop: Loop | undefined;
  function* main() {
    loop = getRunningLoop();
    interpreter.startOn(loop);
    return yield* interpreter.runDef(scenario.main);
  }
  let outcome: string;
  let ending: ScenarioEnding;
  try {
    outcome = `return ${renderValue(run(main(), { errorLog: ignoreReport, ...options, maxSteps, name: 'main' }))}`;
    ending = { kind: 'return' };
  } catch (error) {
    // The kernel's own failures are not the scenario's: they end the run, not its trace.
    if (error instanceof StepBudgetError && !(error instanceof ScenarioBudgetError)) throw loopBudgetError(interpreter, loop, error);
    if (endsTheRun(error) || error instanceof CallbackError) throw error;
    if (error instanceof DeadlockError) {
      interpreter.trace.end(error.timeMs, 'deadlock');
      return { lines: interpreter.trace.lines, ending: { kind: 'deadlock', error } };
    }
    outcome = `raise ${renderError(error)}`;
    ending = { kind: 'raise', error };
  }
  interpreter.trace.end(loop?.time() ?? 0, outcome);
  return { lines: interpreter.trace.lines, ending };
}

function ignoreReport(): void {}

/**
 * The loop's own budget ran out between ops (steps that run no op, such as
 * wakeups that find nothing to do): the same error as the op budget's, at
 * the last op the run started.
 */
function loopBudgetError(interpreter: Interpreter, loop: Loop | undefined, error: StepBudgetError): ScenarioBudgetError {
  const budgetError = interpreter.budgetError(loop?.time() ?? 0);
  budgetError.cause = error;
  return budgetError;
}
