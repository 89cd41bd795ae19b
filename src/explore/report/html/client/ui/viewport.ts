/** The most a slot is zoomed to, in pixels. */
const MAX_PX_PER_SLOT = 600;
/** Room left at each end when the whole run is in view, in pixels. */
const MARGIN_PX = 12;

/**
 * What part of the timeline is in view: `left` is the slot at the left edge,
 * `scale` the pixels per slot, `top` how far the rows are scrolled. Zoom
 * keeps the slot under the pointer in place; nothing scrolls past the run.
 */
export class Viewport {
  left = 0;
  scale = 1;
  top = 0;

  constructor(
    /** The run's length in slots. */
    public total: number,
    public width: number,
    public height: number,
  ) {
    this.fit();
  }

  /** The whole run in view. */
  fit(): void {
    this.scale = Math.min(MAX_PX_PER_SLOT, Math.max(1e-6, this.width - 2 * MARGIN_PX) / Math.max(this.total, 1));
    this.left = -MARGIN_PX / this.scale;
  }

  toPx(slot: number): number {
    return (slot - this.left) * this.scale;
  }

  toSlot(px: number): number {
    return this.left + px / this.scale;
  }

  /** The slots in view, from the left edge to the right. */
  range(): readonly [number, number] {
    return [this.left, this.toSlot(this.width)];
  }

  /** Zooms by `factor` around the pixel `px` (1.25 in, 0.8 out). */
  zoomAt(px: number, factor: number): void {
    const slot = this.toSlot(px);
    this.scale = Math.min(MAX_PX_PER_SLOT, Math.max(this.minScale(), this.scale * factor));
    this.left = slot - px / this.scale;
    this.clamp();
  }

  /** Moves the view by `px` pixels (positive: the timeline moves right, earlier slots come into view). */
  pan(px: number): void {
    this.left -= px / this.scale;
    this.clamp();
  }

  /**
   * Centres the slots [from, to) in view, zoomed so they take `share` of the
   * width (a third by default, and no more than 40 pixels a slot).
   */
  show(from: number, to: number, share = 1 / 3): void {
    const span = Math.max(to - from, 1);
    this.scale = Math.min(MAX_PX_PER_SLOT, Math.max(this.minScale(), Math.min((this.width * share) / span, share < 1 ? 40 : Infinity)));
    this.left = (from + to) / 2 - this.width / (2 * this.scale);
    this.clamp();
  }

  private minScale(): number {
    return Math.max(1e-6, this.width - 2 * MARGIN_PX) / Math.max(this.total, 1);
  }

  private clamp(): void {
    const lowest = -MARGIN_PX / this.scale;
    const highest = this.total + MARGIN_PX / this.scale - this.width / this.scale;
    this.left = Math.max(lowest, Math.min(this.left, Math.max(lowest, highest)));
  }
}
