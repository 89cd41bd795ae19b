// A leaked semaphore slot: a request handler takes a connection slot, does two
// round trips and gives the slot back, but not in a `finally`. If the handler
// is cancelled (a client hangs up) at a yield between the two, the slot is never
// given back, and every later request waits forever: the run deadlocks.
// Nothing goes wrong under FIFO without a cancellation; exploring cancellation
// points (a cancel injected at each resumption of each handler) finds it.
//
//   npm run demo:tasks
//   simloop explore dist/examples/leaky-semaphore.js --cancel '*'
import { CancelledError, createTask, sleep } from '../src/index.js';
import { Semaphore } from '../src/sync/semaphore.js';

/** The connection pool: one slot. main makes a new one for every run. */
export const pool = { slots: new Semaphore(1) };

function* handle(request: number) {
  yield* pool.slots.acquire();
  yield* sleep(10); // send the query
  yield* sleep(10); // read the reply
  pool.slots.release(); // the bug: skipped when a CancelledError arrives at either sleep
  return request;
}

export function* main() {
  pool.slots = new Semaphore(1);
  const handlers = [1, 2, 3].map((request) => createTask(handle(request), { name: `request-${request}` }));
  for (const handler of handlers) {
    try {
      yield* handler;
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error; // a hung-up client is not an error
    }
  }
}

/** Explore the cancellation points of every task but main. */
export const exploreOptions = { cancel: '*' };
