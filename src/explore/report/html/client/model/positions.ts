import type { TraceEvent } from '../../../trace.js';

/**
 * How the axis spaces events: `order` gives every event one slot whatever the
 * time; `time` lets virtual time dominate; `balanced` gives time and event
 * count about equal shares, so bursts at one instant and long sleeps both show.
 */
export type Spacing = 'order' | 'balanced' | 'time';

export const SPACINGS: readonly Spacing[] = ['balanced', 'time', 'order'];

/**
 * The x of each event on the axis, in slots: event i occupies [x[i], x[i] + 1),
 * at least one slot after the one before it, and never before its virtual
 * time times the slots per millisecond (x[i] = max(x[i-1] + 1, t[i]·k)).
 * Element `length` is where the run ends. Monotone, so x back to time is a
 * binary search.
 */
export function positions(events: readonly TraceEvent[], spacing: Spacing): Float64Array {
  const x = new Float64Array(events.length + 1);
  const perMs = slotsPerMs(events, spacing);
  let next = 0;
  for (let i = 0; i < events.length; i++) {
    x[i] = Math.max(next, (events[i] as TraceEvent).timeMs * perMs);
    next = (x[i] as number) + 1;
  }
  x[events.length] = next;
  return x;
}

/** The slots a millisecond takes at least, in a spacing (0 for `order`, or a run at one instant). */
export function slotsPerMs(events: readonly TraceEvent[], spacing: Spacing): number {
  const span = events.length === 0 ? 0 : (events[events.length - 1] as TraceEvent).timeMs - (events[0] as TraceEvent).timeMs;
  if (spacing === 'order' || span <= 0) return 0;
  return ((spacing === 'time' ? 10 : 1) * events.length) / span;
}

/** The last event at or before slot `x` (0 when x is before them all). */
export function eventAt(x: Float64Array, slot: number): number {
  let low = 0;
  let high = x.length - 2;
  if (high < 0) return 0;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((x[mid] as number) <= slot) low = mid;
    else high = mid - 1;
  }
  return low;
}
