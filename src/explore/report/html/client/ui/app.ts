import type { Spacing } from '../model/positions.js';
import { axisTicks } from './axis.js';
import { anchorOf, describeItem, itemOfEvent } from './describe-item.js';
import { byId, sizeCanvas } from './dom.js';
import { frameOf, type Frame } from './frame.js';
import type { Item } from './hit.js';
import { paintPlot } from './paint.js';
import { AXIS_PX, paintAxis } from './paint-axis.js';
import { showDetails } from './panels.js';
import { respace, ROW_PX, type Scene } from './scene.js';
import { Viewport } from './viewport.js';

/**
 * The page's state and the one place that draws: the viewport, the
 * selected item, and the two canvases. Changes ask for a frame; frames are
 * drawn at most once per animation frame.
 */
export class App {
  readonly view: Viewport;
  selected: Item | null = null;
  private plot!: CanvasRenderingContext2D;
  private axis!: CanvasRenderingContext2D;
  private pending = false;

  constructor(readonly scene: Scene) {
    this.view = new Viewport(scene.x[scene.events.length] as number, 1, 1);
    this.resize();
    this.view.fit();
  }

  /** Sizes the canvases to the page; the plot is as tall as the rows in view. */
  resize(): void {
    const plot = byId('plot');
    const scroller = byId('scroller');
    const width = plot.clientWidth;
    const height = Math.min(scroller.clientHeight || ROW_PX * this.scene.timeline.lanes.length, ROW_PX * this.scene.timeline.lanes.length);
    this.view.width = width;
    this.view.height = height;
    this.plot = sizeCanvas(byId<HTMLCanvasElement>('canvas'), width, height);
    this.axis = sizeCanvas(byId<HTMLCanvasElement>('axis'), width, AXIS_PX);
  }

  frame(): Frame {
    return frameOf(this.scene, this.view);
  }

  /** Draws now: what the first paint and the tests see. */
  drawNow(): void {
    this.pending = false;
    const frame = this.frame();
    paintPlot(this.plot, frame, this.selected);
    paintAxis(this.axis, frame, axisTicks(this.scene, this.view));
  }

  /** Draws at the next animation frame, once however often it is asked. */
  draw(): void {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => this.drawNow());
  }

  select(item: Item | null): void {
    this.selected = item;
    showDetails(this.scene, item === null ? null : describeItem(this.scene, item), (event) => this.jump(event));
    if (item !== null) history.replaceState(null, '', `#event=${anchorOf(item).event}`);
    this.draw();
  }

  /** Brings event `event` into view, zoomed in, with its row scrolled to, and selects it. */
  jump(event: number): void {
    const x = this.scene.x;
    if (event < 0 || event >= this.scene.events.length) return;
    this.view.show(x[event] as number, (x[event] as number) + 1);
    const item = itemOfEvent(this.scene, event);
    if (item !== null) {
      const scroller = byId('scroller');
      const top = anchorOf(item).row * ROW_PX;
      if (top < scroller.scrollTop || top + ROW_PX > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = Math.max(0, top - scroller.clientHeight / 2);
      this.view.top = scroller.scrollTop;
    }
    this.select(item);
  }

  /** Changes the axis spacing, keeping the same events in view. */
  respace(spacing: Spacing): void {
    const { firstEvent, lastEvent } = this.frame();
    respace(this.scene, spacing);
    const x = this.scene.x;
    this.view.total = x[this.scene.events.length] as number;
    this.view.show(x[firstEvent] as number, (x[lastEvent] as number) + 1, 1);
    this.draw();
  }
}
