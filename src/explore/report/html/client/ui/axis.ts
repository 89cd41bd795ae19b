import type { TraceEvent } from '../../../trace.js';
import { eventAt, slotsPerMs } from '../model/positions.js';
import type { Scene } from './scene.js';
import type { Viewport } from './viewport.js';

/** A label on the axis: a virtual time (`time`) or, zoomed in, an event's number (`event`). */
export interface Tick {
  readonly px: number;
  readonly label: string;
  readonly kind: 'time' | 'event';
}

/** The least room between two labels of a row, in pixels. */
const LABEL_GAP_PX = 70;
/** From this zoom on, each event's number shows on the axis. */
const EVENT_TICKS_AT_PX = 28;

/**
 * The axis labels in view: the virtual time at each instant where it
 * changes, round times in between where time has room of its own, and,
 * zoomed in, each event's number. Labels that would overlap are left out.
 */
export function axisTicks(scene: Scene, view: Viewport): Tick[] {
  const [left, right] = view.range();
  const { x, events } = scene;
  if (events.length === 0) return [];
  const first = eventAt(x, left);
  const last = eventAt(x, right);
  const times: { px: number; time: number }[] = [];
  for (let index = first; index <= last; index++) {
    const time = (events[index] as TraceEvent).timeMs;
    // The instant the left edge is in keeps its label at the edge.
    if (index === first) times.push({ px: Math.max(0, view.toPx(x[index] as number)), time });
    else if (time !== (events[index - 1] as TraceEvent).timeMs) times.push({ px: view.toPx(x[index] as number), time });
  }
  times.push(...roundTimes(scene, view, (events[first] as TraceEvent).timeMs, (events[last] as TraceEvent).timeMs));
  times.sort((a, b) => a.px - b.px);
  const ticks: Tick[] = spaced(times.map(({ px, time }) => ({ px, label: formatMs(time), kind: 'time' as const })));
  if (view.scale >= EVENT_TICKS_AT_PX) {
    for (let index = first; index <= last; index++) ticks.push({ px: view.toPx((x[index] as number) + 0.5), label: `#${index}`, kind: 'event' });
  }
  return ticks;
}

/**
 * Round times between the first and last time in view, where a millisecond
 * has pixels of its own: each placed between the events either side of it,
 * in proportion to its time (the axis is linear between two instants).
 */
function roundTimes(scene: Scene, view: Viewport, from: number, to: number): { px: number; time: number }[] {
  const pxPerMs = slotsPerMs(scene.events, scene.spacing) * view.scale;
  if (pxPerMs <= 0 || to <= from) return [];
  const step = niceStep((LABEL_GAP_PX * 1.5) / pxPerMs);
  const out: { px: number; time: number }[] = [];
  for (let time = Math.ceil(from / step) * step; time <= to && out.length < 200; time += step) {
    const before = eventBefore(scene.events, time);
    const after = before + 1;
    if (before < 0 || after >= scene.events.length) continue;
    const [start, end] = [(scene.x[before] as number) + 1, scene.x[after] as number];
    const [startMs, endMs] = [(scene.events[before] as TraceEvent).timeMs, (scene.events[after] as TraceEvent).timeMs];
    out.push({ px: view.toPx(start + ((time - startMs) / (endMs - startMs)) * (end - start)), time });
  }
  return out;
}

/** The last event strictly before virtual time `time`, or -1. */
function eventBefore(events: readonly TraceEvent[], time: number): number {
  let low = -1;
  let high = events.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((events[mid] as TraceEvent).timeMs < time) low = mid;
    else high = mid - 1;
  }
  return low;
}

function spaced(ticks: Tick[]): Tick[] {
  const kept: Tick[] = [];
  for (const tick of ticks) if (kept.length === 0 || tick.px - (kept[kept.length - 1] as Tick).px >= LABEL_GAP_PX) kept.push(tick);
  return kept;
}

/** 1, 2 or 5 times a power of ten, at least `at`. */
export function niceStep(at: number): number {
  const power = 10 ** Math.floor(Math.log10(at));
  for (const factor of [1, 2, 5, 10]) if (factor * power >= at) return factor * power;
  return 10 * power;
}

/** `12 ms`, `1.5 ms`, `2 s` from 2000. */
export function formatMs(ms: number): string {
  if (Math.abs(ms) >= 10_000) return `${trim(ms / 1000)} s`;
  return `${trim(ms)} ms`;
}

function trim(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
