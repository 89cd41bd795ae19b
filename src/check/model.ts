/**
 * A model is the sequential specification a history is checked against, as
 * Porcupine's `Model`: plain data and pure functions. Only `init` and `step`
 * are required; the optional hooks have defaults.
 */
import { showValue } from './show.js';
import { structuralEqual, structuralHash } from './structural.js';

/**
 * What `step` says: the operation is legal in that state (and the state after it), or not.
 *
 * @example
 * const legal: StepResult<number> = { ok: true, state: 2 };
 * const illegal: StepResult<number> = { ok: false };
 */
export type StepResult<State> = { readonly ok: true; readonly state: State } | { readonly ok: false };

/**
 * A sequential specification. `step` must be pure: it returns a new state and
 * never changes the one it is given (the search keeps old states to go back to).
 *
 * `output` is `undefined` when the operation's outcome is unknown (it ended
 * `info` or never completed): `step` must then accept any output, and say how
 * the state changes if the operation took effect. (Whether it took effect at
 * all is the search's business: it tries both.)
 *
 * With `partition`, operations whose keys differ are independent, and the
 * history is checked key by key (P-compositionality); `init` and `step` then
 * describe one key's state, as `kv` does with one register per key.
 *
 * @example
 * // A counter: `add(n)` returns nothing, `get()` returns the total.
 * type CounterInput = { op: 'add'; n: number } | { op: 'get' };
 * const counter: Model<number, CounterInput, number> = {
 *   init: () => 0,
 *   step: (total, input, output) =>
 *     input.op === 'add'
 *       ? { ok: true, state: total + input.n }
 *       : output === undefined || output === total ? { ok: true, state: total } : { ok: false },
 *   describeOperation: (input, output) => (input.op === 'add' ? `add(${input.n})` : `get() -> ${output ?? '?'}`),
 * };
 */
export interface Model<State, Input, Output> {
  /** The state before any operation (of each key, with `partition`). */
  init(): State;
  /** Whether `input` returning `output` is legal in `state`, and the state after it. */
  step(state: State, input: Input, output: Output | undefined): StepResult<State>;
  /** The key of the independent part an operation belongs to (`kv`: its key). Absent: one part. */
  partition?(input: Input): string | number;
  /**
   * True for an operation that never changes the state wherever it is legal, such as a read.
   * The search then linearizes it as soon as it is legal rather than trying it later too, which
   * prunes many orders. Default: false for every operation.
   */
  readOnly?(input: Input): boolean;
  /** Whether two states are the same. Default: structural equality of plain data (objects, arrays, scalars). */
  equal?(a: State, b: State): boolean;
  /**
   * A hash consistent with `equal`: equal states hash equal. Default: a structural hash. One that
   * disagrees with `equal` only costs repeated work (the memo misses), never a wrong verdict.
   */
  hash?(state: State): number | string;
  /** One line for an operation in explanations and the HTML view: `write(1)`, `read() -> 1`. */
  describeOperation?(input: Input, output: Output | undefined): string;
  /** One line for a state. Default: its JSON. */
  describeState?(state: State): string;
}

/**
 * A model with every optional hook filled in, as the search and the explanation use it
 * (`result.model`).
 *
 * @example
 * result.model.describeState(result.parts[0]!.failure!.state); // '2'
 */
export interface FullModel<State, Input, Output> {
  init(): State;
  step(state: State, input: Input, output: Output | undefined): StepResult<State>;
  partition: ((input: Input) => string | number) | undefined;
  readOnly(input: Input): boolean;
  equal(a: State, b: State): boolean;
  hash(state: State): number;
  describeOperation(input: Input, output: Output | undefined): string;
  describeState(state: State): string;
}

/** Fills in the defaults of a model's optional hooks (Porcupine's `fillDefault`). */
export function fullModel<State, Input, Output>(model: Model<State, Input, Output>): FullModel<State, Input, Output> {
  if (typeof model !== 'object' || model === null) throw new TypeError(`a model must be an object with init and step, got ${String(model)}`);
  if (typeof model.init !== 'function' || typeof model.step !== 'function') {
    throw new TypeError('a model must have an init() and a step(state, input, output) function');
  }
  const hash = model.hash === undefined ? structuralHash : model.hash.bind(model);
  return {
    init: model.init.bind(model),
    step: model.step.bind(model),
    partition: model.partition?.bind(model),
    readOnly: model.readOnly?.bind(model) ?? (() => false),
    equal: model.equal === undefined ? structuralEqual : model.equal.bind(model),
    hash: (state) => toInt32Hash(hash(state)),
    describeOperation: model.describeOperation?.bind(model) ?? defaultDescribeOperation,
    describeState: model.describeState?.bind(model) ?? showValue,
  };
}

function toInt32Hash(hash: number | string): number {
  if (typeof hash === 'number') return Number.isInteger(hash) ? hash | 0 : structuralHash(hash);
  return structuralHash(hash);
}

function defaultDescribeOperation(input: unknown, output: unknown): string {
  return output === undefined ? showValue(input) : `${showValue(input)} -> ${showValue(output)}`;
}
