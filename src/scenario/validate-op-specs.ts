/**
 * The signature of every op: its arguments, by name and by kind, in order.
 * The validator checks ops against this table, and the names appear in its
 * messages (`op "sleep" takes 1 argument (ticks), got 2`, `sleep ticks must
 * be an integer >= 0, got 1.5`).
 *
 * ```ts
 * OP_SPECS.cancel; // { args: [['target', 'target'], ['msg', 'message']], optional: 1 }
 * ```
 */
import type { OpName, ResourceKind } from './types.js';

/** Arguments that name a resource, and the resource kinds each accepts. */
export const RESOURCE_USES = {
  event: ['event'],
  lockable: ['lock', 'semaphore', 'bounded_semaphore', 'condition'],
  condition: ['condition'],
  queue: ['queue', 'priority_queue', 'lifo_queue'],
  barrier: ['barrier'],
} as const satisfies Record<string, readonly ResourceKind[]>;

export type ResourceUse = keyof typeof RESOURCE_USES;

/** What an argument must be. */
export type ArgKind =
  | 'text' //      log text: a string without line breaks
  | 'message' //   cancel message: a string without line breaks
  | 'error' //     an error name: a non-empty string without line breaks
  | 'count' //     ticks or a count: an integer >= 0
  | 'countOrNull' // an integer >= 0 or null
  | 'binding' //   the var a spawn binds
  | 'var' //       a var some spawn binds
  | 'target' //    a var some spawn binds, or "self"
  | 'vars' //      a list of vars some spawn binds
  | 'def' //       a declared def
  | 'value' //     a string, an integer or null
  | 'mode' //      a wait mode
  | 'flag' //      true or false
  | 'ops' //       a list of ops
  | 'handlers' //  a list of [pattern, ops]
  | ResourceUse;

/** The arguments of an op; the last `optional` of them may be left out. */
export interface OpSpec {
  args: ReadonlyArray<readonly [name: string, kind: ArgKind]>;
  optional?: number;
}

export const OP_SPECS: Record<OpName, OpSpec> = {
  log: { args: [['text', 'text']] },
  sleep: { args: [['ticks', 'count']] },
  spawn: { args: [['var', 'binding'], ['def', 'def']] },
  await: { args: [['var', 'var']] },
  cancel: { args: [['target', 'target'], ['msg', 'message']], optional: 1 },
  uncancel: { args: [] },
  cancelling: { args: [] },
  status: { args: [['var', 'var']] },
  return: { args: [['value', 'value']] },
  raise: { args: [['error', 'error']] },
  try: { args: [['body', 'ops'], ['handlers', 'handlers'], ['finally', 'ops']], optional: 1 },
  reraise: { args: [] },
  repeat: { args: [['count', 'count'], ['body', 'ops']] },
  shield: { args: [['var', 'var']] },
  wait_for: { args: [['var', 'var'], ['ticks', 'count']] },
  timeout: { args: [['ticks', 'count'], ['body', 'ops']] },
  group: { args: [['body', 'ops']] },
  gather: { args: [['vars', 'vars'], ['return_exceptions', 'flag']] },
  wait: { args: [['vars', 'vars'], ['mode', 'mode'], ['timeout', 'countOrNull']] },
  event_set: { args: [['event', 'event']] },
  event_clear: { args: [['event', 'event']] },
  event_wait: { args: [['event', 'event']] },
  with: { args: [['resource', 'lockable'], ['body', 'ops']] },
  cond_wait: { args: [['condition', 'condition']] },
  cond_notify: { args: [['condition', 'condition'], ['count', 'count']] },
  cond_notify_all: { args: [['condition', 'condition']] },
  put: { args: [['queue', 'queue'], ['value', 'value']] },
  get: { args: [['queue', 'queue']] },
  task_done: { args: [['queue', 'queue']] },
  queue_join: { args: [['queue', 'queue']] },
  barrier_wait: { args: [['barrier', 'barrier']] },
};

/** The spec of a known op name, or undefined for anything else. */
export function specOf(name: unknown): OpSpec | undefined {
  return typeof name === 'string' && Object.hasOwn(OP_SPECS, name) ? OP_SPECS[name as OpName] : undefined;
}

/**
 * How deep op lists may nest (a def body is level 1). The validator and the
 * interpreters recurse per level; the bound turns a pathological file into
 * a clear error instead of a stack overflow.
 */
export const MAX_NESTING = 100;
