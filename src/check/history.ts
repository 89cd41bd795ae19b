/**
 * Histories: what the clients of a system saw, one operation per call, with
 * the interval it occupied. Two shapes of the same thing:
 *
 * - `History` is a list of `HistoryOperation`s, generic in the model's input and
 *   output. It is what `checkLinearizability` judges and what a
 *   `HistoryRecorder` produces, for any model.
 * - `HistoryFile` is the file format `simloop-history/1` (Jepsen's
 *   invoke / ok / fail / info events), for the shipped `register` and `kv`
 *   models; `parseHistory` reads it and `operationsOf` turns it into a
 *   `History`.
 */

/**
 * A value the shipped models store: a JSON scalar. A number never equals a boolean or a string.
 *
 * @example
 * const values: Scalar[] = [1, 'one', true, null];
 */
export type Scalar = number | string | boolean | null;

/**
 * The operations of the shipped models.
 *
 * @example
 * const f: RegisterFunction = 'cas';
 */
export type RegisterFunction = 'read' | 'write' | 'cas';

/**
 * What a client asked the `register` or `kv` model to do, shaped as the file
 * says: a write carries the value written, a cas `[expected, new]`. `key`
 * names the register of a `kv` map; the `register` model ignores it.
 *
 * @example
 * const input: RegisterInput = { f: 'cas', key: 'x', value: [1, 2] };
 */
export type RegisterInput =
  | { readonly f: 'read'; readonly key?: string }
  | { readonly f: 'write'; readonly key?: string; readonly value: Scalar }
  | { readonly f: 'cas'; readonly key?: string; readonly value: readonly [Scalar, Scalar] };

/**
 * How an operation ended: `ok` took effect (and returned its output), `fail`
 * certainly did not take effect, `info` may have taken effect at any instant
 * after its invocation, or never (a timeout, a crash). An invocation that
 * never completed is `info` too.
 *
 * @example
 * const status: OperationStatus = 'info';
 */
export type OperationStatus = 'ok' | 'fail' | 'info';

/**
 * One operation of a history: a call by `process` that occupied the closed
 * interval [`invokeTime`, `completeTime`]. Times are numbers in any unit
 * (virtual milliseconds when recorded in a simulation); only their order
 * matters. Operation A precedes B exactly when A's `completeTime` is strictly
 * less than B's `invokeTime`; intervals that share an instant are concurrent.
 *
 * `output` is what an `ok` operation returned; it is absent otherwise, and a
 * model's `step` then receives `undefined`, meaning "unknown".
 * `completeTime` is absent for an invocation that never completed.
 *
 * @example
 * const op: HistoryOperation<RegisterInput, Scalar> = {
 *   process: 1, input: { f: 'read' }, status: 'ok', output: 1, invokeTime: 1, completeTime: 7,
 * };
 */
export interface HistoryOperation<Input, Output> {
  readonly process: number;
  readonly input: Input;
  readonly status: OperationStatus;
  readonly output?: Output;
  readonly invokeTime: number;
  readonly completeTime?: number;
}

/**
 * A history: operations, in any order (the checker orders them by time).
 *
 * @example
 * const history: History<RegisterInput, Scalar> = recorder.history;
 */
export type History<Input, Output> = readonly HistoryOperation<Input, Output>[];

/**
 * The shipped models, by the names the file format uses.
 *
 * @example
 * checkLinearizability(history, 'kv' satisfies ModelName);
 */
export type ModelName = 'register' | 'kv';

/**
 * The kind of an event of the file format.
 *
 * @example
 * const type: EventType = 'invoke';
 */
export type EventType = 'invoke' | OperationStatus;

/**
 * One event of a `simloop-history/1` file, as `validateHistory` returns it:
 * `key` only for `kv` files, `value` as the file has it (absent when the file
 * has none).
 *
 * @example
 * const event: HistoryEvent = { process: 0, type: 'invoke', f: 'write', key: 'x', value: 1, time: 0 };
 */
export interface HistoryEvent {
  readonly process: number;
  readonly type: EventType;
  readonly f: RegisterFunction;
  readonly key?: string;
  readonly value?: Scalar | readonly [Scalar, Scalar];
  readonly time: number;
}

/**
 * A valid `simloop-history/1` file (see docs/checking.md and the format's
 * contract): the model it is checked against and its events in the order
 * they happened.
 *
 * @example
 * const file: HistoryFile = {
 *   format: 'simloop-history/1',
 *   model: 'register',
 *   ops: [
 *     { process: 0, type: 'invoke', f: 'write', value: 1, time: 0 },
 *     { process: 0, type: 'ok', f: 'write', value: 1, time: 2 },
 *   ],
 * };
 */
export interface HistoryFile {
  readonly format: 'simloop-history/1';
  readonly model: ModelName;
  readonly ops: readonly HistoryEvent[];
}

/**
 * The `format` field of every history file this version reads and writes.
 *
 * @example
 * JSON.stringify({ format: HISTORY_FORMAT, model: 'kv', ops: [] });
 */
export const HISTORY_FORMAT = 'simloop-history/1';
