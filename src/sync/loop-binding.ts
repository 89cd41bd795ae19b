import { RuntimeError } from '../errors.js';
import type { Loop } from '../loop/loop.js';
import { getRunningLoop } from '../loop/running.js';

/**
 * Ties a primitive to the first loop it waits on, as asyncio's
 * `_LoopBoundMixin` does: a primitive is created outside any loop, binds
 * lazily the first time it must create a waiter, and refuses every other loop
 * after that. Internal to the primitives.
 *
 * @example
 * private readonly binding = new LoopBinding(this);
 * const waiter = new Future<true>({ loop: this.binding.loop() });
 */
export class LoopBinding {
  private boundLoop: Loop | null = null;

  constructor(private readonly owner: { toString(): string }) {}

  /** The running loop; throws RuntimeError if the owner is bound to another one. */
  loop(): Loop {
    const running = getRunningLoop();
    this.boundLoop ??= running;
    if (running !== this.boundLoop) {
      throw new RuntimeError(`${this.owner.toString()} is bound to a different event loop`);
    }
    return running;
  }
}
