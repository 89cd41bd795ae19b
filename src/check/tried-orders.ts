/**
 * The longest orders the search tried and could not complete, for the
 * explanation: the few deepest dead ends (the first found among equal
 * depths), each with the last operations of its order, the state it reached
 * and the operation that could not follow. Keeping only a tail keeps each
 * dead end O(1), however long the history.
 */

/**
 * One order the search tried: how long it was, its last operations, where it got to.
 *
 * @example
 * for (const order of failure.tried) console.log(order.length, order.tail, order.blocked);
 */
export interface TriedOrder<State> {
  /** How many operations the order linearized. */
  readonly length: number;
  /** Its last operations (at most `TAIL`), in order. */
  readonly tail: readonly number[];
  /** The state it reached. */
  readonly state: State;
  /** The operation that could not follow it. */
  readonly blocked: number;
}

const KEPT = 5;
const TAIL = 6;

export class TriedOrders<State> {
  private readonly kept: TriedOrder<State>[] = [];

  /** Offers a dead end: the stack's first `length` operations, reaching `state`, with `blocked` next. */
  offer(stack: Int32Array, length: number, state: State, blocked: number): void {
    const kept = this.kept;
    if (kept.length === KEPT && length <= kept[KEPT - 1]!.length) return;
    let at = kept.length;
    while (at > 0 && kept[at - 1]!.length < length) at--;
    const tail: number[] = [];
    for (let i = Math.max(0, length - TAIL); i < length; i++) tail.push(stack[i]!);
    kept.splice(at, 0, { length, tail, state, blocked });
    if (kept.length > KEPT) kept.pop();
  }

  /** The deepest dead ends, deepest first. */
  list(): readonly TriedOrder<State>[] {
    return this.kept;
  }
}
