import type { WorldEvent } from '../../../../../loop/monitor.js';
import type { Mark } from '../model/types.js';
import { type Frame, rowMiddle } from './frame.js';
import { MARK_COLORS, worldColor } from './palette.js';
import { eventSlot, lowerBound } from './scene.js';

/** A world event's action shows beside its mark from this zoom on (pixels per slot). */
const ACTION_TEXT_AT_PX = 40;
/** Spawns and timers, mere ticks, show from this zoom on: below it they are a blur. */
const TICKS_AT_PX = 1.5;

/**
 * Each row's marks in view: a task's end (how), cancels, timers, spawns,
 * the schedule's choices, the world's events by action (faults ringed red)
 * and the run's end. At most one ordinary mark per pixel per row; spawns
 * and timers only when zoomed in enough to tell them apart.
 */
export function paintMarks(ctx: CanvasRenderingContext2D, frame: Frame): void {
  const { scene, view } = frame;
  for (let row = frame.firstRow; row <= frame.lastRow; row++) {
    const marks = scene.marksByLane[row] ?? [];
    const y = rowMiddle(frame, row);
    let lastPx = -Infinity;
    for (let i = lowerBound(marks, frame.firstEvent, (mark) => mark.event); i < marks.length; i++) {
      const mark = marks[i] as Mark;
      if (mark.event > frame.lastEvent) break;
      if ((mark.kind === 'timer' || mark.kind === 'spawn') && view.scale < TICKS_AT_PX) continue;
      const px = Math.round(view.toPx(eventSlot(scene, mark.event)));
      if (px === lastPx && !mark.fault) continue;
      lastPx = px;
      drawMark(ctx, mark, px, y, scene.events[mark.event] as { action?: string });
      if (mark.kind === 'world' && view.scale >= ACTION_TEXT_AT_PX) {
        ctx.fillStyle = '#263238';
        ctx.fillText((scene.events[mark.event] as WorldEvent).action, px + 7, y + 4);
      }
    }
  }
}

function drawMark(ctx: CanvasRenderingContext2D, mark: Mark, px: number, y: number, event: { action?: string; fault?: boolean }): void {
  const color = mark.kind === 'world' ? worldColor(event.action ?? '', false) : MARK_COLORS[mark.kind];
  ctx.fillStyle = color;
  ctx.strokeStyle = color;
  switch (mark.kind) {
    case 'spawn':
    case 'timer':
      ctx.fillRect(px, y - 6, 1, 12);
      break;
    case 'finished':
    case 'raised':
    case 'end':
      circle(ctx, px, y, 4);
      ctx.fill();
      break;
    case 'cancelled':
    case 'abandoned':
      cross(ctx, px, y, 4);
      break;
    case 'cancel-requested':
    case 'cancel-delivered':
      triangle(ctx, px, y, 5);
      if (mark.kind === 'cancel-delivered') ctx.fill();
      else ctx.stroke();
      break;
    case 'choice':
      diamond(ctx, px, y, 6);
      ctx.fill();
      break;
    case 'world':
      ctx.fillRect(px - 3, y - 3, 7, 7);
      break;
    case 'failure':
      ctx.fillRect(px - 1, y - 8, 2, 16);
      triangle(ctx, px + 5, y - 4, 4);
      ctx.fill();
      break;
  }
  // A fault is ringed red; a choice is highlighted by its column already.
  if (mark.fault && mark.kind !== 'failure' && mark.kind !== 'choice') {
    ctx.strokeStyle = '#d32f2f';
    ctx.lineWidth = 2;
    circle(ctx, px, y, 8);
    ctx.stroke();
    ctx.lineWidth = 1;
  }
}

function circle(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.beginPath();
  ctx.arc(x + 0.5, y, r, 0, 2 * Math.PI);
}

function diamond(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.beginPath();
  ctx.moveTo(x + 0.5, y - r);
  ctx.lineTo(x + 0.5 + r, y);
  ctx.lineTo(x + 0.5, y + r);
  ctx.lineTo(x + 0.5 - r, y);
  ctx.closePath();
}

function triangle(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.beginPath();
  ctx.moveTo(x + 0.5, y - r);
  ctx.lineTo(x + 0.5 + r, y + r);
  ctx.lineTo(x + 0.5 - r, y + r);
  ctx.closePath();
}

function cross(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(x + 0.5 - r, y - r);
  ctx.lineTo(x + 0.5 + r, y + r);
  ctx.moveTo(x + 0.5 + r, y - r);
  ctx.lineTo(x + 0.5 - r, y + r);
  ctx.stroke();
  ctx.lineWidth = 1;
}
