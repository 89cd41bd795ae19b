import { countNonZero, trimChoices } from '../choices/schedule.js';

/**
 * Runs a candidate schedule; returns the choices it actually took when it
 * fails the same way as the original, else null.
 */
export type StillFails = (candidate: readonly number[]) => readonly number[] | null;

/** What shrinking ended with. */
export interface ShrinkOutcome {
  readonly choices: number[];
  /** Candidate runs it made. */
  readonly runs: number;
}

export const DEFAULT_SHRINK_RUNS = 1000;

/**
 * Shrinks a failing schedule while it keeps failing the same way: fewer
 * non-zero choices first, then a shorter schedule, then smaller choices (a
 * measure that strictly falls at every accepted step, so shrinking ends).
 * Each accepted candidate is replaced by the choices its run actually took,
 * without trailing zeros, so what comes out replays exactly.
 *
 * The passes, repeated until none helps or `budget` runs are spent:
 * - zero chunks of the non-zero choices, halving the chunk size down to one
 *   (delta debugging over the choice list);
 * - delete chunks of choices, halving the chunk size down to one, which
 *   also moves the choices after a chunk earlier;
 * - lower each choice above 1 to 1, else to half its value, else by one.
 *
 * @example
 * shrinkChoices(record.choices, (c) => failsSameWay(c), 1000).choices; // e.g. [0, 0, 1]
 */
export function shrinkChoices(original: readonly number[], stillFails: StillFails, budget = DEFAULT_SHRINK_RUNS): ShrinkOutcome {
  const state = { current: trimChoices(original), runs: 0 };
  const tryCandidate = (candidate: readonly number[]): boolean => {
    if (state.runs >= budget) return false;
    state.runs++;
    const taken = stillFails(candidate);
    if (taken === null) return false;
    const trimmed = trimChoices(taken);
    if (!smaller(trimmed, state.current)) return false;
    state.current = trimmed;
    return true;
  };
  for (let improved = true; improved && state.runs < budget; ) {
    improved = zeroChunks(() => state.current, tryCandidate);
    improved = deleteChunks(() => state.current, tryCandidate) || improved;
    improved = lowerValues(() => state.current, tryCandidate) || improved;
  }
  return { choices: state.current, runs: state.runs };
}

/** Zeroes chunks of the non-zero choices, largest chunks first; true if any candidate stuck. */
function zeroChunks(current: () => number[], tryCandidate: (candidate: readonly number[]) => boolean): boolean {
  let improved = false;
  for (let size = Math.max(1, countNonZero(current())); size >= 1; size = size === 1 ? 0 : Math.ceil(size / 2)) {
    // Chunks of `size` consecutive non-zero positions, from the last (later choices depend on earlier ones).
    for (let end = nonZeroPositions(current()).length; end > 0; ) {
      const positions = nonZeroPositions(current());
      end = Math.min(end, positions.length);
      const start = Math.max(0, end - size);
      const candidate = [...current()];
      for (let k = start; k < end; k++) candidate[positions[k] as number] = 0;
      if (tryCandidate(candidate)) improved = true;
      else end = start;
    }
  }
  return improved;
}

/** Deletes chunks of consecutive choices, largest first, from the end; true if any candidate stuck. */
function deleteChunks(current: () => number[], tryCandidate: (candidate: readonly number[]) => boolean): boolean {
  let improved = false;
  for (let size = Math.max(1, Math.ceil(current().length / 2)); size >= 1; size = size === 1 ? 0 : Math.ceil(size / 2)) {
    for (let end = current().length; end > 0; ) {
      end = Math.min(end, current().length);
      const start = Math.max(0, end - size);
      const choices = current();
      if (tryCandidate([...choices.slice(0, start), ...choices.slice(end)])) improved = true;
      else end = start;
    }
  }
  return improved;
}

/** Lowers each choice above 1 to 1, else to half its value, else by one; true if any candidate stuck. */
function lowerValues(current: () => number[], tryCandidate: (candidate: readonly number[]) => boolean): boolean {
  let improved = false;
  for (let i = current().length - 1; i >= 0; i--) {
    const value = current()[i] ?? 0;
    for (const target of new Set([1, Math.floor(value / 2), value - 1])) {
      if (target < 1 || target >= value) continue;
      const candidate = [...current()];
      candidate[i] = target;
      if (tryCandidate(candidate)) {
        improved = true;
        break;
      }
    }
  }
  return improved;
}

function nonZeroPositions(choices: readonly number[]): number[] {
  const positions: number[] = [];
  choices.forEach((choice, index) => {
    if (choice !== 0) positions.push(index);
  });
  return positions;
}

/** Fewer non-zero choices, else shorter, else a smaller sum. */
function smaller(a: readonly number[], b: readonly number[]): boolean {
  const nonZeroA = countNonZero(a);
  const nonZeroB = countNonZero(b);
  if (nonZeroA !== nonZeroB) return nonZeroA < nonZeroB;
  if (a.length !== b.length) return a.length < b.length;
  return sum(a) < sum(b);
}

function sum(choices: readonly number[]): number {
  let total = 0;
  for (const choice of choices) total += choice;
  return total;
}
