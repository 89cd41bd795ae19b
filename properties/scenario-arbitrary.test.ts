// The generator of the differential property: its scenarios must be valid,
// small, free of await cycles and always finish on CPython, whatever ops it
// is given; and shrinking must lead to few defs and ops.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { OP_NAMES, type Op, type OpName, type Scenario } from '../src/scenario/types.js';
import { parseScenario } from '../src/scenario/validate.js';
import { loadReference, type Reference } from '../test/reference/cpython.js';
import { scenarioArbitrary, visitOps } from './scenario-arbitrary.js';
import { CONSTRUCT_NAMES, Coverage } from './scenario-coverage.js';

const EVERY_OP = new Set<OpName>(OP_NAMES);
const SEED = 77;

let reference: Reference;
beforeAll(async () => {
  reference = await loadReference();
});

/** The position of a def in the generator's order: main, w1, w2... */
function defIndex(name: string): number {
  return name === 'main' ? 0 : Number(name.slice(1));
}

/** Checks the shape rules of one op list and everything in it; `depth` 1 is a def's body. */
function checkShape(ops: readonly Op[], depth: number, inRepeat: boolean, owner: number, spawnedDef: Map<string, number>): void {
  expect(ops.length).toBeLessThanOrEqual(12);
  expect(depth).toBeLessThanOrEqual(3);
  for (const op of ops) {
    const waitsOn = op[0] === 'await' || op[0] === 'shield' || op[0] === 'wait_for' ? [op[1]] : op[0] === 'gather' || op[0] === 'wait' ? op[1] : [];
    // The await graph is a DAG: a task waits only on tasks of later defs.
    for (const variable of waitsOn) expect(spawnedDef.get(variable)).toBeGreaterThan(owner);
    if (op[0] === 'spawn') {
      expect(inRepeat).toBe(false);
      expect(defIndex(op[2])).toBeGreaterThan(owner);
    }
    const nested: Array<[Op[], boolean]> =
      op[0] === 'try' ? [[op[1], inRepeat], ...op[2].map(([, handlerOps]): [Op[], boolean] => [handlerOps, inRepeat]), ...(op[3] === undefined ? [] : [[op[3], inRepeat] as [Op[], boolean]])]
      : op[0] === 'repeat' ? [[op[2], true]]
      : op[0] === 'timeout' || op[0] === 'with' ? [[op[2], inRepeat]]
      : op[0] === 'group' ? [[op[1], inRepeat]]
      : [];
    for (const [list, repeated] of nested) checkShape(list, depth + 1, repeated, owner, spawnedDef);
  }
}

function opsOf(scenario: Scenario): Set<OpName> {
  const names = new Set<OpName>();
  for (const ops of Object.values(scenario.defs)) visitOps(ops, (op) => names.add(op[0]));
  return names;
}

describe('scenarioArbitrary', () => {
  it('makes valid scenarios of at most 6 defs, 12 ops a list, nesting 3, waiting only on later defs', () => {
    fc.assert(
      fc.property(scenarioArbitrary({ ops: EVERY_OP }), (scenario) => {
        expect(parseScenario(JSON.stringify(scenario))).toEqual(scenario);
        expect(Object.keys(scenario.defs).length).toBeLessThanOrEqual(6);
        const spawnedDef = new Map<string, number>();
        for (const ops of Object.values(scenario.defs)) {
          visitOps(ops, (op) => void (op[0] === 'spawn' && spawnedDef.set(op[1], defIndex(op[2]))));
        }
        for (const [name, ops] of Object.entries(scenario.defs)) checkShape(ops, 1, false, defIndex(name), spawnedDef);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('uses only the ops it is given', () => {
    // try without raise, reraise or cancel: the try templates must not bring those in.
    const few = new Set<OpName>(['log', 'sleep', 'spawn', 'await', 'try']);
    fc.assert(
      fc.property(scenarioArbitrary({ ops: few }), (scenario) => {
        for (const name of opsOf(scenario)) expect(few.has(name)).toBe(true);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('makes scenarios that finish on CPython, deadlocking only in a minority', () => {
    const scenarios = fc.sample(scenarioArbitrary({ ops: EVERY_OP }), { seed: SEED, numRuns: 300 });
    const endings = scenarios.map((scenario) => reference.run(JSON.stringify(scenario)).split('\n').at(-1) ?? '');
    for (const ending of endings) expect(ending).toMatch(/^\d+ - run -> (return|raise|deadlock)/);
    const deadlocks = endings.filter((ending) => ending.endsWith('deadlock')).length;
    expect(deadlocks / scenarios.length).toBeLessThan(0.25);
  });

  it('uses every op of the format when given all of them', () => {
    const seen = new Set<OpName>();
    for (const scenario of fc.sample(scenarioArbitrary({ ops: EVERY_OP }), { seed: SEED, numRuns: 300 })) {
      for (const name of opsOf(scenario)) seen.add(name);
    }
    expect(OP_NAMES.filter((name) => !seen.has(name))).toEqual([]);
  });

  it('contains every op, construct and placement the format allows, none left to chance', () => {
    // 1,000 scenarios: each op and notable construct in at least 1% of them
    // (issue 20's nested try then reraise in far more), each op inside each
    // kind of block at least once.
    const coverage = new Coverage();
    for (const scenario of fc.sample(scenarioArbitrary({ ops: EVERY_OP }), { seed: SEED, numRuns: 1000 })) coverage.add(scenario);
    expect(coverage.missing()).toEqual({ ops: [], constructs: [], placements: [] });
    const rare = [...OP_NAMES, ...CONSTRUCT_NAMES].filter((name) => coverage.count(name) < 10);
    expect(rare.map((name) => `${name} ${coverage.count(name)}`)).toEqual([]);
    expect(coverage.count('reraise after nested try in handler')).toBeGreaterThan(100);
  });

  it('shrinks towards fewer defs and ops', () => {
    // A property that fails on any scenario where a task cancels another.
    const details = fc.check(
      fc.property(scenarioArbitrary({ ops: EVERY_OP }), (scenario) => ![...opsOf(scenario)].includes('cancel') || !JSON.stringify(scenario).includes('["cancel","t')),
      { seed: SEED, numRuns: 500 },
    );
    expect(details.failed).toBe(true);
    const [shrunk] = details.counterexample ?? [];
    // e.g. main: spawn t1 w1; w1: cancel t1 (a def's body keeps at least one op).
    const defs = Object.values(shrunk?.defs ?? {});
    expect(defs.length).toBeLessThanOrEqual(2);
    expect(defs.flat().length).toBeLessThanOrEqual(2);
  });
});
