import type { StreamChoices } from '../choices/streams.js';
import type { GroupPlan, GuidePlan, RunNames } from './guided.js';
import { decodeOrder, encodeOrder, nearbyOrders } from './orders.js';
import type { ShrinkState } from './shrink.js';

/** A shrinking pass: tries candidates near the best schedule; true when one of them became the best. */
export type ShrinkPass = (state: ShrinkState) => boolean;

/** How far a choice may move within its stream in one step. */
const MOVE_DISTANCE = 4;
/** Values a choice is lowered to one by one before halving takes over. */
const LOWER_ONE_BY_ONE = 8;

/** A place in a schedule: a stream and a position in it. */
interface Position {
  readonly stream: number;
  readonly index: number;
}

/**
 * The passes, cheapest first; shrinking runs them in turn and starts over
 * after each improvement, until none improves: then no single change (zero
 * a choice, zero a chunk, delete a chunk, move one callback in its
 * iteration's order, lower a choice, move a choice within its stream) keeps
 * the failure.
 */
export const SHRINK_PASSES: readonly ShrinkPass[] = [zeroChunks, undoUnits, reorderGroups, deleteChunks, lowerValues, moveChoices];

/** Zeroes chunks of the non-zero choices of every stream, largest first and from the last (delta debugging). */
function zeroChunks(state: ShrinkState): boolean {
  let improved = false;
  for (let size = Math.max(1, nonZeroPositions(state.streams).length); size >= 1; size = size === 1 ? 0 : Math.ceil(size / 2)) {
    // Later choices depend on earlier ones, so the chunks go from the end.
    for (let end = nonZeroPositions(state.streams).length; end > 0 && !state.exhausted; ) {
      const positions = nonZeroPositions(state.streams);
      end = Math.min(end, positions.length);
      const start = Math.max(0, end - size);
      const candidate = copy(state.streams);
      for (const { stream, index } of positions.slice(start, end)) (candidate[stream] as number[])[index] = 0;
      if (state.attempt(candidate)) improved = true;
      else end = start;
    }
  }
  return improved;
}

/**
 * Changes the order of one group (an iteration's ready callbacks, or the
 * timers due at one instant) and keeps, by name, who runs before whom in
 * every later group that departs from FIFO (see GuidedChooser): one callback
 * put back where FIFO runs it, or moved one place later or earlier, the
 * others keeping their relative order (see nearbyOrders).
 */
function reorderGroups(state: ShrinkState): boolean {
  const groups = state.names.groups;
  for (let group = groups.length - 1; group >= 0; group--) {
    const { kind, choices, order } = groups[group] as RunNames['groups'][number];
    if (choices.every((choice) => choice === 0)) continue;
    const size = choices.length + 1;
    const indices = decodeOrder(choices, size);
    const nameAt = new Map(indices.map((index, at) => [index, order[at] ?? '?']));
    const seen = new Set<string>([choices.join()]);
    for (const moved of nearbyOrders(indices)) {
      const encoded = encodeOrder(moved, size);
      if (seen.has(encoded.join())) continue;
      seen.add(encoded.join());
      const plan = kind === 'ready' ? { order: moved.map((index) => nameAt.get(index) ?? '?') } : { choices: encoded };
      if (state.attempt(guidePlan(state, group, group + 1, (index) => (index === group ? plan : undefined)))) return true;
      if (state.exhausted) return false;
    }
  }
  return false;
}

/** A departure from FIFO that can be undone by name: an iteration's order, an injected cancel, or a world choice. */
type Unit = { readonly group: number } | { readonly cancel: string } | { readonly world: string };

function unitsOf(names: RunNames): Unit[] {
  return [
    ...names.groups.flatMap((group, index) => (group.choices.some((choice) => choice !== 0) ? [{ group: index }] : [])),
    ...[...names.cancels].map((cancel) => ({ cancel })),
    ...[...names.world.keys()].map((world) => ({ world })),
  ];
}

/**
 * Undoes chunks of the departures from FIFO, largest first: iterations set
 * back to FIFO, cancels not injected, world choices set to 0, each named, so
 * that the others stay as they were even when the choice points move
 * (delta debugging by name rather than by position): the later iterations
 * keep who jumped whom (failing that, their whole order), and the world's
 * choices and the cancels are matched by the task that makes them.
 */
function undoUnits(state: ShrinkState): boolean {
  let improved = false;
  for (let size = Math.max(1, unitsOf(state.names).length); size >= 1; size = size === 1 ? 0 : Math.ceil(size / 2)) {
    for (let end = unitsOf(state.names).length; end > 0 && !state.exhausted; ) {
      const units = unitsOf(state.names);
      end = Math.min(end, units.length);
      const chunk = units.slice(Math.max(0, end - size), end);
      const groups = new Set(chunk.flatMap((unit) => ('group' in unit ? [unit.group] : [])));
      const first = groups.size === 0 ? state.names.groups.length : Math.min(...groups);
      const undo = (group: number): GroupPlan | undefined => (groups.has(group) ? {} : undefined);
      const cancels = new Set([...state.names.cancels].filter((cancel) => !chunk.some((unit) => 'cancel' in unit && unit.cancel === cancel)));
      const world = new Map([...state.names.world].filter(([key]) => !chunk.some((unit) => 'world' in unit && unit.world === key)));
      const plan = (keep: 'jumps' | 'order'): GuidePlan => ({ ...guidePlan(state, first, first, undo, keep), cancels, worldNamed: world });
      // Keep who jumped whom in the later iterations; failing that, their whole order.
      if (state.attempt(plan('jumps')) || (groups.size > 0 && state.attempt(plan('order')))) improved = true;
      else end = Math.max(0, end - size);
    }
  }
  return improved;
}

/**
 * A plan from the best run: groups before `from` as they were (by index),
 * `change(group)` where it gives a plan, and from `keepFrom` on, each group
 * that departs from FIFO by name, its jumps or (`keep: 'order'`) its whole
 * order (a timer group by index), the others FIFO.
 */
function guidePlan(state: ShrinkState, from: number, keepFrom: number, change: (group: number) => GroupPlan | undefined, keep: 'jumps' | 'order' = 'jumps'): GuidePlan {
  const groups = state.names.groups.map((group, index): GroupPlan | undefined => {
    if (index < from) return { choices: group.choices };
    const changed = change(index);
    if (changed !== undefined || index < keepFrom) return changed;
    if (group.choices.every((choice) => choice === 0)) return undefined;
    if (group.kind === 'timer') return { choices: group.choices };
    return keep === 'jumps' ? { jumps: group.jumps } : { order: group.order };
  });
  return { groups, cancels: state.names.cancels, world: state.streams.map((choices, stream) => (stream === 0 ? [] : choices)), worldNamed: state.names.world };
}

/** Deletes chunks of consecutive choices of each stream, largest first and from the end, which moves the choices after a chunk earlier. */
function deleteChunks(state: ShrinkState): boolean {
  let improved = false;
  for (let stream = 0; stream < state.streams.length; stream++) {
    for (let size = Math.max(1, Math.ceil((state.streams[stream] as number[]).length / 2)); size >= 1; size = size === 1 ? 0 : Math.ceil(size / 2)) {
      for (let end = (state.streams[stream] as number[]).length; end > 0 && !state.exhausted; ) {
        const choices = state.streams[stream] as number[];
        end = Math.min(end, choices.length);
        const start = Math.max(0, end - size);
        const candidate = copy(state.streams);
        candidate[stream] = [...choices.slice(0, start), ...choices.slice(end)];
        if (state.attempt(candidate)) improved = true;
        else end = start;
      }
    }
  }
  return improved;
}

/** Lowers each non-zero choice to the smallest value that keeps the failure: 1, 2, ... up to LOWER_ONE_BY_ONE, then halves. */
function lowerValues(state: ShrinkState): boolean {
  let improved = false;
  for (const { stream, index } of nonZeroPositions(state.streams).reverse()) {
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
function moveChoices(state: ShrinkState): boolean {
  for (const { stream, index } of nonZeroPositions(state.streams).reverse()) {
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
  for (const { stream, index } of nonZeroPositions(streams).reverse()) {
    const zeroed = copy(streams);
    (zeroed[stream] as number[])[index] = 0;
    if (state.attempt(zeroed)) return true;
    if (state.exhausted) return false;
  }
  return false;
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

function copy(streams: StreamChoices): number[][] {
  return streams.map((choices) => [...choices]);
}
