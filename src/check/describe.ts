/**
 * How the explanation and the HTML view name things: an operation by its
 * model's description, its process and its interval; a part by its key.
 */
import type { HistoryOperation } from './history.js';
import type { FullModel } from './model.js';
import { registerModel } from './register-model.js';

/** `key "x"`, `key 3`; for a model that does not partition, `the register` or `the history`. */
export function partLabel(key: string | number | undefined, model: object): string {
  if (key !== undefined) return `key ${JSON.stringify(key)}`;
  return model === registerModel ? 'the register' : 'the history';
}

/** The model's one-line description of an operation, with its output when it completed ok. */
export function operationText<State, Input, Output>(model: FullModel<State, Input, Output>, operation: HistoryOperation<Input, Output>): string {
  return model.describeOperation(operation.input, operation.status === 'ok' ? operation.output : undefined);
}

/** `[0, 5]`, `[8, info at 20, open]`, `[8, never completed]`, `[3, failed at 4]`. */
export function intervalText(operation: HistoryOperation<unknown, unknown>): string {
  const { invokeTime, completeTime, status } = operation;
  if (completeTime === undefined) return `[${invokeTime}, never completed]`;
  if (status === 'ok') return `[${invokeTime}, ${completeTime}]`;
  return status === 'info' ? `[${invokeTime}, info at ${completeTime}, open]` : `[${invokeTime}, failed at ${completeTime}]`;
}

/** `p1 read() -> 1 [1, 7]`: who, what, when. */
export function operationLine<State, Input, Output>(model: FullModel<State, Input, Output>, operation: HistoryOperation<Input, Output>): string {
  return `p${operation.process} ${operationText(model, operation)} ${intervalText(operation)}`;
}
