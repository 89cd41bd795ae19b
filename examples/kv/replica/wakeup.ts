// A signal a task can wait for with a time limit: the leader's replicators
// wait on it for new entries, or for the next heartbeat, whichever comes first.
import { Future, getRunningLoop, type Operation } from '../../../src/index.js';

/** Wakes every task waiting on it; each wait also ends by itself after its time limit. */
export class Wakeup {
  private readonly waiting = new Set<Future<void>>();

  /** Returns at the next `notify()`, or after `timeoutMs`. */
  *wait(timeoutMs: number): Operation<void> {
    const waiter = new Future<void>({ description: 'new entries or the next heartbeat' });
    this.waiting.add(waiter);
    const timer = getRunningLoop().callLater(timeoutMs, () => waiter.done() || waiter.setResult());
    try {
      yield* waiter;
    } finally {
      timer.cancel();
      this.waiting.delete(waiter);
    }
  }

  notify(): void {
    for (const waiter of this.waiting) if (!waiter.done()) waiter.setResult();
    this.waiting.clear();
  }
}
