import { pointsOf } from '../choices/exhaustive.js';
import type { StreamChoices } from '../choices/streams.js';
import type { ShrinkState } from './shrink.js';

/**
 * Tries the failure with one fault alone, on the run that has none: each
 * world choice point of that run whose stream and kind the best schedule's
 * faults have, set to the smallest value they took (a `net` drop, say, at
 * every message in turn): the kind of the best's last fault first, each
 * kind's points in the order the run met them. The held streams (the run's
 * inputs) stay as they are. Needed when the faults of a long run shaped the
 * timing the failure needed: removing any one of them then loses it, and
 * shrinking stops at a local minimum of many faults, while the inputs, in
 * the run without faults, fail with one fault put in the right place. A
 * single change of the fault-free run keeps every choice point before it,
 * so each candidate is exactly one fault there. It runs once the best has
 * at least two faults more than the held streams' choices; at most one run
 * per such choice point.
 *
 * @example
 * singleFault(state); // true: net=0x1187,1 with the same random seed fails the same way
 */
export function singleFault(state: ShrinkState): boolean {
  const held = state.held;
  if (state.measure.nonZero < state.nonZeroIn(held) + 2) return false;
  const faults = faultKinds(state);
  if (faults.length === 0) return false;
  const fifo: StreamChoices = state.streams.map((choices, stream) => (held.has(stream) ? choices : []));
  if (state.attempt(fifo)) return true;
  const points = pointsOf(state.run(fifo)).filter((point) => point.stream > 0);
  for (const { stream, kind, value } of faults) {
    for (const point of points) {
      if (point.stream !== stream || point.kind !== kind || value >= point.count) continue;
      const candidate = fifo.map((choices) => [...choices]);
      candidate[stream] = [...new Array<number>(point.at).fill(0), value];
      if (state.attempt(candidate)) return true;
      if (state.exhausted) return false;
    }
  }
  return false;
}

/** A kind of fault the best schedule has, and the smallest value it took. */
interface FaultKind {
  readonly stream: number;
  readonly kind: string;
  readonly value: number;
}

/**
 * The kinds of the best schedule's world faults (the held streams left
 * out), the kind of its last fault first: the faults after the one that
 * made the failure are the first that shrinking removes, so the last one
 * left is most often that one.
 */
function faultKinds(state: ShrinkState): FaultKind[] {
  const kinds = new Map<string, FaultKind>();
  let last: string | null = null;
  for (const { stream, kind, chosen } of pointsOf(state.record)) {
    if (chosen === 0 || stream === 0 || state.held.has(stream)) continue;
    const key = `${stream}/${kind}`;
    const known = kinds.get(key);
    if (known === undefined || chosen < known.value) kinds.set(key, { stream, kind, value: chosen });
    last = key;
  }
  const lastKind = last === null ? undefined : kinds.get(last);
  return lastKind === undefined ? [] : [lastKind, ...[...kinds.values()].filter((each) => each !== lastKind)];
}
