import type { Operation } from '../effects.js';
import type { Task } from '../task.js';
import type { Loop } from '../loop/loop.js';
import { unboundVar } from './application-error.js';
import { DEFAULT_SCENARIO_MAX_STEPS, OpBudget, type ScenarioBudgetError } from './budget.js';
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
  /** What the run may spend: loop steps and ops together (the format's "Bounded work"). */
  private readonly budget: OpBudget;

  constructor(
    readonly scenario: Scenario,
    private readonly ops: OpTable,
    /** The scenario's resources, made on the running loop when the run starts. */
    readonly resources: ReadonlyMap<string, unknown>,
    maxSteps = DEFAULT_SCENARIO_MAX_STEPS,
  ) {
    this.budget = new OpBudget(scenario, maxSteps, this.trace);
  }

  /** The run's loop, once its main task starts: the budget counts its steps. */
  startOn(loop: Loop): void {
    this.budget.bind(loop);
  }

  /** One unit of work for `op` (an op, or one `repeat` iteration); throws once the budget is spent. */
  spend(op: Op): void {
    this.budget.spend(op);
  }

  /** The budget's error when the loop's own step budget ran out first, at `timeMs`. */
  budgetError(timeMs: number): ScenarioBudgetError {
    return this.budget.loopBudgetSpent(timeMs);
  }

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
      this.budget.spend(op);
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
