import type { TraceEvent } from '../../../trace.js';
import { buildTimeline } from '../model/build.js';
import { positions, type Spacing } from '../model/positions.js';
import type { Link, Mark, Span, Timeline } from '../model/types.js';

/** The height of a row, in CSS pixels. */
export const ROW_PX = 20;

/**
 * What the page draws from: the trace, its timeline, the x of each event in
 * the chosen spacing, and the spans and marks of each row, in order, so a
 * frame finds what is in view by binary search.
 */
export interface Scene {
  readonly events: readonly TraceEvent[];
  readonly timeline: Timeline;
  spacing: Spacing;
  x: Float64Array;
  readonly spansByLane: readonly (readonly Span[])[];
  readonly marksByLane: readonly (readonly Mark[])[];
  /** The choice events, in order: the non-FIFO choices and the world's faults, highlighted down the whole view. */
  readonly choices: readonly number[];
  /** The links, longest first last: so short arrows stay on top. */
  readonly links: readonly Link[];
}

export function createScene(events: readonly TraceEvent[], failed: boolean, spacing: Spacing): Scene {
  const timeline = buildTimeline(events, failed);
  const spansByLane: Span[][] = timeline.lanes.map(() => []);
  for (const span of timeline.spans) spansByLane[span.lane]?.push(span);
  const marksByLane: Mark[][] = timeline.lanes.map(() => []);
  for (const mark of timeline.marks) marksByLane[mark.lane]?.push(mark);
  const choices = timeline.marks.filter((mark) => mark.kind === 'choice').map((mark) => mark.event);
  return { events, timeline, spacing, x: positions(events, spacing), spansByLane, marksByLane, choices, links: timeline.links };
}

/** Changes the spacing of the axis. */
export function respace(scene: Scene, spacing: Spacing): void {
  scene.spacing = spacing;
  scene.x = positions(scene.events, spacing);
}

/** Where a span starts and ends, in slots: a step fills its event's slot, a wait runs from the end of one event to the start of another. */
export function spanSlots(scene: Scene, span: Span): readonly [number, number] {
  const start = scene.x[span.from] as number;
  if (span.kind === 'step') return [start, start + 1];
  return [start + 1, Math.max(start + 1, scene.x[span.to] as number)];
}

/** The middle of an event's slot. */
export function eventSlot(scene: Scene, event: number): number {
  return (scene.x[event] as number) + 0.5;
}

/** The first index in `items` (sorted by `key`) whose key is ≥ `value`. */
export function lowerBound<T>(items: ArrayLike<T>, value: number, key: (item: T) => number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (key(items[mid] as T) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
