import type { Band, Link, Mark, Span } from '../model/types.js';
import { type Frame, linkEnds, linkInView, rowAt } from './frame.js';
import { eventSlot, lowerBound, spanSlots } from './scene.js';

/** Something on the plot the pointer can be over: a mark, a task's state, an arrow, a shaded stretch. */
export type Item =
  | { readonly kind: 'mark'; readonly mark: Mark }
  | { readonly kind: 'span'; readonly span: Span }
  | { readonly kind: 'link'; readonly link: Link }
  | { readonly kind: 'band'; readonly band: Band };

/** How near the pointer must be to a mark or an arrow, in pixels. */
const REACH_PX = 6;

/**
 * What is under the canvas point (px, py): the nearest mark on that row,
 * else an arrow passing close, else the task state under it, else a shaded
 * stretch. What is drawn on top wins.
 */
export function hitTest(frame: Frame, px: number, py: number): Item | null {
  const row = rowAt(frame, py);
  if (row < 0) return null;
  const mark = nearestMark(frame, row, px);
  if (mark !== null) return { kind: 'mark', mark };
  const link = nearestLink(frame, px, py);
  if (link !== null) return { kind: 'link', link };
  const slot = frame.view.toSlot(px);
  const spans = frame.scene.spansByLane[row] ?? [];
  let found: Span | null = null;
  for (let i = lowerBound(spans, frame.firstEvent, (span) => span.to); i < spans.length; i++) {
    const span = spans[i] as Span;
    const [from, to] = spanSlots(frame.scene, span);
    if (from > slot) break;
    // A step is narrow: prefer it over the wait it starts.
    if (slot < Math.max(to, from + 1 / frame.view.scale) && (found === null || span.kind === 'step')) found = span;
  }
  if (found !== null) return { kind: 'span', span: found };
  const band = frame.scene.timeline.bands.find((each) => (each.lanes === null || each.lanes.includes(row)) && inBand(frame, each, slot));
  return band === undefined ? null : { kind: 'band', band };
}

function nearestMark(frame: Frame, row: number, px: number): Mark | null {
  const { scene, view } = frame;
  const marks = scene.marksByLane[row] ?? [];
  const from = view.toSlot(px - REACH_PX);
  let best: Mark | null = null;
  let bestDistance = REACH_PX + 1;
  for (let i = lowerBound(marks, eventAtOrAfter(frame, from), (mark) => mark.event); i < marks.length; i++) {
    const mark = marks[i] as Mark;
    const distance = Math.abs(view.toPx(eventSlot(scene, mark.event)) - px);
    if (view.toPx(eventSlot(scene, mark.event)) > px + REACH_PX) break;
    if (distance < bestDistance || (distance === bestDistance && mark.fault)) [best, bestDistance] = [mark, distance];
  }
  return best;
}

/** The first event whose slot's middle is at or after `slot`. */
function eventAtOrAfter(frame: Frame, slot: number): number {
  return Math.min(frame.scene.events.length, lowerBound(frame.scene.x, slot - 0.5, (x) => x));
}

function nearestLink(frame: Frame, px: number, py: number): Link | null {
  let best: Link | null = null;
  let bestDistance = REACH_PX / 2 + 1;
  for (const link of frame.scene.links) {
    const ends = linkEnds(frame, link);
    if (!linkInView(frame, ends)) continue;
    const distance = toSegment(px, py, ends.x0, ends.y0, ends.x1, ends.y1);
    if (distance < bestDistance) [best, bestDistance] = [link, distance];
  }
  return best;
}

function toSegment(px: number, py: number, x0: number, y0: number, x1: number, y1: number): number {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / length));
  return Math.hypot(px - (x0 + t * dx), py - (y0 + t * dy));
}

function inBand(frame: Frame, band: Band, slot: number): boolean {
  const { x, events } = frame.scene;
  return slot >= (x[band.from] as number) + 0.5 && slot <= (band.to < 0 ? (x[events.length] as number) : (x[band.to] as number) + 0.5);
}
