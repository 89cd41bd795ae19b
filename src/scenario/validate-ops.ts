/**
 * Validation of op lists, recursively: each op's shape and arity, then its
 * arguments left to right, descending into bodies, handlers and finally
 * blocks in document order, so the first error thrown is the first in the
 * file. Paths follow the format: `defs.main[2][1][0]` is the first op of the
 * try body of `defs.main[2]`.
 *
 * ```ts
 * checkBody([['sleep', 1, 2]], 'defs.work', context);
 * // throws 'defs.work[0]: op "sleep" takes 1 argument (ticks), got 2'
 * ```
 */
import type { Handler, Op } from './types.js';
import { checkLeaf, type Context } from './validate-args.js';
import { ScenarioError } from './validate-error.js';
import { MAX_NESTING, specOf, type OpSpec } from './validate-op-specs.js';
import { checkLine, show } from './validate-values.js';

/** Where an op list sits: its nesting level and the innermost enclosing `repeat`, if any. */
interface Scope {
  readonly context: Context;
  readonly depth: number;
  readonly repeatPath: string | null;
}

/** Checks the ops of a def body (`path` is `defs.<def>`). */
export function checkBody(list: unknown[], path: string, context: Context): Op[] {
  return checkOpList(list, path, { context, depth: 1, repeatPath: null });
}

function checkOpList(list: unknown[], path: string, scope: Scope): Op[] {
  return list.map((op, j) => checkOp(op, `${path}[${j}]`, scope));
}

function checkOp(raw: unknown, path: string, scope: Scope): Op {
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new ScenarioError(path, `an op must be an array ["name", ...arguments], got ${show(raw)}`);
  }
  const [name, ...args] = raw as unknown[];
  if (typeof name !== 'string') {
    throw new ScenarioError(path, `an op's first element must be its name (a string), got ${show(name)}`);
  }
  const spec = specOf(name);
  if (spec === undefined) throw new ScenarioError(path, `unknown op ${show(name)}`);
  checkArity(name, spec, args.length, path);
  if (name === 'spawn' && scope.repeatPath !== null) {
    throw new ScenarioError(path, `spawn may not appear inside repeat (at ${scope.repeatPath}): a var is bound by one spawn only`);
  }

  const inner: Scope = name === 'repeat' ? { ...scope, repeatPath: path } : scope;
  const checked = args.map((arg, i) => {
    const [argName, kind] = spec.args[i]!;
    const label = `${name} ${argName}`;
    const argPath = `${path}[${i + 1}]`;
    if (kind === 'ops') return checkNested(arg, label, path, argPath, inner);
    if (kind === 'handlers') return checkHandlers(arg, path, argPath, inner);
    return checkLeaf(kind, arg, { label, path, context: scope.context });
  });
  if (name === 'put') checkPriorityPut(checked[0] as string, checked[1], path, scope.context);
  // Each argument was checked against the spec of its op, which is the tuple type Op spells out.
  return [name, ...checked] as Op;
}

function checkArity(name: string, spec: OpSpec, count: number, path: string): void {
  const most = spec.args.length;
  const least = most - (spec.optional ?? 0);
  if (count >= least && count <= most) return;
  const names = spec.args.map(([argName]) => argName).join(', ');
  const takes =
    most === 0 ? 'no arguments'
    : least === most ? `${most} argument${most === 1 ? '' : 's'} (${names})`
    : `${least} or ${most} arguments (${names})`;
  throw new ScenarioError(path, `op ${show(name)} takes ${takes}, got ${count}`);
}

/** A body, a finally block or a handler's ops: a list of ops one level deeper. */
function checkNested(list: unknown, label: string, opPath: string, listPath: string, scope: Scope): Op[] {
  if (!Array.isArray(list)) throw new ScenarioError(opPath, `${label} must be a list of ops, got ${show(list)}`);
  if (scope.depth >= MAX_NESTING) {
    throw new ScenarioError(opPath, `${label} nests ops deeper than ${MAX_NESTING} levels`);
  }
  return checkOpList(list, listPath, { ...scope, depth: scope.depth + 1 });
}

function checkHandlers(handlers: unknown, opPath: string, listPath: string, scope: Scope): Handler[] {
  if (!Array.isArray(handlers)) {
    throw new ScenarioError(opPath, `try handlers must be a list of [pattern, ops] pairs, got ${show(handlers)}`);
  }
  return handlers.map((handler: unknown, k): Handler => {
    if (!Array.isArray(handler) || handler.length !== 2) {
      throw new ScenarioError(opPath, `try handler ${k} must be a [pattern, ops] pair, got ${show(handler)}`);
    }
    const pattern = checkLine(handler[0], opPath, `try handler ${k} pattern`, true);
    const label = `try handler ${k} ops`;
    return [pattern, checkNested(handler[1], label, opPath, `${listPath}[${k}][1]`, scope)];
  });
}

/**
 * A priority_queue orders its values by comparing them, and Python cannot
 * compare an integer with a string or with None, so each priority_queue
 * takes values of one type: the type of the first `put` in the file.
 */
function checkPriorityPut(queue: string, value: unknown, path: string, context: Context): void {
  if (context.resources.get(queue) !== 'priority_queue') return;
  const rule = 'its values must be all integers or all strings';
  if (value === null) {
    throw new ScenarioError(path, `put value may not be null on priority_queue ${show(queue)}; ${rule}`);
  }
  const type = typeof value === 'number' ? 'integer' : 'string';
  const first = context.priorityPuts.get(queue);
  if (first === undefined) {
    context.priorityPuts.set(queue, { type, path });
  } else if (first.type !== type) {
    const got = `put value is ${aType(type)}, but priority_queue ${show(queue)} got ${aType(first.type)} at ${first.path}`;
    throw new ScenarioError(path, `${got}; ${rule}`);
  }
}

function aType(type: 'integer' | 'string'): string {
  return type === 'integer' ? 'an integer' : 'a string';
}
