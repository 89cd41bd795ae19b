import { cutText, showValue } from '../show.js';
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

  /** The callback and its arguments: `tick(1, "a")`. */
  describeCallback(): string {
    return describeCall(this.callback, this.args);
  }

  /** `<Handle tick(1, "a")>`, as an exception report names it. */
  toString(): string {
    return `<Handle ${this.describeCallback()}${this.isCancelled ? ' cancelled' : ''}>`;
  }
}

/**
 * A callback and its arguments as a report names them: `tick(1, "a")`, the
 * arguments shown short, as asyncio's `_format_callback_source` does.
 *
 * @example
 * describeCall(function tick() {}, [1, 'a']); // 'tick(1, "a")'
 */
export function describeCall(callback: (...args: any[]) => unknown, args: readonly unknown[]): string {
  const name = typeof callback === 'function' && callback.name !== '' ? callback.name : '<anonymous>';
  const shown = args.slice(0, 8).map((arg) => showValue(arg, 40));
  if (args.length > 8) shown.push('...');
  return `${name}(${cutText(shown.join(', '), 120)})`;
}

/**
 * Refuses at the call what could never run: asyncio's debug-mode check, which
 * simloop always makes, since the error would otherwise surface later, far
 * from the call that made it.
 */
export function checkCallback(api: string, callback: unknown): void {
  if (typeof callback !== 'function') {
    throw new TypeError(`a callable object was expected by ${api}, got ${showValue(callback)}`);
  }
}
