import type { Owner } from './owner.js';

/**
 * A callback queued with `loop.callSoon`, cancellable until it runs, like
 * asyncio's Handle.
 *
 * @example
 * const handle = loop.callSoon(() => console.log('soon'));
 * handle.cancel(); // it will not run
 */
export class Handle {
  private isCancelled = false;

  constructor(
    private readonly callback: (...args: any[]) => void,
    private readonly args: readonly unknown[],
    /** The host incarnation that scheduled it, or null. */
    readonly owner: Owner | null = null,
  ) {}

  cancel(): void {
    this.isCancelled = true;
  }

  cancelled(): boolean {
    return this.isCancelled;
  }

  /** Called by the loop's run step only. */
  run(): void {
    if (!this.isCancelled) this.callback(...this.args);
  }
}
