/**
 * The explanation of a verdict, as lines of text: the verdict first, then for
 * each part that is not linearizable the longest prefix that could be
 * linearized (with the state after each operation), the operation that cannot
 * follow it, and every operation that could have come next, each illegal in
 * the state the prefix leaves. Everything is in the history's and the
 * search's order, so the same history always reads the same.
 */
import { operationLine, partLabel } from './describe.js';
import type { Budget, LinearizabilityResult, PartResult } from './result.js';

/** The prefix lines shown before eliding the earlier ones (all are in the result and the HTML view). */
const PREFIX_LINES = 20;

const LEGEND = '(#n: the n-th operation invoked, from 0; pN: its process; [invoke, complete]: its interval)';

const BUDGET_TEXT: Record<Budget, string> = {
  maxStates: 'the explored-state budget (maxStates)',
  timeMs: 'the time budget (timeMs)',
  memory: 'the memory budget (maxMemoryBytes)',
};

/**
 * The verdict on its first line, then the explanation.
 *
 * @example
 * console.log(formatCheckResult(checkLinearizability(history, 'kv')).join('\n'));
 * // not linearizable
 * // (#n: the n-th operation invoked, from 0; pN: its process; [invoke, complete]: its interval)
 * // key "x": not linearizable (4 operations, 5 states explored, 4 orders tried)
 * //   longest linearizable prefix, 3 operations, with the state after each:
 * //     1. #0 p0 write("x", 1) [0, 10] => 1
 * // ...
 * //   cannot follow it: #5 p4 read("x") -> 1 [41, 43], illegal in state 3
 */
export function formatCheckResult<State, Input, Output>(result: LinearizabilityResult<State, Input, Output>): string[] {
  const lines: string[] = [result.verdict];
  if (result.verdict === 'not linearizable') lines.push(LEGEND);
  for (const part of result.parts) lines.push(...explainPart(result, part));
  const undecided = result.parts.filter((part) => part.verdict === 'unknown');
  if (undecided.length > 0) {
    const budget = BUDGET_TEXT[undecided[0]!.exhausted!];
    lines.push(`${budget} ran out after ${result.statesExplored} states; undecided: ${undecided.map((part) => partLabel(part.key, result.model)).join(', ')}`);
  }
  return lines;
}

/** The explanation of one part that is not linearizable; no lines for any other part. */
export function explainPart<State, Input, Output>(result: LinearizabilityResult<State, Input, Output>, part: PartResult<State>): string[] {
  const failure = part.failure;
  if (failure === undefined) return [];
  const { model, history } = result;
  const line = (index: number) => `#${index} ${operationLine(model, history[index]!)}`;
  const state = model.describeState(failure.state);
  const lines = [
    `${partLabel(part.key, result.model)}: not linearizable (${part.operations.length} operations, ${part.statesExplored} states explored, ${part.ordersTried} orders tried)`,
  ];
  const elided = Math.max(0, failure.prefix.length - PREFIX_LINES);
  if (failure.prefix.length === 0) lines.push('  longest linearizable prefix: none, no operation can come first');
  else lines.push(`  longest linearizable prefix, ${failure.prefix.length} operation${failure.prefix.length === 1 ? '' : 's'}, with the state after each:`);
  if (elided > 0) lines.push(`    ... ${elided} earlier operations`);
  for (let i = elided; i < failure.prefix.length; i++) {
    lines.push(`    ${i + 1}. ${line(failure.prefix[i]!)} => ${model.describeState(failure.states[i]!)}`);
  }
  lines.push(`  cannot follow it: ${line(failure.blocked)}, illegal in state ${state}`);
  const others = failure.candidates.filter((candidate) => candidate !== failure.blocked);
  if (others.length > 0) {
    lines.push(`  it completed before any other operation that could come first was legal; those others, in state ${state}:`);
    for (const candidate of others) lines.push(`    ${line(candidate)}${whyNot(result, candidate, failure.state)}`);
  }
  if (failure.tried.length > 1) {
    lines.push('  the longest orders tried, each with the state it reaches and the operation whose completion it could not get past:');
    for (const order of failure.tried) {
      const head = order.length > order.tail.length ? `(${order.length - order.tail.length} more) ` : '';
      const ops = order.tail.length === 0 ? '(empty)' : order.tail.map((index) => `#${index}`).join(' ');
      lines.push(`    ${head}${ops} => ${model.describeState(order.state)}, stuck at #${order.blocked}`);
    }
  }
  return lines;
}

/** Why a candidate other than the blocked one could not come next. */
function whyNot<State, Input, Output>(result: LinearizabilityResult<State, Input, Output>, index: number, state: State): string {
  const operation = result.history[index]!;
  if (operation.status === 'ok') return ': illegal';
  return result.model.step(state, operation.input, undefined).ok ? ': outcome unknown, and it would change nothing' : ': outcome unknown, illegal';
}
