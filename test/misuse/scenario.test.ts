// The misuse catalogue, scenario part (see kernel.test.ts): bounded work and
// bounded validation, as the scenario format's "Bounded work" and "Nesting"
// sections state. The command-line side (trace so far, exit 1 or 2) is in
// test/cli.test.ts.
import { describe, expect, it } from 'vitest';
import { ScenarioBudgetError } from '../../src/scenario/budget.js';
import { runScenario } from '../../src/scenario/run-scenario.js';
import { parseScenario, ScenarioError } from '../../src/scenario/validate.js';
import { thrownBy } from './helpers.js';

function scenario(defs: Record<string, unknown[]>): string {
  return JSON.stringify({ format: 'simloop-scenario/1', main: 'main', defs });
}

describe('issue 19, case 3: a scenario that never yields', () => {
  it('["repeat", 2^53 - 1, [["log", "x"]]] stops at the budget, naming the limit and the op, with the trace so far', () => {
    const error = thrownBy(() => runScenario(parseScenario(scenario({ main: [['repeat', 9007199254740991, [['log', 'x']]]] })), { maxSteps: 10 }));
    expect([error.constructor, error.message]).toEqual([
      ScenarioBudgetError,
      'step budget of 10 (loop steps and ops together) spent at t=0 by the op at defs.main[0]: ' +
        'a scenario that never ends, or one longer than maxSteps allows (raise it with the maxSteps option)',
    ]);
    const spent = error as ScenarioBudgetError;
    expect([spent.limit, spent.timeMs, spent.path]).toEqual([10, 0, 'defs.main[0]']);
    expect(spent.lines).toEqual(['0 main start', '0 main log x', '0 main log x', '0 main log x', '0 main log x']);
  });

  it('a catch-all handler around it cannot swallow the budget, nor add to the trace', () => {
    const text = scenario({
      main: [['try', [['repeat', 9007199254740991, [['log', 'x']]]], [['*', [['log', 'caught']]]], [['log', 'finally']]], ['log', 'after']],
    });
    const error = thrownBy(() => runScenario(parseScenario(text), { maxSteps: 6 })) as ScenarioBudgetError;
    expect([error.constructor, error.path, error.lines]).toEqual([ScenarioBudgetError, 'defs.main[0][1][0][2][0]', ['0 main start', '0 main log x']]);
  });

  it('a task spinning on sleep(0) stops at the same budget, steps and ops counted together', () => {
    const error = thrownBy(() => runScenario(parseScenario(scenario({ main: [['repeat', 9007199254740991, [['sleep', 0]]]] })), { maxSteps: 100 }));
    expect([error.constructor, (error as ScenarioBudgetError).path]).toEqual([ScenarioBudgetError, 'defs.main[0]']);
  });
});

describe('issue 19, case 4: deep nesting', () => {
  it('an argument nested 10,000 levels deep is an invalid file naming its op, never a stack overflow', () => {
    const deep = `${'['.repeat(10_000)}"x"${']'.repeat(10_000)}`;
    const error = thrownBy(() => parseScenario(`{"format": "simloop-scenario/1", "main": "main", "defs": {"main": [["log", ${deep}]]}}`));
    expect([error.constructor, error.message]).toEqual([ScenarioError, `defs.main[0]: log text must be a string without line breaks, got ${'['.repeat(57)}...`]);
  });

  it('a value nested deep inside a resource declaration too', () => {
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const error = thrownBy(() => parseScenario(`{"format": "simloop-scenario/1", "main": "main", "resources": {"e": {"kind": "event", "x": ${deep}}}, "defs": {"main": []}}`));
    expect(error.constructor).toBe(ScenarioError);
    expect(error.message).toMatch(/^resources\.e: /);
  });

  it('op bodies nested deeper than 100 levels are an invalid file naming the op', () => {
    let body: unknown[] = [['log', 'deep']];
    for (let i = 0; i < 150; i++) body = [['repeat', 1, body]];
    const error = thrownBy(() => parseScenario(scenario({ main: body })));
    expect([error.constructor, error.message]).toEqual([ScenarioError, `defs.main${'[0][2]'.repeat(99)}[0]: repeat body nests ops deeper than 100 levels`]);
  });
});
