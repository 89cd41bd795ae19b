import { StepBudgetError } from '../errors.js';
import type { Loop } from '../loop/loop.js';
import type { Trace } from './trace.js';
import type { Op, Scenario } from './types.js';
import { OP_SPECS } from './validate-op-specs.js';

/**
 * The work one scenario run may do unless told otherwise (`maxSteps`):
 * loop steps and ops together. Far above any scenario the generators or the
 * corpus hold, and low enough that a run that never ends stops within
 * seconds and a few tens of megabytes of trace.
 */
export const DEFAULT_SCENARIO_MAX_STEPS = 1_000_000;

/**
 * A scenario run did more work than its budget allows: loop steps and ops
 * (and `repeat` iterations, which may run no op) counted together, since
 * `["repeat", 9007199254740991, [["log", "x"]]]` never yields and so never
 * takes a loop step. It names the limit, the virtual time and the path of
 * the op that went past it, and carries the trace up to that op.
 *
 * @example
 * runScenario(endless, { maxSteps: 1000 });
 * // ScenarioBudgetError: step budget of 1000 (loop steps and ops together) spent at t=0 by the op at defs.main[0][2][0] ...
 */
export class ScenarioBudgetError extends StepBudgetError {
  override name = 'ScenarioBudgetError';
  /** The trace up to the op that went past the budget, without a closing line. */
  lines: readonly string[] = [];

  constructor(
    readonly limit: number,
    readonly timeMs: number,
    /** Where the op is, as validation errors name it: `defs.main[0][2][0]`. */
    readonly path: string,
  ) {
    super(
      `step budget of ${limit} (loop steps and ops together) spent at t=${timeMs} by the op at ${path}: ` +
        'a scenario that never ends, or one longer than maxSteps allows (raise it with the maxSteps option)',
    );
  }
}

/**
 * One scenario run's budget: every op and every `repeat` iteration spends
 * one, on top of the loop's steps. The first spend past the limit ends the
 * run through `loop.abort`, so no catch-all handler in the scenario can
 * swallow it, and every later spend in the same step throws again.
 */
export class OpBudget {
  private spent = 0;
  private loop: Loop | null = null;
  private exhausted: ScenarioBudgetError | null = null;
  /** The op that spent last: where a run stood when the loop's own budget ran out. */
  private lastOp: Op | null = null;

  constructor(
    private readonly scenario: Scenario,
    readonly limit: number,
    /** Frozen when the budget is spent: what runs after that, as the step unwinds, is not part of the trace so far. */
    private readonly trace: Trace,
  ) {}

  /** The run's loop, known once its main task starts. */
  bind(loop: Loop): void {
    this.loop = loop;
  }

  /** Spends one unit for `op`; throws ScenarioBudgetError once loop steps and units pass the limit. */
  spend(op: Op): void {
    const loop = this.loop;
    if (loop === null) return;
    this.lastOp = op;
    if (++this.spent + loop.steps() <= this.limit && this.exhausted === null) return;
    if (this.exhausted === null) {
      this.exhausted = this.errorAt(loop.time(), op);
      loop.abort(this.exhausted);
    }
    throw this.exhausted;
  }

  /** The budget's error for the loop's own budget, spent by steps that ran no op: at the last op that ran. */
  loopBudgetSpent(timeMs: number): ScenarioBudgetError {
    return this.exhausted ?? this.errorAt(timeMs, this.lastOp);
  }

  private errorAt(timeMs: number, op: Op | null): ScenarioBudgetError {
    const path = op === null ? `defs.${this.scenario.main}` : pathOf(this.scenario, op);
    const error = new ScenarioBudgetError(this.limit, timeMs, path);
    error.lines = this.trace.freeze();
    return error;
  }
}

/**
 * Where `op` sits in the scenario, in the format's path notation: a
 * pre-order walk in document order with an explicit stack (no recursion),
 * made only when a message needs it.
 */
export function pathOf(scenario: Scenario, op: Op): string {
  const stack: Located[] = [];
  for (const [name, body] of Object.entries(scenario.defs).reverse()) pushList(stack, body, `defs.${name}`);
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (next.op === op) return next.path;
    listsInside(next.op).reverse().forEach(([list, suffix]) => pushList(stack, list, `${next.path}${suffix}`));
  }
  return '(an op outside the scenario)';
}

interface Located {
  readonly op: Op;
  readonly path: string;
}

/** Pushes a list's ops so that the first is popped first. */
function pushList(stack: Located[], list: readonly Op[], path: string): void {
  for (let j = list.length - 1; j >= 0; j--) stack.push({ op: list[j]!, path: `${path}[${j}]` });
}

/** The op lists inside one op (bodies, handlers' ops, finally blocks), each with its path below the op's. */
function listsInside(op: Op): Array<[readonly Op[], string]> {
  const lists: Array<[readonly Op[], string]> = [];
  OP_SPECS[op[0]].args.forEach(([, kind], index) => {
    const arg = op[index + 1] as unknown;
    if (kind === 'ops' && Array.isArray(arg)) lists.push([arg as Op[], `[${index + 1}]`]);
    if (kind === 'handlers' && Array.isArray(arg)) {
      (arg as Array<[string, Op[]]>).forEach(([, ops], k) => lists.push([ops, `[${index + 1}][${k}][1]`]));
    }
  });
  return lists;
}
