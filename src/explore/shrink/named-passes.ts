import { CHOICE_STREAMS } from '../choices/streams.js';
import { deltaDebug } from './chunks.js';
import type { ShrinkState } from './shrink.js';
import type { GroupPlan, GuidePlan, RunNames } from './names.js';
import { decodeOrder, encodeOrder, nearbyOrders } from './orders.js';

/**
 * Changes the order of one group (an iteration's ready callbacks, or the
 * timers due at one instant) and keeps, by name, who runs before whom in
 * every later group that departs from FIFO (see GuidedChooser): one callback
 * put back where FIFO runs it, or moved one place later or earlier, the
 * others keeping their relative order (see nearbyOrders).
 */
export function reorderGroups(state: ShrinkState): boolean {
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

/** The units of a run, except the world choices of the `held` streams. */
function unitsOf(names: RunNames, held: ReadonlySet<number>): Unit[] {
  const heldPrefixes = [...held].map((stream) => `${CHOICE_STREAMS[stream]}/`);
  return [
    ...names.groups.flatMap((group, index) => (group.choices.some((choice) => choice !== 0) ? [{ group: index }] : [])),
    ...[...names.cancels].map((cancel) => ({ cancel })),
    ...[...names.world.keys()].filter((key) => !heldPrefixes.some((prefix) => key.startsWith(prefix))).map((world) => ({ world })),
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
export function undoUnits(state: ShrinkState): boolean {
  return deltaDebug(state, () => unitsOf(state.names, state.held), (chunk) => {
    const groups = new Set(chunk.flatMap((unit) => ('group' in unit ? [unit.group] : [])));
    const first = groups.size === 0 ? state.names.groups.length : Math.min(...groups);
    const undo = (group: number): GroupPlan | undefined => (groups.has(group) ? {} : undefined);
    const cancels = new Set([...state.names.cancels].filter((cancel) => !chunk.some((unit) => 'cancel' in unit && unit.cancel === cancel)));
    const world = new Map([...state.names.world].filter(([key]) => !chunk.some((unit) => 'world' in unit && unit.world === key)));
    const plan = (keep: 'jumps' | 'order'): GuidePlan => ({ ...guidePlan(state, first, first, undo, keep), cancels, worldNamed: world });
    // Keep who jumped whom in the later iterations; failing that, their whole order.
    return state.attempt(plan('jumps')) || (groups.size > 0 && state.attempt(plan('order')));
  });
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
