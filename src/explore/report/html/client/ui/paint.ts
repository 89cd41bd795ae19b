import type { TraceEvent } from '../../../trace.js';
import type { Band } from '../model/types.js';
import { type Frame, rowTop } from './frame.js';
import type { Item } from './hit.js';
import { BAND_COLORS, CHOICE, FAILURE, WORLD_CHOICE } from './palette.js';
import { paintLinks } from './paint-links.js';
import { paintMarks } from './paint-marks.js';
import { paintSelection } from './paint-selection.js';
import { paintSpans } from './paint-spans.js';
import { lowerBound, ROW_PX } from './scene.js';

/**
 * One frame of the plot, back to front: rows, shaded stretches, the
 * choices' columns, task states, arrows, marks, the failure line, and the
 * selected item outlined.
 */
export function paintPlot(ctx: CanvasRenderingContext2D, frame: Frame, selected: Item | null): void {
  const { view } = frame;
  ctx.clearRect(0, 0, view.width, view.height);
  ctx.font = '11px system-ui, sans-serif';
  paintRows(ctx, frame);
  paintBands(ctx, frame);
  paintChoices(ctx, frame);
  paintSpans(ctx, frame);
  paintLinks(ctx, frame);
  paintMarks(ctx, frame);
  paintFailure(ctx, frame);
  if (selected !== null) paintSelection(ctx, frame, selected);
}

const ROW_SHADES = { schedule: '#fff8e1', network: '#efebe9', host: '#eceff1', task: '#ffffff' } as const;

function paintRows(ctx: CanvasRenderingContext2D, frame: Frame): void {
  const lanes = frame.scene.timeline.lanes;
  for (let row = frame.firstRow; row <= frame.lastRow; row++) {
    const lane = lanes[row];
    if (lane === undefined) continue;
    ctx.fillStyle = lane.kind === 'task' && row % 2 === 1 ? '#fafafa' : ROW_SHADES[lane.kind];
    ctx.fillRect(0, rowTop(frame, row), frame.view.width, ROW_PX);
  }
}

function paintBands(ctx: CanvasRenderingContext2D, frame: Frame): void {
  const { scene, view } = frame;
  for (const band of scene.timeline.bands) {
    const from = view.toPx((scene.x[band.from] as number) + 0.5);
    const to = band.to < 0 ? view.width : view.toPx((scene.x[band.to] as number) + 0.5);
    if (to < 0 || from > view.width) continue;
    ctx.fillStyle = BAND_COLORS[band.kind] ?? (BAND_COLORS['other'] as string);
    for (const [top, height] of bandRows(frame, band)) ctx.fillRect(from, top, Math.max(to - from, 2), height);
  }
}

/** The vertical stretches of the canvas a band shades: every row, or its rows. */
function bandRows(frame: Frame, band: Band): (readonly [number, number])[] {
  if (band.lanes === null) return [[0, frame.view.height]];
  return band.lanes.filter((row) => row >= frame.firstRow && row <= frame.lastRow).map((row) => [rowTop(frame, row), ROW_PX] as const);
}

/** Each non-FIFO choice as a column down the whole view, amber for the schedule's, pink for the world's. */
function paintChoices(ctx: CanvasRenderingContext2D, frame: Frame): void {
  const { scene, view } = frame;
  for (let i = lowerBound(scene.choices, frame.firstEvent, (event) => event); i < scene.choices.length; i++) {
    const event = scene.choices[i] as number;
    if (event > frame.lastEvent) break;
    const choice = scene.events[event] as Extract<TraceEvent, { type: 'choice' }>;
    const x0 = view.toPx(scene.x[event] as number);
    ctx.globalAlpha = 0.3;
    ctx.fillStyle = choice.stream === undefined || choice.stream === 'sched' ? CHOICE : WORLD_CHOICE;
    ctx.fillRect(Math.floor(x0), 0, Math.max(2, Math.round(view.scale)), view.height);
    ctx.globalAlpha = 1;
  }
}

/** The failure point: a red line down the whole view at the run's end. */
function paintFailure(ctx: CanvasRenderingContext2D, frame: Frame): void {
  const { scene, view } = frame;
  const end = scene.timeline.endEvent;
  if (!scene.timeline.failed || end < 0) return;
  const px = Math.round(view.toPx((scene.x[end] as number) + 0.5));
  if (px < -2 || px > view.width + 2) return;
  ctx.fillStyle = FAILURE;
  ctx.fillRect(px - 1, 0, 3, view.height);
}
