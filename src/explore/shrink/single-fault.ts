import { pointsOf } from '../choices/exhaustive.js';
import type { StreamChoices } from '../choices/streams.js';
import type { ShrinkState } from './shrink.js';

/**
 * Tries the failure with one fault alone, on the run that has none: each
 * world choice point of that run whose stream and kind the best schedule's
 * faults have, set as one of them was (a `net` drop, say, at every message
 * in turn; a pause with its duration): the kind of the best's last fault
 * first, each kind's points in the order the run met them. The held streams (the run's
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
  for (const { stream, kind, choices } of faults) {
    for (const point of points) {
      if (point.stream !== stream || point.kind !== kind || (choices[0] as number) >= point.count) continue;
      const candidate = fifo.map((each) => [...each]);
      candidate[stream] = [...new Array<number>(point.at).fill(0), ...choices];
      if (state.attempt(candidate)) return true;
      if (state.exhausted) return false;
    }
  }
  return false;
}

/**
 * A kind of fault the best schedule has, and the choices that made one:
 * the one of this kind with the smallest value, and the choices other than
 * 0 right after it in its stream, which are its details (a pause's
 * duration, a partition's direction and length) or faults of the same
 * message or operation.
 */
interface FaultKind {
  readonly stream: number;
  readonly kind: string;
  readonly choices: readonly number[];
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
  for (const { stream, kind, chosen, at } of pointsOf(state.record)) {
    if (chosen === 0 || stream === 0 || state.held.has(stream)) continue;
    const key = `${stream}/${kind}`;
    const known = kinds.get(key);
    if (known === undefined || chosen < (known.choices[0] as number)) kinds.set(key, { stream, kind, choices: faultAt(state.streams[stream] ?? [], at) });
    last = key;
  }
  const lastKind = last === null ? undefined : kinds.get(last);
  return lastKind === undefined ? [] : [lastKind, ...[...kinds.values()].filter((each) => each !== lastKind)];
}

/** The choice at `at` and the choices other than 0 right after it. */
function faultAt(choices: readonly number[], at: number): number[] {
  let end = at + 1;
  while ((choices[end] ?? 0) !== 0) end++;
  return choices.slice(at, end);
}
