/**
 * Splitting a history into independent parts (P-compositionality, Horn and
 * Kroening): with a `partition` function, operations on different keys never
 * constrain each other, so the history is linearizable exactly when each
 * key's sub-history is. `fail` operations are dropped here: they did not
 * take effect. Each part's operations are renumbered in invocation order, the
 * order the search's bitsets are densest in.
 */
import type { History, HistoryOperation } from './history.js';
import type { FullModel } from './model.js';
import type { SearchOperation } from './search.js';

/** One part: its key, all its operations (history indices), and those the search takes. */
export interface Part<Input, Output> {
  readonly key: string | number | undefined;
  readonly operations: number[];
  /** The search's operations, in invocation order. */
  readonly searched: SearchOperation<Input, Output>[];
  /** For each searched operation, its history index. */
  readonly indices: number[];
}

/** The parts of a history, in the order of their first operation. */
export function partsOf<State, Input, Output>(history: History<Input, Output>, model: FullModel<State, Input, Output>): Part<Input, Output>[] {
  const byKey = new Map<string | number | undefined, number[]>();
  for (let index = 0; index < history.length; index++) {
    const key = model.partition === undefined ? undefined : keyOf(model.partition, history[index]!, index);
    let operations = byKey.get(key);
    if (operations === undefined) byKey.set(key, (operations = []));
    operations.push(index);
  }
  const parts: Part<Input, Output>[] = [];
  for (const [key, operations] of byKey) {
    if (!inInvocationOrder(history, operations)) operations.sort((a, b) => history[a]!.invokeTime - history[b]!.invokeTime || a - b);
    const indices = operations.filter((index) => history[index]!.status !== 'fail');
    const searched = indices.map((index) => searchOperation(history[index]!));
    parts.push({ key, operations, searched, indices });
  }
  return parts;
}

/** Files and recorders list operations by invocation already; sorting is only for histories made otherwise. */
function inInvocationOrder(history: History<unknown, unknown>, operations: readonly number[]): boolean {
  for (let i = 1; i < operations.length; i++) if (history[operations[i]!]!.invokeTime < history[operations[i - 1]!]!.invokeTime) return false;
  return true;
}

function keyOf<Input>(partition: (input: Input) => string | number, operation: HistoryOperation<Input, unknown>, index: number): string | number {
  const key = partition(operation.input);
  if (typeof key !== 'string' && !(typeof key === 'number' && !Number.isNaN(key))) {
    throw new TypeError(`history[${index}]: the model's partition returned ${String(key)}; a key is a string or a number`);
  }
  return key;
}

function searchOperation<Input, Output>(operation: HistoryOperation<Input, Output>): SearchOperation<Input, Output> {
  const ok = operation.status === 'ok';
  return {
    input: operation.input,
    output: ok ? operation.output : undefined,
    invokeTime: operation.invokeTime,
    returnTime: ok ? operation.completeTime : undefined,
  };
}
