/**
 * The scheduler's choices read as orders. One iteration of the loop with n
 * ready callbacks makes n - 1 ready choices with n, n - 1, ..., 2
 * candidates, each the index of the next callback among those left: a
 * Lehmer code of the order they ran in (timers due at one instant make the
 * same kind of group). Choice i reorders everything after it, so zeroing
 * it changes which callbacks the later choices of its iteration pick; an
 * order-aware change moves one callback and keeps the relative order of
 * all the others.
 *
 * @example
 * decodeOrder([2, 0], 3); // [2, 0, 1]: the third callback first, then FIFO
 * encodeOrder([2, 0, 1], 3); // [2, 0]
 */
/** The order (indices in FIFO order) that choices pick from `size` candidates; as many as there are choices, plus the last left when complete. */
export function decodeOrder(choices: readonly number[], size: number): number[] {
  const left = Array.from({ length: size }, (_, index) => index);
  const order: number[] = [];
  for (const choice of choices) {
    const [picked] = left.splice(Math.min(choice, left.length - 1), 1);
    order.push(picked as number);
  }
  if (choices.length === size - 1) order.push(left[0] as number);
  return order;
}

/** The choices that run `order` (a prefix of a permutation of 0..size-1), one per point. */
export function encodeOrder(order: readonly number[], size: number): number[] {
  const left = Array.from({ length: size }, (_, index) => index);
  const choices: number[] = [];
  for (const entry of order.slice(0, size - 1)) {
    const at = left.indexOf(entry);
    choices.push(at);
    left.splice(at, 1);
  }
  return choices;
}

/**
 * Orders near `order` with one callback moved and the others kept in their
 * relative order: each callback that jumps ahead of one earlier in FIFO
 * order, put back where FIFO would run it (after the last earlier one), and
 * moved one place later and one place earlier.
 */
export function nearbyOrders(order: readonly number[]): number[][] {
  const candidates: number[][] = [];
  order.forEach((entry, at) => {
    const rest = order.filter((_, index) => index !== at);
    const lastEarlier = lastIndexWhere(rest, (other) => other < entry);
    if (lastEarlier >= at) candidates.push(insertAt(rest, lastEarlier + 1, entry));
    if (at + 1 < order.length) candidates.push(insertAt(rest, at + 1, entry));
    if (at > 0) candidates.push(insertAt(rest, at - 1, entry));
  });
  return candidates;
}

function insertAt(values: readonly number[], at: number, value: number): number[] {
  return [...values.slice(0, at), value, ...values.slice(at)];
}

function lastIndexWhere(values: readonly number[], test: (value: number) => boolean): number {
  for (let index = values.length - 1; index >= 0; index--) if (test(values[index] as number)) return index;
  return -1;
}
