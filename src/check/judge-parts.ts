/**
 * Judging the parts of a history within one budget: each part gets its own
 * search (search.ts), the searches share the explored-state budget fairly and
 * deterministically, and their outcomes become the result, in history indices.
 */
import type { FullModel } from './model.js';
import type { Part } from './parts.js';
import type { Budget, LinearizabilityResult, PartResult, Verdict } from './result.js';
import { LinearizationSearch, type SearchOutcome } from './search.js';
import type { MemoryBudget } from './state-cache.js';

/** The budgets, resolved: `deadlineMs` is on clock.ts's clock. */
export interface Limits {
  readonly maxStates: number;
  readonly maxMemoryBytes: number;
  readonly deadlineMs: number;
}

/** Searches every part and composes the verdict. */
export function judgeParts<State, Input, Output>(
  parts: readonly Part<Input, Output>[],
  model: FullModel<State, Input, Output>,
  limits: Limits,
): Omit<LinearizabilityResult<State, Input, Output>, 'history' | 'model'> {
  const memory: MemoryBudget = { limitBytes: limits.maxMemoryBytes, usedBytes: 0 };
  const searches = parts.map((part) => new LinearizationSearch(model, part.searched, memory));
  const outcomes = runSearches(searches, limits.maxStates, limits.deadlineMs);
  const results = parts.map((part, i) => partResult(part, searches[i]!, outcomes[i]!));
  return {
    verdict: overallVerdict(results),
    parts: results,
    statesExplored: searches.reduce((sum, search) => sum + search.steps, 0),
    ...exhaustedOf(results),
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
