import { DeadlockError } from '../errors.js';
import type { Loop } from '../loop/loop.js';
import { getRunningLoop } from '../loop/running.js';
import { run, type RunOptions } from '../run.js';
import { Interpreter, type OpTable } from './interpreter.js';
import { matchesPattern, raiseByName } from './error-names.js';
import { coreOps } from './ops-core.js';
import { SYNC_OPS } from './ops-sync.js';
import { renderError, renderValue } from './render.js';
import { makeResources } from './resources.js';
import type { Op, Scenario } from './types.js';
import { ScenarioError } from './validate.js';

/** The ops `simloop scenario` carries out. */
export const SCENARIO_OPS: OpTable = { ...coreOps(raiseByName, matchesPattern), ...SYNC_OPS };

/**
 * Runs a validated scenario with simloop and returns its trace, one string per
 * line, ending with the `- run ->` line. Options reach `run()` (policy,
 * maxSteps); a step budget error propagates.
 *
 * @example
 * runScenario(parseScenario(text)).join('\n');
 */
export function runScenario(scenario: Scenario, options: RunOptions = {}): string[] {
  checkSupported(scenario);
  const interpreter = new Interpreter(scenario, SCENARIO_OPS, makeResources(scenario));
  // The loop outlives run(): its clock after the clean-up is the closing line's time.
  let loop: Loop | undefined;
  function* main() {
    loop = getRunningLoop();
    return yield* interpreter.runDef(scenario.main);
  }
  let outcome: string;
  try {
    outcome = `return ${renderValue(run(main(), { ...options, name: 'main' }))}`;
  } catch (error) {
    if (error instanceof DeadlockError) {
      interpreter.trace.end(error.timeMs, 'deadlock');
      return interpreter.trace.lines;
    }
    outcome = `raise ${renderError(error)}`;
  }
  interpreter.trace.end(loop?.time() ?? 0, outcome);
  return interpreter.trace.lines;
}

/** Rejects, before anything runs, a scenario that uses an op simloop does not carry out yet. */
function checkSupported(scenario: Scenario): void {
  for (const [def, body] of Object.entries(scenario.defs)) findUnsupported(body, `defs.${def}`);
}

function findUnsupported(ops: readonly Op[], path: string): void {
  ops.forEach((op, index) => {
    const here = `${path}[${index}]`;
    if (SCENARIO_OPS[op[0]] === undefined) throw new ScenarioError(here, `op "${op[0]}" is not supported yet`);
    op.forEach((argument, position) => {
      if (!Array.isArray(argument)) return;
      if (op[0] === 'try' && position === 2) {
        (argument as [string, Op[]][]).forEach(([, handlerOps], k) => findUnsupported(handlerOps, `${here}[2][${k}][1]`));
      } else if (argument.every((item) => Array.isArray(item))) {
        findUnsupported(argument as Op[], `${here}[${position}]`);
      }
    });
  });
}
