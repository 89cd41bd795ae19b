/**
 * `checkLinearizability`: is there one order of the history's operations,
 * consistent with their real-time order, in which the model explains every
 * result? The facade: it resolves the model, checks the history, splits it
 * into independent parts (parts.ts) and has them judged (judge-parts.ts), each
 * searched (search.ts) within one shared, deterministic budget of explored
 * states, with wall-clock time only as an outer guard.
 */
import type { History, ModelName, RegisterInput, Scalar } from './history.js';
import { nowMs } from './clock.js';
import { checkHistory } from './history-problems.js';
import { fullModel, type FullModel, type Model } from './model.js';
import { judgeParts } from './judge-parts.js';
import { partsOf } from './parts.js';
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
 */
export function checkLinearizability(
  history: History<RegisterInput, Scalar>,
  model: ModelName,
  options?: CheckOptions,
): LinearizabilityResult<Scalar, RegisterInput, Scalar>;
export function checkLinearizability<State, Input, Output>(
  history: History<Input, Output>,
  model: Model<State, Input, Output>,
  options?: CheckOptions,
): LinearizabilityResult<State, Input, Output>;
export function checkLinearizability<State, Input, Output>(
  history: History<Input, Output>,
  model: Model<State, Input, Output> | ModelName,
  options: CheckOptions = {},
): LinearizabilityResult<State, Input, Output> {
  const limits = checkOptions(options);
  const shipped = shippedModel(model);
  const full = (shipped?.model ?? fullModel(model as Model<State, Input, Output>)) as FullModel<State, Input, Output>;
  checkHistory(history, shipped?.name);
  const judged = judgeParts(partsOf(history, full), full, { ...limits, deadlineMs: nowMs() + limits.timeMs });
  return { ...judged, history, model: full };
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
