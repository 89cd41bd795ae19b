/**
 * The errors of the synchronisation primitives. Names and base classes follow
 * asyncio, so a handler written against asyncio's hierarchy catches the same
 * things: BrokenBarrierError is a RuntimeError there and here.
 */
import { RuntimeError } from '../errors.js';

/**
 * A barrier was aborted, or reset while tasks waited at it: every task waiting
 * at it, and every task that calls `wait()` before a reset, gets this error.
 *
 * @example
 * try { yield* barrier.wait(); } catch (e) { if (e instanceof BrokenBarrierError) console.log('gave up'); }
 */
export class BrokenBarrierError extends RuntimeError {
  override name = 'BrokenBarrierError';
}

/**
 * `getNowait()` found the queue empty.
 *
 * @example
 * new Queue<number>().getNowait(); // throws QueueEmpty
 */
export class QueueEmpty extends Error {
  override name = 'QueueEmpty';
}

/**
 * `putNowait()` found the queue full.
 *
 * @example
 * const queue = new Queue<number>(1);
 * queue.putNowait(1);
 * queue.putNowait(2); // throws QueueFull
 */
export class QueueFull extends Error {
  override name = 'QueueFull';
}

/**
 * The queue was shut down: puts fail at once, and gets fail once the queue is
 * empty (at once after `shutdown(true)`).
 *
 * @example
 * queue.shutdown();
 * yield* queue.put(1); // throws QueueShutDown
 */
export class QueueShutDown extends Error {
  override name = 'QueueShutDown';
}

// ValueError belongs to the kernel's errors; re-exported here for the primitives that raise it.
export { ValueError } from '../errors.js';
