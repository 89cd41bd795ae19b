import type { Span } from '../model/types.js';
import { type Frame, rowTop } from './frame.js';
import { spanColor } from './palette.js';
import { lowerBound, ROW_PX, spanSlots } from './scene.js';

/** Text shows inside a span this wide or wider, in pixels. */
const TEXT_AT_PX = 48;

/**
 * Each row's task states in view: steps full height, waits thinner, a wait
 * the run ended in outlined. A span whose pixels are all drawn on already
 * is skipped (a step only by another step), so a frame draws at most about
 * two spans per pixel per row whatever the trace's size.
 */
export function paintSpans(ctx: CanvasRenderingContext2D, frame: Frame): void {
  const { scene } = frame;
  for (let row = frame.firstRow; row <= frame.lastRow; row++) {
    const spans = scene.spansByLane[row] ?? [];
    const top = rowTop(frame, row);
    // The pixels already drawn on: by anything, and by a step (a step still shows over a wait).
    let covered = -Infinity;
    let coveredByStep = -Infinity;
    for (let i = lowerBound(spans, frame.firstEvent, (span) => span.to); i < spans.length; i++) {
      const span = spans[i] as Span;
      const [from, to] = spanSlots(scene, span);
      if (from > frame.right) break;
      const x0 = Math.floor(frame.view.toPx(from));
      const x1 = Math.max(x0 + 1, Math.round(frame.view.toPx(to)));
      if (x1 <= (span.kind === 'step' ? coveredByStep : covered)) continue;
      covered = Math.max(covered, x1);
      if (span.kind === 'step') coveredByStep = x1;
      drawSpan(ctx, span, x0, x1, top);
    }
  }
}

function drawSpan(ctx: CanvasRenderingContext2D, span: Span, x0: number, x1: number, top: number): void {
  const step = span.kind === 'step';
  const inset = step ? 2 : 5;
  ctx.fillStyle = spanColor(span);
  ctx.fillRect(x0, top + inset, x1 - x0, ROW_PX - 2 * inset);
  if (span.open === true) {
    ctx.strokeStyle = '#b71c1c';
    ctx.setLineDash([3, 2]);
    ctx.strokeRect(x0 + 0.5, top + inset + 0.5, x1 - x0 - 1, ROW_PX - 2 * inset - 1);
    ctx.setLineDash([]);
  }
  if (x1 - x0 >= TEXT_AT_PX && span.detail !== '') {
    ctx.fillStyle = step ? '#ffffff' : '#263238';
    ctx.save();
    ctx.beginPath();
    ctx.rect(x0, top, x1 - x0, ROW_PX);
    ctx.clip();
    ctx.fillText(span.detail, Math.max(x0, 0) + 3, top + ROW_PX / 2 + 4);
    ctx.restore();
  }
}
