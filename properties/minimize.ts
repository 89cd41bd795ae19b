/**
 * A second shrinking pass on a failing scenario, after fast-check's.
 *
 * fast-check shrinks the generator's raw tree, where vars are positions and
 * spawned defs are offsets; removing one op there can rename every var after
 * it, so its greedy search often stops at a scenario with ops it could not
 * remove. This pass works on the scenario itself: it tries, in order, to
 * drop an op, replace a compound op by one of its bodies or by all of them
 * in order, drop a handler, a finally, a var of a list or a cancel message,
 * and lower a number, and keeps each change that leaves the scenario valid
 * and still failing, until no change does. Removing and splicing ops never
 * adds an await or a spawn, so the scenarios stay acyclic and terminating,
 * as generated ones are.
 *
 * ```ts
 * const small = minimize(scenario, (candidate) => compare(reference, candidate).firstDifference !== -1);
 * ```
 */
import type { Op, Scenario } from '../src/scenario/types.js';
import { parseScenario } from '../src/scenario/validate.js';
import { visitOps } from './scenario-arbitrary.js';

/** At most this many candidate scenarios are tried: each costs a run on both engines. */
const MAX_ATTEMPTS = 5000;

/** Shrinks `scenario` while `fails` holds; returns the smallest scenario found. */
export function minimize(scenario: Scenario, fails: (candidate: Scenario) => boolean): Scenario {
  let current = scenario;
  let attempts = 0;
  let improved = true;
  while (improved && attempts < MAX_ATTEMPTS) {
    improved = false;
    for (const candidate of simplifications(current)) {
      if (++attempts > MAX_ATTEMPTS) break;
      if (!isValid(candidate) || !fails(candidate)) continue;
      current = candidate;
      improved = true;
      break;
    }
  }
  const tidy = withoutUnused(current);
  return isValid(tidy) && fails(tidy) ? tidy : current;
}

function isValid(candidate: Scenario): boolean {
  try {
    parseScenario(JSON.stringify(candidate));
    return true;
  } catch {
    return false;
  }
}

/** Every op list of the scenario, nested ones included, in a fixed document order. */
function opLists(scenario: Scenario): Op[][] {
  const lists: Op[][] = [];
  for (const body of Object.values(scenario.defs)) {
    lists.push(body);
    visitOps(body, (op) => lists.push(...nestedLists(op)));
  }
  return lists;
}

function nestedLists(op: Op): Op[][] {
  switch (op[0]) {
    case 'try': return [op[1], ...op[2].map(([, ops]) => ops), ...(op[3] === undefined ? [] : [op[3]])];
    case 'repeat': case 'timeout': case 'with': return [op[2]];
    case 'group': return [op[1]];
    default: return [];
  }
}

/**
 * Each candidate is a copy of `scenario` with one change, the ones that
 * remove most first. A change is named by the index of an op list in
 * `opLists` order and an op in it, so it applies to a fresh copy alike.
 */
function* simplifications(scenario: Scenario): Generator<Scenario> {
  const count = opLists(scenario).length;
  const edit = function* (change: (ops: Op[], index: number) => boolean) {
    for (let k = 0; k < count; k++) {
      const length = (opLists(scenario)[k] as Op[]).length;
      for (let i = 0; i < length; i++) {
        const copy = structuredClone(scenario);
        if (change(opLists(copy)[k] as Op[], i)) yield copy;
      }
    }
  };
  yield* edit((ops, i) => ops.splice(i, 1).length === 1);
  for (let body = 0; body < 4; body++) {
    yield* edit((ops, i) => {
      const inner = nestedLists(ops[i] as Op)[body];
      if (inner === undefined) return false;
      ops.splice(i, 1, ...inner);
      return true;
    });
  }
  // All its bodies in order: a try whose handler spawns what its finally cancels.
  yield* edit((ops, i) => {
    const lists = nestedLists(ops[i] as Op);
    if (lists.length < 2) return false;
    ops.splice(i, 1, ...lists.flat());
    return true;
  });
  for (let position = 0; position < 3; position++) yield* edit((ops, i) => dropPart(ops[i] as Op, position));
  for (const lower of [() => 0, (n: number) => Math.floor(n / 2), (n: number) => n - 1]) {
    yield* edit((ops, i) => lowerNumber(ops[i] as Op, lower));
  }
}

/** Drops the `position`-th optional part of an op: a handler, the finally, a listed var, a message. */
function dropPart(op: Op, position: number): boolean {
  switch (op[0]) {
    case 'try': {
      if (position < op[2].length) return op[2].splice(position, 1).length === 1;
      if (position === op[2].length && op.length === 4) return op.pop() !== undefined;
      return false;
    }
    case 'gather': case 'wait':
      return op[1].length > 1 && position < op[1].length && op[1].splice(position, 1).length === 1;
    case 'cancel':
      return position === 0 && op.length === 3 && op.pop() !== undefined;
    default:
      return false;
  }
}

/** Lowers the op's number (ticks, count) with `lower`; false when that changes nothing. */
function lowerNumber(op: Op, lower: (n: number) => number): boolean {
  const index = op[0] === 'sleep' || op[0] === 'repeat' || op[0] === 'timeout' ? 1
    : op[0] === 'wait_for' || op[0] === 'cond_notify' ? 2
    : op[0] === 'wait' ? 3
    : -1;
  const value = (op as unknown[])[index];
  if (typeof value !== 'number') return false;
  const lowered = Math.max(0, lower(value));
  if (lowered >= value) return false;
  (op as unknown[])[index] = lowered;
  return true;
}

/** The scenario without the defs main never reaches and the resources no op names. */
function withoutUnused(scenario: Scenario): Scenario {
  const reached = new Set([scenario.main]);
  const names = new Set<string>();
  for (let queue = [scenario.main]; queue.length > 0;) {
    const def = queue.pop() as string;
    visitOps(scenario.defs[def] ?? [], (op) => {
      for (const argument of op.slice(1)) if (typeof argument === 'string') names.add(argument);
      if (op[0] === 'spawn' && !reached.has(op[2])) {
        reached.add(op[2]);
        queue.push(op[2]);
      }
    });
  }
  const defs = Object.fromEntries(Object.entries(scenario.defs).filter(([name]) => reached.has(name)));
  const resources = Object.fromEntries(Object.entries(scenario.resources).filter(([name]) => names.has(name)));
  return { ...scenario, resources, defs };
}
