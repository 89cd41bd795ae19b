/**
 * The checks on a history given in process (a file is checked by its
 * validator instead): every operation has a process, a status, finite times, and an `ok`
 * one completes no earlier than it was invoked. A bad history is an error
 * naming the operation, never a silent wrong verdict.
 */
import type { History, ModelName } from './history.js';
import { registerInputProblem } from './register-model.js';
import { isScalar } from './scalar.js';
import { showValue } from './show.js';

const STATUSES = new Set(['ok', 'fail', 'info']);

/** Throws a TypeError naming the first operation of `history` that is malformed. */
export function checkHistory(history: History<unknown, unknown>, shipped: ModelName | undefined): void {
  if (!Array.isArray(history)) throw new TypeError(`checkLinearizability: the history must be an array of operations, got ${showValue(history)}`);
  for (let index = 0; index < history.length; index++) {
    const problem = operationProblem(history[index], shipped);
    if (problem !== undefined) throw new TypeError(`checkLinearizability: history[${index}]${problem}`);
  }
}

function operationProblem(operation: unknown, shipped: ModelName | undefined): string | undefined {
  if (typeof operation !== 'object' || operation === null) return `: expected an operation object, got ${showValue(operation)}`;
  const { process, status, invokeTime, completeTime, input, output } = operation as Record<string, unknown>;
  if (typeof process !== 'number' || !Number.isInteger(process) || process < 0) return `.process: expected a non-negative integer, got ${showValue(process)}`;
  if (typeof status !== 'string' || !STATUSES.has(status)) return `.status: expected "ok", "fail" or "info", got ${showValue(status)}`;
  if (typeof invokeTime !== 'number' || !Number.isFinite(invokeTime)) return `.invokeTime: expected a finite number, got ${showValue(invokeTime)}`;
  if (completeTime === undefined) {
    if (status === 'ok') return '.completeTime: an ok operation needs one';
  } else if (typeof completeTime !== 'number' || !Number.isFinite(completeTime) || completeTime < invokeTime) {
    return `.completeTime: expected a finite number no earlier than invokeTime ${invokeTime}, got ${showValue(completeTime)}`;
  }
  if (shipped === undefined) return undefined;
  const inputProblem = registerInputProblem(input, shipped === 'kv');
  if (inputProblem !== undefined) return `.input: ${inputProblem}`;
  const readsValue = status === 'ok' && (input as { f: string }).f === 'read';
  if (readsValue && !isScalar(output)) return `.output: an ok read returns a JSON scalar, got ${showValue(output)}`;
  return undefined;
}
