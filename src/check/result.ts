/**
 * What `checkLinearizability` returns: the verdict, and per independent part
 * (each key of a `kv` history, or the whole history) a linearization or the
 * longest prefix that could be linearized and the operation that cannot
 * follow it. Operations are named by their index in the history given.
 */
import type { History } from './history.js';
import type { FullModel } from './model.js';
import type { TriedOrder } from './tried-orders.js';

/**
 * `unknown`: a budget ran out before the search could decide.
 *
 * @example
 * const exitStatus = { linearizable: 0, 'not linearizable': 1, unknown: 3 }[result.verdict satisfies Verdict];
 */
export type Verdict = 'linearizable' | 'not linearizable' | 'unknown';

/**
 * The budget that ran out: explored states, wall-clock time, or the memo tables' memory.
 *
 * @example
 * if (result.exhausted === 'maxStates') checkLinearizability(history, 'kv', { maxStates: 100_000_000 });
 */
export type Budget = 'maxStates' | 'timeMs' | 'memory';

/**
 * Where the search of a part that is not linearizable got stuck.
 *
 * @example
 * const { prefix, blocked, state } = result.parts[0]!.failure!;
 */
export interface PartFailure<State> {
  /** The longest linearizable prefix: operations (history indices) in the order linearized. */
  readonly prefix: readonly number[];
  /** The model state after each operation of `prefix`. */
  readonly states: readonly State[];
  /** The state after the whole prefix (the initial state when it is empty). */
  readonly state: State;
  /** The operation that cannot follow the prefix: it completed before anything legal could be linearized. */
  readonly blocked: number;
  /** Every operation that could have come next, in the order tried; each is illegal in `state`. */
  readonly candidates: readonly number[];
  /** The deepest orders the search tried, deepest first (the prefix's own among them), as history indices. */
  readonly tried: readonly TriedOrder<State>[];
}

/**
 * The verdict on one independent part of the history.
 *
 * @example
 * result.parts.filter((part) => part.verdict === 'not linearizable').map((part) => part.key); // ['x']
 */
export interface PartResult<State> {
  /** The part's key (`kv`: the key); undefined when the model does not partition. */
  readonly key: string | number | undefined;
  readonly verdict: Verdict;
  /** The part's operations (history indices), failed ones included, in invocation order. */
  readonly operations: readonly number[];
  /** Model steps the search took on this part. */
  readonly statesExplored: number;
  /** Orders the search tried and could not complete (dead ends). */
  readonly ordersTried: number;
  /** When linearizable: one linearization (history indices) and the state after each operation. */
  readonly linearization?: { readonly operations: readonly number[]; readonly states: readonly State[] };
  /** When not linearizable: where it got stuck. */
  readonly failure?: PartFailure<State>;
  /** When unknown: the budget that ran out. */
  readonly exhausted?: Budget;
}

/**
 * The verdict on a history, with what explains it.
 *
 * @example
 * const result = checkLinearizability(history, 'kv', { maxStates: 1_000_000 });
 * if (result.verdict !== 'linearizable') console.log(formatCheckResult(result).join('\n'));
 */
export interface LinearizabilityResult<State, Input, Output> {
  readonly verdict: Verdict;
  /** One per independent part, in the order of their first operation in the history. */
  readonly parts: readonly PartResult<State>[];
  /** Model steps taken over all parts: what `maxStates` bounds. */
  readonly statesExplored: number;
  /** When unknown: the first budget that ran out. */
  readonly exhausted?: Budget;
  /** The history checked, which the indices above refer to. */
  readonly history: History<Input, Output>;
  /** The model, with its optional hooks filled in (for describing operations and states). */
  readonly model: FullModel<State, Input, Output>;
}
