import type { Link } from '../model/types.js';
import { type Frame, linkEnds, linkInView } from './frame.js';
import { FAULT, LINK_COLORS } from './palette.js';

/** An arrow shorter than this, in pixels, is drawn without its head. */
const HEAD_AT_PX = 10;

/** The arrows of one look, drawn as one path: their lines, and their heads (filled) or crosses (stroked). */
interface Batch {
  readonly lines: Path2D;
  readonly heads: Path2D;
  readonly crosses: Path2D;
  /** The lines drawn, by their rounded ends: a second one on the same pixels adds nothing. */
  readonly drawn: Set<string>;
}

/**
 * The arrows in view: spawns (a thin line from parent to child), wakeups (a
 * done task to the awaiter's next step), cancels (the asker to the task) and
 * messages (send to delivery; a drop or another fault dashed red, ending in a
 * cross). Arrows that look alike are drawn as one path, and an arrow on the
 * same pixels as one already drawn is skipped, so thousands stay cheap.
 */
export function paintLinks(ctx: CanvasRenderingContext2D, frame: Frame): void {
  const batches = new Map<string, Batch>();
  for (const link of frame.scene.links) {
    const ends = linkEnds(frame, link);
    if (!linkInView(frame, ends)) continue;
    const style = styleOf(link);
    let batch = batches.get(style);
    if (batch === undefined) batches.set(style, (batch = { lines: new Path2D(), heads: new Path2D(), crosses: new Path2D(), drawn: new Set() }));
    const key = `${Math.round(ends.x0)},${Math.round(ends.y0)},${Math.round(ends.x1)},${Math.round(ends.y1)}`;
    if (batch.drawn.has(key)) continue;
    batch.drawn.add(key);
    batch.lines.moveTo(ends.x0, ends.y0);
    batch.lines.lineTo(ends.x1, ends.y1);
    if (link.kind === 'spawn' || Math.hypot(ends.x1 - ends.x0, ends.y1 - ends.y0) < HEAD_AT_PX) continue;
    if (link.action === 'drop') cross(batch.crosses, ends.x1, ends.y1);
    else arrowHead(batch.heads, ends.x0, ends.y0, ends.x1, ends.y1);
  }
  for (const [style, batch] of batches) strokeBatch(ctx, style, batch);
}

/** `kind` or `kind fault`: what decides an arrow's colour and dashes. */
function styleOf(link: Link): string {
  return link.fault === true ? `${link.kind} fault` : link.kind;
}

function strokeBatch(ctx: CanvasRenderingContext2D, style: string, batch: Batch): void {
  const [kind, fault] = style.split(' ') as [Link['kind'], string | undefined];
  ctx.strokeStyle = fault === undefined ? LINK_COLORS[kind] : FAULT;
  ctx.fillStyle = ctx.strokeStyle;
  ctx.lineWidth = kind === 'spawn' ? 1 : 1.5;
  ctx.setLineDash(fault !== undefined || kind === 'cancel' ? [4, 3] : []);
  ctx.stroke(batch.lines);
  ctx.setLineDash([]);
  ctx.fill(batch.heads);
  ctx.lineWidth = 2;
  ctx.stroke(batch.crosses);
  ctx.lineWidth = 1;
}

function arrowHead(path: Path2D, x0: number, y0: number, x1: number, y1: number): void {
  const angle = Math.atan2(y1 - y0, x1 - x0);
  path.moveTo(x1, y1);
  path.lineTo(x1 - 7 * Math.cos(angle - 0.4), y1 - 7 * Math.sin(angle - 0.4));
  path.lineTo(x1 - 7 * Math.cos(angle + 0.4), y1 - 7 * Math.sin(angle + 0.4));
  path.closePath();
}

function cross(path: Path2D, x: number, y: number): void {
  path.moveTo(x - 4, y - 4);
  path.lineTo(x + 4, y + 4);
  path.moveTo(x + 4, y - 4);
  path.lineTo(x - 4, y + 4);
}
