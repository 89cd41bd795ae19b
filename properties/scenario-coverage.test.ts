// What the coverage report counts: the ops, constructs and placements of a
// scenario, each found where it sits.
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../src/scenario/types.js';
import { parseScenario } from '../src/scenario/validate.js';
import { Coverage, featuresOf } from './scenario-coverage.js';

function scenario(defs: object, resources: object = {}): Scenario {
  return parseScenario(JSON.stringify({ format: 'simloop-scenario/1', main: 'main', resources, defs }));
}

describe('featuresOf', () => {
  it("finds issue 20's shape: a reraise in a handler after a nested try that swallowed a self-cancellation", () => {
    const features = featuresOf(scenario({
      main: [['try', [['raise', 'Boom']], [['Boom', [['try', [['cancel', 'self'], ['sleep', 1]], [['CancelledError', []]]], ['reraise']]]]]],
    }));
    expect([...features].sort()).toEqual([
      'cancel', 'cancel self', 'cancel self in handler', 'handler > cancel', 'handler > reraise', 'handler > sleep', 'handler > try',
      'nested try in handler', 'pattern CancelledError', 'pattern an error name',
      'raise', 'raise an application error', 'reraise', 'reraise after nested try in handler', 'reraise in handler',
      'sleep', 'try', 'try body > cancel', 'try body > raise', 'try body > sleep',
    ]);
  });

  it('tells a reraise before the nested try, in a finally, and outside any handler apart', () => {
    const features = featuresOf(scenario({
      main: [
        ['reraise'],
        ['try', [['raise', 'Boom']], [], [['reraise'], ['try', [], [['*', []]]]]],
      ],
    }));
    expect(features.has('reraise outside handler')).toBe(true);
    expect(features.has('reraise in finally')).toBe(true);
    expect(features.has('reraise after nested try in finally')).toBe(false);
    expect(features.has('nested try in finally')).toBe(true);
    expect(features.has('try with only a finally')).toBe(true);
  });

  it('reads resources, other defs\' vars and the lock a condition op holds', () => {
    const features = featuresOf(scenario(
      {
        main: [['spawn', 't', 'w'], ['with', 'c', [['cond_notify_all', 'c']]], ['cond_wait', 'c'], ['with', 's', []]],
        w: [['status', 't'], ['repeat', 0, [['put', 'q', 1]]]],
      },
      { c: { kind: 'condition' }, s: { kind: 'semaphore', value: 0 }, q: { kind: 'lifo_queue', maxsize: 1 } },
    ));
    for (const name of ['with condition', 'with semaphore', 'semaphore of value 0', 'condition op without its lock', 'var of another def', 'repeat 0 times', 'kind lifo_queue', 'bounded queue', 'repeat > put', 'with > cond_notify_all']) {
      expect(features.has(name), name).toBe(true);
    }
    expect(features.has('with lock')).toBe(false);
  });
});

describe('Coverage', () => {
  it('counts each feature once per scenario and names what no scenario had', () => {
    const coverage = new Coverage();
    coverage.add(scenario({ main: [['sleep', 0], ['sleep', 1]] }));
    coverage.add(scenario({ main: [['sleep', 2]] }));
    expect(coverage.scenarios).toBe(2);
    expect(coverage.count('sleep')).toBe(2);
    expect(coverage.count('sleep 0')).toBe(1);
    expect(coverage.missing().ops).toContain('reraise');
    expect(coverage.report()).toMatch(/^coverage of 2 scenarios .*\n {2}ops: log 0, sleep 2, /);
  });
});
