import type { StreamChoices } from '../choices/streams.js';
import { countNonZero } from '../choices/schedule.js';
import { deltaDebug } from './chunks.js';
import type { ShrinkState } from './shrink.js';

/**
 * deleteChunks cuts a stream in pieces no finer than its length over this
 * many times its choices other than 0 (plus one): a long stream with few
 * faults (a world's run of thousands of messages) would otherwise take two
 * runs per choice point to delete its zeros one by one, which only moves
 * the faults after them earlier.
 */
const DELETE_PIECES_PER_CHOICE = 8;

/** How far a choice may move within its stream in one step. */
const MOVE_DISTANCE = 4;
/** Values a choice is lowered to one by one before halving takes over. */
const LOWER_ONE_BY_ONE = 8;

/** A place in a schedule: a stream and a position in it. */
interface Position {
  readonly stream: number;
  readonly index: number;
}

/** Zeroes chunks of the non-zero choices of every stream, largest first and from the last (delta debugging). */
export function zeroChunks(state: ShrinkState): boolean {
  return deltaDebug(state, () => nonZeroPositions(state.streams, state.held), (chunk) => {
    const candidate = copy(state.streams);
    for (const { stream, index } of chunk) (candidate[stream] as number[])[index] = 0;
    return state.attempt(candidate);
  });
}

/** Deletes chunks of consecutive choices of each stream, largest first and from the end (down to DELETE_PIECES_PER_CHOICE's size), which moves the choices after a chunk earlier. */
export function deleteChunks(state: ShrinkState): boolean {
  let improved = false;
  for (let stream = 0; stream < state.streams.length; stream++) {
    if (state.held.has(stream)) continue;
    const choices = state.streams[stream] as number[];
    const indices = (): number[] => (state.streams[stream] as number[]).map((_, index) => index);
    const finest = Math.ceil(Math.max(1, choices.length) / (DELETE_PIECES_PER_CHOICE * (countNonZero(choices) + 1)));
    const deleted = deltaDebug(state, indices, (chunk) => {
      const candidate = copy(state.streams);
      candidate[stream] = (candidate[stream] as number[]).filter((_, index) => !chunk.includes(index));
      return state.attempt(candidate);
    }, Math.ceil(choices.length / 2), finest);
    improved = deleted || improved;
  }
  return improved;
}

/** Lowers each non-zero choice to the smallest value that keeps the failure: 1, 2, ... up to LOWER_ONE_BY_ONE, then halves. */
export function lowerValues(state: ShrinkState): boolean {
  let improved = false;
  for (const { stream, index } of nonZeroPositions(state.streams, state.held).reverse()) {
    const value = state.streams[stream]?.[index] ?? 0;
    for (const target of lowerTargets(value)) {
      if (state.exhausted || (state.streams[stream]?.length ?? 0) <= index) break;
      const candidate = copy(state.streams);
      (candidate[stream] as number[])[index] = target;
      if (state.attempt(candidate)) {
        improved = true;
        break;
      }
    }
  }
  return improved;
}

function lowerTargets(value: number): number[] {
  const targets = new Set<number>();
  for (let target = 1; target < value && target <= LOWER_ONE_BY_ONE; target++) targets.add(target);
  for (let target = Math.floor(value / 2); target > LOWER_ONE_BY_ONE; target = Math.floor(target / 2)) targets.add(target);
  if (value - 1 >= 1) targets.add(value - 1);
  return [...targets].sort((a, b) => a - b);
}

/**
 * Moves each non-zero choice up to MOVE_DISTANCE places earlier or later in
 * its stream (onto a 0). An earlier place is smaller by itself; a later one
 * is kept only if, from there, zeroing another choice keeps the failure.
 */
export function moveChoices(state: ShrinkState): boolean {
  for (const { stream, index } of nonZeroPositions(state.streams, state.held).reverse()) {
    for (const distance of moveDistances()) {
      const to = index + distance;
      const choices = state.streams[stream] as number[];
      if (to < 0 || (choices[to] ?? 0) !== 0) continue;
      const candidate = copy(state.streams);
      const target = candidate[stream] as number[];
      while (target.length <= to) target.push(0);
      target[to] = choices[index] as number;
      target[index] = 0;
      if (distance < 0 ? state.attempt(candidate) : zeroFromThere(state, candidate)) return true;
      if (state.exhausted) return false;
    }
  }
  return false;
}

/** -1, 1, -2, 2, ... */
function moveDistances(): number[] {
  return Array.from({ length: 2 * MOVE_DISTANCE }, (_, k) => (k % 2 === 0 ? -1 : 1) * (Math.floor(k / 2) + 1));
}

/** When `candidate` still fails, tries zeroing each of its other non-zero choices; true when one of those became the best. */
function zeroFromThere(state: ShrinkState, candidate: StreamChoices): boolean {
  const moved = state.probe(candidate);
  if (moved === null) return false;
  const streams = copy(moved.record.streams);
  for (const { stream, index } of nonZeroPositions(streams, state.held).reverse()) {
    const zeroed = copy(streams);
    (zeroed[stream] as number[])[index] = 0;
    if (state.attempt(zeroed)) return true;
    if (state.exhausted) return false;
  }
  return false;
}

/** The places of the choices other than 0, except in the `held` streams. */
function nonZeroPositions(streams: StreamChoices, held: ReadonlySet<number>): Position[] {
  const positions: Position[] = [];
  streams.forEach((choices, stream) => {
    if (held.has(stream)) return;
    choices.forEach((choice, index) => {
      if (choice !== 0) positions.push({ stream, index });
    });
  });
  return positions;
}

function copy(streams: StreamChoices): number[][] {
  return streams.map((choices) => [...choices]);
}
