import { type Frame, linkEnds, rowTop } from './frame.js';
import type { Item } from './hit.js';
import { SELECTED } from './palette.js';
import { eventSlot, ROW_PX, spanSlots } from './scene.js';

/** Outlines the selected item in black. */
export function paintSelection(ctx: CanvasRenderingContext2D, frame: Frame, item: Item): void {
  const { scene, view } = frame;
  ctx.strokeStyle = SELECTED;
  ctx.lineWidth = 2;
  switch (item.kind) {
    case 'mark': {
      ctx.beginPath();
      ctx.arc(view.toPx(eventSlot(scene, item.mark.event)), rowTop(frame, item.mark.lane) + ROW_PX / 2, 9, 0, 2 * Math.PI);
      ctx.stroke();
      break;
    }
    case 'span': {
      const [from, to] = spanSlots(scene, item.span);
      const x0 = view.toPx(from);
      ctx.strokeRect(x0 - 1, rowTop(frame, item.span.lane) + 1, Math.max(view.toPx(to) - x0, 1) + 2, ROW_PX - 2);
      break;
    }
    case 'link': {
      const { x0, y0, x1, y1 } = linkEnds(frame, item.link);
      ctx.lineWidth = 3;
      ctx.beginPath();
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1, y1);
      ctx.stroke();
      break;
    }
    case 'band':
      break;
  }
  ctx.lineWidth = 1;
}
