/**
 * `checkLinearizability`: is there one order of the history's operations,
 * consistent with their real-time order, in which the model explains every
 * result? The history is split into independent parts (parts.ts), each part
 * searched (search.ts) within one shared, deterministic budget of explored
 * states, with wall-clock time only as an outer guard.
 */
import type { History, ModelName, RegisterInput, Scalar } from './history.js';
import { nowMs } from './clock.js';
import { checkHistory } from './history-problems.js';
import { fullModel, type FullModel, type Model } from './model.js';
import { partsOf, type Part } from './parts.js';
import { shippedModel } from './register-model.js';
import type { Budget, LinearizabilityResult, PartResult, Verdict } from './result.js';
import { LinearizationSearch, type SearchOutcome } from './search.js';
import type { MemoryBudget } from './state-cache.js';

/** The budgets of a check. The defaults decide the benchmark's histories with room to spare. */
export interface CheckOptions {
  /** Model steps the search may take over all parts (the same answer on every machine). Default 10,000,000. */
  readonly maxStates?: number;
  /** Wall-clock milliseconds, an outer guard only. Default 60,000. */
  readonly timeMs?: number;
  /** Bytes the memo tables may take together. Default 512 MiB. */
  readonly maxMemoryBytes?: number;
}

export const DEFAULT_MAX_STATES = 10_000_000;
export const DEFAULT_TIME_MS = 60_000;
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
  const parts = partsOf(history, full);
  const memory: MemoryBudget = { limitBytes: limits.maxMemoryBytes, usedBytes: 0 };
  const searches = parts.map((part) => new LinearizationSearch(full, part.searched, memory));
  const outcomes = runSearches(searches, limits.maxStates, nowMs() + limits.timeMs);
  const results = parts.map((part, i) => partResult(part, searches[i]!, outcomes[i]!));
  return {
    verdict: overallVerdict(results),
    parts: results,
    statesExplored: searches.reduce((sum, search) => sum + search.steps, 0),
    ...exhaustedOf(results),
    history,
    model: full,
  };
}

/**
 * Runs the parts' searches within one budget of steps, deterministically: a
 * first round gives each undecided part an equal share of what is left (what
 * an easy part does not use flows to the next), a second round shares what is
 * still left among the parts the first did not decide, resuming them. A part
 * that exhausts the memory or the deadline stops; the others still run, so a
 * violation in a later key is still found.
 */
function runSearches(searches: readonly Pick<LinearizationSearch<unknown, unknown, unknown>, 'steps' | 'run'>[], maxStates: number, deadlineMs: number): SearchOutcome[] {
  const outcomes: SearchOutcome[] = searches.map(() => 'maxStates');
  let left = maxStates;
  for (let round = 0; round < 2; round++) {
    const undecided = searches.flatMap((search, i) => (outcomes[i] === 'maxStates' ? [i] : []));
    for (let k = 0; k < undecided.length; k++) {
      const i = undecided[k]!;
      const share = Math.ceil(left / (undecided.length - k));
      const before = searches[i]!.steps;
      outcomes[i] = share > 0 ? searches[i]!.run(share, deadlineMs) : 'maxStates';
      left -= searches[i]!.steps - before;
    }
  }
  return outcomes;
}

function partResult<State, Input, Output>(
  part: Part<Input, Output>,
  search: LinearizationSearch<State, Input, Output>,
  outcome: SearchOutcome,
): PartResult<State> {
  const common = { key: part.key, operations: part.operations, statesExplored: search.steps, ordersTried: search.deadEnds };
  const index = (local: number) => part.indices[local]!;
  if (outcome === 'linearizable') {
    const { operations, states } = search.linearization();
    return { ...common, verdict: 'linearizable', linearization: { operations: operations.map(index), states } };
  }
  if (outcome === 'not linearizable') {
    const longest = search.longestPrefix()!;
    const failure = {
      ...longest,
      prefix: longest.prefix.map(index),
      blocked: index(longest.blocked),
      candidates: longest.candidates.map(index),
      tried: longest.tried.map((order) => ({ ...order, tail: order.tail.map(index), blocked: index(order.blocked) })),
    };
    return { ...common, verdict: 'not linearizable', failure };
  }
  return { ...common, verdict: 'unknown', exhausted: outcome };
}

function overallVerdict(parts: readonly PartResult<unknown>[]): Verdict {
  if (parts.some((part) => part.verdict === 'not linearizable')) return 'not linearizable';
  return parts.some((part) => part.verdict === 'unknown') ? 'unknown' : 'linearizable';
}

function exhaustedOf(parts: readonly PartResult<unknown>[]): { exhausted?: Budget } {
  if (overallVerdict(parts) !== 'unknown') return {};
  const exhausted = parts.find((part) => part.exhausted !== undefined)!.exhausted!;
  return { exhausted };
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
