import { eventAt } from '../model/positions.js';
import type { Link } from '../model/types.js';
import { eventSlot, ROW_PX, type Scene } from './scene.js';
import type { Viewport } from './viewport.js';

/**
 * One frame's geometry: the rows and events in view, and where a row's
 * middle is. Painting and hit testing share it, so what is drawn is what
 * the pointer finds.
 */
export interface Frame {
  readonly scene: Scene;
  readonly view: Viewport;
  readonly firstRow: number;
  readonly lastRow: number;
  readonly firstEvent: number;
  readonly lastEvent: number;
  readonly left: number;
  readonly right: number;
}

export function frameOf(scene: Scene, view: Viewport): Frame {
  const [left, right] = view.range();
  const rows = scene.timeline.lanes.length;
  return {
    scene,
    view,
    firstRow: Math.max(0, Math.floor(view.top / ROW_PX)),
    lastRow: Math.min(rows - 1, Math.floor((view.top + view.height) / ROW_PX)),
    firstEvent: eventAt(scene.x, left),
    lastEvent: eventAt(scene.x, right),
    left,
    right,
  };
}

/** The top of row `row` on the canvas. */
export function rowTop(frame: Frame, row: number): number {
  return row * ROW_PX - frame.view.top;
}

export function rowMiddle(frame: Frame, row: number): number {
  return rowTop(frame, row) + ROW_PX / 2;
}

/** The row at canvas height `y`, or -1 outside the rows. */
export function rowAt(frame: Frame, y: number): number {
  const row = Math.floor((y + frame.view.top) / ROW_PX);
  return row >= 0 && row < frame.scene.timeline.lanes.length ? row : -1;
}

/** Where a link is drawn: its two ends on the canvas. */
export interface LinkEnds {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export function linkEnds(frame: Frame, link: Link): LinkEnds {
  const { scene, view } = frame;
  return {
    x0: view.toPx(eventSlot(scene, link.from)),
    y0: rowMiddle(frame, link.fromLane),
    x1: view.toPx(eventSlot(scene, link.to)),
    y1: rowMiddle(frame, link.toLane),
  };
}

/** Whether any of a link can be in view. */
export function linkInView(frame: Frame, ends: LinkEnds): boolean {
  const { width, height } = frame.view;
  if (Math.max(ends.x0, ends.x1) < 0 || Math.min(ends.x0, ends.x1) > width) return false;
  return !(Math.max(ends.y0, ends.y1) < 0 || Math.min(ends.y0, ends.y1) > height);
}
