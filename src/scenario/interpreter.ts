import type { Operation } from '../effects.js';
import type { Task } from '../task.js';
import { unboundVar } from './application-error.js';
import { HandledErrors } from './handled-errors.js';
import { renderError, renderValue } from './render.js';
import { Trace } from './trace.js';
import type { Op, OpName, Scenario, Value } from './types.js';

/** A `return` op on its way out of nested op lists: it carries the def's value. */
export interface Returned {
  readonly value: Value;
}

/** What one task's interpretation keeps: the errors being handled and the enclosing groups. */
export interface Frame {
  /** The errors this task is handling, innermost last: what `reraise` re-raises. */
  readonly handled: HandledErrors;
  /** The innermost group's createTask is what a `spawn` inside a `group` body uses. */
  readonly spawners: Array<(coro: Operation<Value>, name: string) => Task<Value>>;
}

/** Runs one op of a kind; returns a Returned when the op (or one inside it) returned. */
export type OpRunner<O extends Op = Op> = (
  interpreter: Interpreter,
  op: O,
  frame: Frame,
) => Operation<Returned | undefined>;

/** A runner for every op of the format; each family of ops supplies a part of it. */
export type OpTable = { [N in OpName]: OpRunner<Extract<Op, [N, ...unknown[]]>> };

/**
 * Runs a validated scenario's defs as simloop tasks and records the trace.
 * Each op kind is carried out by a runner from the op table, so the ops of
 * each family live in their own file.
 */
export class Interpreter {
  readonly trace = new Trace();
  private readonly vars = new Map<string, Task<Value>>();

  constructor(
    readonly scenario: Scenario,
    private readonly ops: OpTable,
    /** The scenario's resources, made on the running loop when the run starts. */
    readonly resources: ReadonlyMap<string, unknown>,
  ) {}

  /** The body of a def run as a task: `start`, its ops, then `exit return` or `exit raise`. */
  *runDef(def: string): Operation<Value> {
    const frame: Frame = { handled: new HandledErrors(), spawners: [] };
    this.trace.emit('start');
    let returned: Returned | undefined;
    try {
      returned = yield* this.runOps(this.scenario.defs[def] as Op[], frame);
    } catch (error) {
      this.trace.emit(`exit raise ${renderError(error)}`);
      throw error;
    }
    const value = returned === undefined ? null : returned.value;
    this.trace.emit(`exit return ${renderValue(value)}`);
    return value;
  }

  /** Runs ops in order; stops early and hands back the Returned of a `return`. */
  *runOps(ops: readonly Op[], frame: Frame): Operation<Returned | undefined> {
    for (const op of ops) {
      const returned = yield* (this.ops[op[0]] as OpRunner)(this, op, frame);
      if (returned !== undefined) return returned;
    }
    return undefined;
  }

  /** The task a var is bound to; UnboundVar when its spawn has not run yet. */
  lookup(variable: string): Task<Value> {
    const task = this.vars.get(variable);
    if (task === undefined) throw unboundVar(variable);
    return task;
  }

  bind(variable: string, task: Task<Value>): void {
    this.vars.set(variable, task);
  }

  resource<R>(name: string): R {
    return this.resources.get(name) as R;
  }
}
