import { countNonZero, trimChoices } from '../../src/explore/choices/schedule.js';
import type { StreamChoices } from '../../src/explore/choices/streams.js';

/**
 * Runs a candidate schedule (one list per stream); returns the choices it
 * actually took when it fails the same way as the original, else null.
 */
export type StillFails = (candidate: StreamChoices) => StreamChoices | null;

/** What shrinking ended with. */
export interface ShrinkOutcome {
  /** The shrunk schedule, one list per stream, without trailing zeros. */
  readonly streams: number[][];
  /** Candidate runs it made. */
  readonly runs: number;
}

export const DEFAULT_SHRINK_RUNS = 1000;

/** A place in a schedule: a stream and a position in it. */
interface Position {
  readonly stream: number;
  readonly index: number;
}

/**
 * Shrinks a failing schedule while it keeps failing the same way: fewer
 * choices other than 0 first (across every stream: scheduling choices and
 * the world's faults alike), then fewer choices, then smaller ones (a
 * measure that strictly falls at every accepted step, so shrinking ends).
 * Each accepted candidate is replaced by the choices its run actually took,
 * without trailing zeros, so what comes out replays exactly.
 *
 * The passes, repeated until none helps or `budget` runs are spent:
 * - zero chunks of the non-zero choices, halving the chunk size down to one
 *   (delta debugging over the choice list);
 * - delete chunks of one stream's choices, halving the chunk size down to
 *   one, which also moves the choices after a chunk earlier;
 * - lower each choice above 1 to 1, else to half its value, else by one.
 *
 * @example
 * shrinkChoices(record.streams, (candidate) => failsSameWay(candidate), 1000).streams; // e.g. [[0, 0, 1], [0, 1]]
 */
export function shrinkChoices(original: StreamChoices, stillFails: StillFails, budget = DEFAULT_SHRINK_RUNS): ShrinkOutcome {
  const state = { current: trimStreams(original), runs: 0 };
  const tryCandidate = (candidate: StreamChoices): boolean => {
    if (state.runs >= budget) return false;
    state.runs++;
    const taken = stillFails(candidate);
    if (taken === null) return false;
    const trimmed = trimStreams(taken);
    if (!smaller(trimmed, state.current)) return false;
    state.current = trimmed;
    return true;
  };
  const current = (): number[][] => state.current;
  for (let improved = true; improved && state.runs < budget; ) {
    improved = zeroChunks(current, tryCandidate);
    improved = deleteChunks(current, tryCandidate) || improved;
    improved = lowerValues(current, tryCandidate) || improved;
  }
  return { streams: state.current, runs: state.runs };
}

type Attempt = (candidate: StreamChoices) => boolean;

/** Zeroes chunks of the non-zero choices, largest chunks first, from the last; true if any candidate stuck. */
function zeroChunks(current: () => number[][], tryCandidate: Attempt): boolean {
  let improved = false;
  for (let size = Math.max(1, nonZeroPositions(current()).length); size >= 1; size = size === 1 ? 0 : Math.ceil(size / 2)) {
    // Later choices depend on earlier ones, so the chunks go from the end.
    for (let end = nonZeroPositions(current()).length; end > 0; ) {
      const positions = nonZeroPositions(current());
      end = Math.min(end, positions.length);
      const start = Math.max(0, end - size);
      const candidate = current().map((choices) => [...choices]);
      for (const { stream, index } of positions.slice(start, end)) (candidate[stream] as number[])[index] = 0;
      if (tryCandidate(candidate)) improved = true;
      else end = start;
    }
  }
  return improved;
}

/** Deletes chunks of consecutive choices of each stream, largest first, from the end; true if any candidate stuck. */
function deleteChunks(current: () => number[][], tryCandidate: Attempt): boolean {
  let improved = false;
  for (let stream = 0; stream < current().length; stream++) {
    for (let size = Math.max(1, Math.ceil((current()[stream] as number[]).length / 2)); size >= 1; size = size === 1 ? 0 : Math.ceil(size / 2)) {
      for (let end = (current()[stream] as number[]).length; end > 0; ) {
        const choices = current()[stream] as number[];
        end = Math.min(end, choices.length);
        const start = Math.max(0, end - size);
        const candidate = current().map((each) => [...each]);
        candidate[stream] = [...choices.slice(0, start), ...choices.slice(end)];
        if (tryCandidate(candidate)) improved = true;
        else end = start;
      }
    }
  }
  return improved;
}

/** Lowers each choice above 1 to 1, else to half its value, else by one; true if any candidate stuck. */
function lowerValues(current: () => number[][], tryCandidate: Attempt): boolean {
  let improved = false;
  for (const { stream, index } of nonZeroPositions(current()).reverse()) {
    const value = current()[stream]?.[index] ?? 0;
    for (const target of new Set([1, Math.floor(value / 2), value - 1])) {
      if (target < 1 || target >= value) continue;
      const candidate = current().map((choices) => [...choices]);
      if (index >= (candidate[stream] as number[]).length) break;
      (candidate[stream] as number[])[index] = target;
      if (tryCandidate(candidate)) {
        improved = true;
        break;
      }
    }
  }
  return improved;
}

function nonZeroPositions(streams: StreamChoices): Position[] {
  const positions: Position[] = [];
  streams.forEach((choices, stream) =>
    choices.forEach((choice, index) => {
      if (choice !== 0) positions.push({ stream, index });
    }),
  );
  return positions;
}

function trimStreams(streams: StreamChoices): number[][] {
  return streams.map(trimChoices);
}

/** Fewer non-zero choices, else fewer choices, else a smaller sum. */
function smaller(a: StreamChoices, b: StreamChoices): boolean {
  const nonZeroA = total(a, countNonZero);
  const nonZeroB = total(b, countNonZero);
  if (nonZeroA !== nonZeroB) return nonZeroA < nonZeroB;
  const lengthA = total(a, (choices) => choices.length);
  const lengthB = total(b, (choices) => choices.length);
  if (lengthA !== lengthB) return lengthA < lengthB;
  return total(a, sum) < total(b, sum);
}

function total(streams: StreamChoices, measure: (choices: readonly number[]) => number): number {
  let result = 0;
  for (const choices of streams) result += measure(choices);
  return result;
}

function sum(choices: readonly number[]): number {
  let result = 0;
  for (const choice of choices) result += choice;
  return result;
}
