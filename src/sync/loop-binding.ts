import { RuntimeError } from '../errors.js';
import type { Loop } from '../loop/loop.js';
import type { Owner } from '../loop/owner.js';
import { getRunningLoop, peekRunningLoop } from '../loop/running.js';

/**
 * Ties a primitive to the first loop it waits on, as asyncio's
 * `_LoopBoundMixin` does: a primitive is created outside any loop, binds
 * lazily the first time it must create a waiter, and refuses every other loop
 * after that. In a simulated world it binds to the host that first waits on
 * it too, and refuses every other host: hosts share nothing but messages.
 * Internal to the primitives.
 *
 * @example
 * private readonly binding = new LoopBinding(this);
 * const waiter = new Future<true>({ loop: this.binding.loop() });
 */
export class LoopBinding {
  private boundLoop: Loop | null = null;
  /**
   * The host whose code made the primitive, or else the first host that used
   * it; null while only code outside any host (a test's own) has, which may
   * share with every host.
   */
  private boundOwner: Owner | null;

  constructor(private readonly owner: { toString(): string }) {
    this.boundOwner = peekRunningLoop()?.currentOwner() ?? null;
  }

  /** The running loop; throws RuntimeError if the owner is bound to another one, or to another host. */
  loop(): Loop {
    const running = getRunningLoop();
    this.boundLoop ??= running;
    if (running !== this.boundLoop) {
      throw new RuntimeError(`${this.owner.toString()} is bound to a different event loop`);
    }
    this.checkHost();
    return running;
  }

  /**
   * Throws RuntimeError when code of one host uses a primitive of another:
   * every operation that may wait calls it, whether or not it has to wait.
   */
  checkHost(): void {
    const current = peekRunningLoop()?.currentOwner() ?? null;
    if (current === null || current === this.boundOwner) return;
    if (this.boundOwner === null) {
      this.boundOwner = current;
      return;
    }
    throw new RuntimeError(
      `${this.owner.toString()} belongs to ${this.boundOwner.toString()}, and code of ${current.toString()} used it: hosts share nothing but messages`,
    );
  }
}
