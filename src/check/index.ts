/**
 * History checking: record what a system's clients saw, and judge it for
 * linearizability against a model (Wing and Gong's search with Lowe's
 * memoisation and P-compositionality, as Porcupine). Depends on nothing else
 * in simloop, so it judges a real system's history as well as a simulated one.
 *
 * @example
 * import { checkLinearizability, formatCheckResult, operationsOf, parseHistory } from 'simloop';
 * const file = parseHistory(text);
 * const result = checkLinearizability(operationsOf(file), file.model);
 * console.log(formatCheckResult(result).join('\n'));
 */
export { checkLinearizability, type CheckOptions, DEFAULT_MAX_STATES, DEFAULT_TIME_MS, DEFAULT_MAX_MEMORY_BYTES } from './check.js';
export type { Verdict, Budget, LinearizabilityResult, PartResult, PartFailure } from './result.js';
export type { TriedOrder } from './tried-orders.js';
export type { Model, StepResult, FullModel } from './model.js';
export { registerModel, kvModel } from './register-model.js';
export {
  HISTORY_FORMAT,
  type Scalar,
  type RegisterFunction,
  type RegisterInput,
  type OperationStatus,
  type HistoryOperation,
  type History,
  type ModelName,
  type EventType,
  type HistoryEvent,
  type HistoryFile,
} from './history.js';
export { parseHistory, validateHistory } from './validate-history.js';
export { HistoryFormatError } from './history-format-error.js';
export { operationsOf } from './file-operations.js';
export { HistoryRecorder, OperationHandle } from './recorder.js';
export { formatCheckResult } from './explain.js';
export { renderHistoryHtml, renderHistorySection } from './html.js';
export { linearizabilityCheck, type LinearizabilityFinding, type HistorySource } from './run-check.js';
