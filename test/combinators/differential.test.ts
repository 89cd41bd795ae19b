// The combinators against CPython 3.14 on scenarios: the corpus files that
// use their ops must print their checked-in traces, and random scenarios
// over every op (these included) must print what the reference prints.
// Until the scenario runner carries these ops itself, they come from
// scenario-ops.ts, merged here with the runner's op table.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { corpus, opNamesOf } from '../../properties/corpus.js';
import { scenarioArbitrary, supportedOps } from '../../properties/scenario-arbitrary.js';
import { DeadlockError, getRunningLoop, run, type Loop } from '../../src/index.js';
import { Interpreter, type OpTable } from '../../src/scenario/interpreter.js';
import { renderError, renderValue } from '../../src/scenario/render.js';
import { makeResources } from '../../src/scenario/resources.js';
import { SCENARIO_OPS } from '../../src/scenario/run-scenario.js';
import type { OpName, Scenario } from '../../src/scenario/types.js';
import { parseScenario } from '../../src/scenario/validate.js';
import { loadReference, type Reference } from '../reference/cpython.js';
import { COMBINATOR_OPS } from './scenario-ops.js';

const OPS: OpTable = { ...SCENARIO_OPS, ...COMBINATOR_OPS };
const COMBINATOR_OP_NAMES = Object.keys(COMBINATOR_OPS) as OpName[];

/** runScenario's loop, with the combinator ops added. */
function simloopTrace(scenario: Scenario): string[] {
  const interpreter = new Interpreter(scenario, OPS, makeResources(scenario));
  let loop: Loop | undefined;
  function* main() {
    loop = getRunningLoop();
    return yield* interpreter.runDef(scenario.main);
  }
  let outcome: string;
  try {
    outcome = `return ${renderValue(run(main(), { name: 'main', maxSteps: 1_000_000 }))}`;
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

describe('the combinator scenarios of the corpus print their CPython traces', () => {
  const entries = corpus().filter((entry) => opNamesOf(entry.scenario).some((name) => COMBINATOR_OP_NAMES.includes(name)));
  it('there are some', () => {
    expect(entries.length).toBeGreaterThan(0);
  });
  for (const entry of entries) {
    const missing = opNamesOf(entry.scenario).filter((name) => OPS[name] === undefined);
    if (missing.length > 0 || entry.expectedTrace === undefined) {
      it.todo(`${entry.name} (waits for ${missing.join(', ') || 'its trace'})`);
      continue;
    }
    it(entry.name, () => {
      expect(`${simloopTrace(entry.scenario).join('\n')}\n`).toBe(entry.expectedTrace);
    });
  }
});

describe('random scenarios with the combinator ops print what CPython prints', () => {
  let reference: Reference;
  beforeAll(async () => {
    reference = await loadReference();
  });

  it('on 500 scenarios of a fixed seed', () => {
    const ops = new Set<OpName>([...supportedOps(), ...COMBINATOR_OP_NAMES]);
    const property = fc.property(scenarioArbitrary({ ops }), (scenario) => {
      const text = JSON.stringify(parseScenario(JSON.stringify(scenario)));
      expect(simloopTrace(parseScenario(text))).toEqual(reference.run(text).split('\n'));
    });
    fc.assert(property, { numRuns: 500, seed: 20_261_125 });
  });
});
