/**
 * `checkLinearizability`: is there one order of the history's operations,
 * consistent with their real-time order, in which the model explains every
 * result? The facade: it resolves the model, checks the history, splits it
 * into independent parts (parts.ts) and has them judged (judge-parts.ts), each
 * searched (search.ts) within one shared, deterministic budget of explored
 * states, with wall-clock time only as an outer guard.
 */
import { operationsOf } from './file-operations.js';
import type { History, HistoryFile, ModelName, RegisterInput, Scalar } from './history.js';
import { nowMs } from './clock.js';
import { checkHistory } from './history-problems.js';
import { fullModel, type FullModel, type Model } from './model.js';
import { judgeParts } from './judge-parts.js';
import { partsOf } from './parts.js';
import { validateHistory } from './validate-history.js';
import { shippedModel } from './register-model.js';
import type { LinearizabilityResult } from './result.js';

/**
 * The budgets of a check. The explored-state budget decides first (the same answer on every
 * machine); time and memory are outer guards.
 *
 * @example
 * checkLinearizability(history, 'kv', { maxStates: 1_000_000, timeMs: 5_000 });
 */
export interface CheckOptions {
  /** Model steps the search may take over all parts (the same answer on every machine). Default 10,000,000. */
  readonly maxStates?: number;
  /** Wall-clock milliseconds, an outer guard only. Default 60,000. */
  readonly timeMs?: number;
  /** Bytes the memo tables may take together. Default 512 MiB. */
  readonly maxMemoryBytes?: number;
}

/**
 * The default explored-state budget: a few seconds of search.
 *
 * @example
 * checkLinearizability(history, 'kv', { maxStates: 10 * DEFAULT_MAX_STATES });
 */
export const DEFAULT_MAX_STATES = 10_000_000;
/**
 * The default wall-clock guard, in milliseconds.
 *
 * @example
 * checkLinearizability(history, 'kv', { timeMs: DEFAULT_TIME_MS / 10 });
 */
export const DEFAULT_TIME_MS = 60_000;
/**
 * The default memory budget of the memo tables, in bytes.
 *
 * @example
 * checkLinearizability(history, 'kv', { maxMemoryBytes: 2 * DEFAULT_MAX_MEMORY_BYTES });
 */
export const DEFAULT_MAX_MEMORY_BYTES = 512 * 1024 * 1024;

/**
 * Checks a history for linearizability against a model: `'register'`,
 * `'kv'`, or a user `Model`. The verdict is `linearizable`, `not
 * linearizable` (with, per failing part, the longest linearizable prefix and
 * the operation that cannot follow it), or `unknown` when a budget ran out.
 *
 * `ok` operations take effect at one instant inside their interval; `info`
 * ones (and invocations never completed) at any instant after their
 * invocation, or never; `fail` ones are dropped.
 *
 * @example
 * const history = [
 *   { process: 0, input: { f: 'write', value: 1 }, status: 'ok', invokeTime: 0, completeTime: 5 },
 *   { process: 1, input: { f: 'read' }, status: 'ok', output: 2, invokeTime: 6, completeTime: 7 },
 * ] as const;
 * checkLinearizability(history, 'register').verdict; // 'not linearizable'
 *
 * A `simloop-history/1` file (parsed JSON) may be given instead of the
 * operations: it is validated (`HistoryFormatError` if it is not valid) and
 * checked against its own model unless another is given.
 *
 * @example
 * checkLinearizability(JSON.parse(readFileSync('history.json', 'utf8'))).verdict;
 */
export function checkLinearizability(file: HistoryFile, options?: CheckOptions): LinearizabilityResult<Scalar, RegisterInput, Scalar>;
export function checkLinearizability(
  history: History<RegisterInput, Scalar> | HistoryFile,
  model: ModelName,
  options?: CheckOptions,
): LinearizabilityResult<Scalar, RegisterInput, Scalar>;
export function checkLinearizability<State, Input, Output>(
  history: History<Input, Output>,
  model: Model<State, Input, Output>,
  options?: CheckOptions,
): LinearizabilityResult<State, Input, Output>;
export function checkLinearizability<State, Input, Output>(
  given: History<Input, Output> | HistoryFile,
  modelOrOptions?: Model<State, Input, Output> | ModelName | CheckOptions,
  options: CheckOptions = {},
): LinearizabilityResult<State, Input, Output> {
  if (isHistoryFile(given)) {
    const file = validateHistory(given);
    const named = typeof modelOrOptions === 'string' || isModel(modelOrOptions);
    const model = (named ? modelOrOptions : file.model) as Model<State, Input, Output> | ModelName;
    return checkLinearizability(operationsOf(file) as unknown as History<Input, Output>, model as Model<State, Input, Output>, named ? options : (modelOrOptions as CheckOptions));
  }
  const history = given;
  const model = modelOrOptions as Model<State, Input, Output> | ModelName;
  const limits = checkOptions(options);
  const shipped = shippedModel(model);
  const full = (shipped?.model ?? fullModel(model as Model<State, Input, Output>)) as FullModel<State, Input, Output>;
  checkHistory(history, shipped?.name);
  const judged = judgeParts(partsOf(history, full), full, { ...limits, deadlineMs: nowMs() + limits.timeMs });
  return { ...judged, history, model: full };
}

/** A file rather than a list of operations: an object (not an array) with a `format`. */
function isHistoryFile(value: unknown): value is HistoryFile {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, 'format');
}

function isModel(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { step?: unknown }).step === 'function';
}

function checkOptions(options: CheckOptions): Required<CheckOptions> {
  const maxStates = options.maxStates ?? DEFAULT_MAX_STATES;
  const timeMs = options.timeMs ?? DEFAULT_TIME_MS;
  const maxMemoryBytes = options.maxMemoryBytes ?? DEFAULT_MAX_MEMORY_BYTES;
  if (!Number.isSafeInteger(maxStates) || maxStates < 1) throw new RangeError(`maxStates must be a positive integer, got ${maxStates}`);
  if (!(timeMs > 0)) throw new RangeError(`timeMs must be a positive number of milliseconds, got ${timeMs}`);
  if (!(maxMemoryBytes > 0)) throw new RangeError(`maxMemoryBytes must be a positive number of bytes, got ${maxMemoryBytes}`);
  return { maxStates, timeMs, maxMemoryBytes };
}
