import type { Tick } from './axis.js';
import type { Frame } from './frame.js';
import { CHOICE, FAILURE, WORLD_CHOICE } from './palette.js';

export const AXIS_PX = 32;

/**
 * The axis above the plot: virtual times on top, event numbers below when
 * zoomed in, and a notch where each non-FIFO choice and the failure are, so
 * they show whichever rows are scrolled into view.
 */
export function paintAxis(ctx: CanvasRenderingContext2D, frame: Frame, ticks: readonly Tick[]): void {
  const { view, scene } = frame;
  ctx.clearRect(0, 0, view.width, AXIS_PX);
  ctx.fillStyle = '#f5f5f5';
  ctx.fillRect(0, 0, view.width, AXIS_PX);
  ctx.font = '11px system-ui, sans-serif';
  for (const tick of ticks) {
    const top = tick.kind === 'time' ? 0 : AXIS_PX / 2;
    ctx.fillStyle = tick.kind === 'time' ? '#37474f' : '#90a4ae';
    ctx.fillRect(Math.round(tick.px), top, 1, tick.kind === 'time' ? AXIS_PX : 5);
    ctx.fillText(tick.label, Math.round(tick.px) + 3, top + 12);
  }
  for (const event of scene.choices) {
    const choice = scene.events[event] as { stream?: string };
    ctx.fillStyle = choice.stream === undefined || choice.stream === 'sched' ? CHOICE : WORLD_CHOICE;
    notch(ctx, view.toPx((scene.x[event] as number) + 0.5));
  }
  if (scene.timeline.failed && scene.timeline.endEvent >= 0) {
    ctx.fillStyle = FAILURE;
    notch(ctx, view.toPx((scene.x[scene.timeline.endEvent] as number) + 0.5));
  }
  ctx.fillStyle = '#cfd8dc';
  ctx.fillRect(0, AXIS_PX - 1, view.width, 1);
}

function notch(ctx: CanvasRenderingContext2D, px: number): void {
  ctx.beginPath();
  ctx.moveTo(px - 5, AXIS_PX - 8);
  ctx.lineTo(px + 5, AXIS_PX - 8);
  ctx.lineTo(px, AXIS_PX);
  ctx.closePath();
  ctx.fill();
}
