import type { Link } from '../model/types.js';
import { type Frame, linkEnds, linkInView, type LinkEnds } from './frame.js';
import { FAULT, LINK_COLORS } from './palette.js';

/**
 * The arrows in view: spawns (a thin line from parent to child), wakeups (a
 * done task to the awaiter's next step), cancels (the asker to the task) and
 * messages (send to delivery; a drop or another fault dashed red, ending in a cross).
 */
export function paintLinks(ctx: CanvasRenderingContext2D, frame: Frame): void {
  for (const link of frame.scene.links) {
    const ends = linkEnds(frame, link);
    if (!linkInView(frame, ends)) continue;
    drawLink(ctx, link, ends);
  }
}

export function drawLink(ctx: CanvasRenderingContext2D, link: Link, { x0, y0, x1, y1 }: LinkEnds): void {
  const fault = link.fault === true;
  ctx.strokeStyle = fault ? FAULT : LINK_COLORS[link.kind];
  ctx.fillStyle = ctx.strokeStyle;
  ctx.lineWidth = link.kind === 'spawn' ? 1 : 1.5;
  ctx.setLineDash(fault || link.kind === 'cancel' ? [4, 3] : []);
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
  ctx.setLineDash([]);
  if (link.kind !== 'spawn' && (x0 !== x1 || y0 !== y1)) {
    if (link.action === 'drop') cross(ctx, x1, y1);
    else arrowHead(ctx, x0, y0, x1, y1);
  }
  ctx.lineWidth = 1;
}

function arrowHead(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number): void {
  const angle = Math.atan2(y1 - y0, x1 - x0);
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - 7 * Math.cos(angle - 0.4), y1 - 7 * Math.sin(angle - 0.4));
  ctx.lineTo(x1 - 7 * Math.cos(angle + 0.4), y1 - 7 * Math.sin(angle + 0.4));
  ctx.closePath();
  ctx.fill();
}

function cross(ctx: CanvasRenderingContext2D, x: number, y: number): void {
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(x - 4, y - 4);
  ctx.lineTo(x + 4, y + 4);
  ctx.moveTo(x + 4, y - 4);
  ctx.lineTo(x - 4, y + 4);
  ctx.stroke();
}
