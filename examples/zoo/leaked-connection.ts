// A connection leaked on cancellation: a handler takes a connection from a
// pool of two, runs its query and gives the connection back, but not in a
// `finally`. A client that hangs up (its handler cancelled) while the query
// runs leaves the pool one connection short for good. (asyncio code that
// pairs acquire() and release() by hand instead of `async with`.)
//
//   simloop explore dist/examples/zoo/leaked-connection.js --cancel '*'
import { CancelledError, createTask, Semaphore, sleep } from '../../src/index.js';

export const pool = { connections: new Semaphore(2), size: 2 };

function* handle(request: number) {
  yield* sleep(request % 3); // parse the request
  yield* pool.connections.acquire();
  yield* sleep(5); // run the query
  pool.connections.release(); // the bug: skipped when a CancelledError arrives during the query
}

export function* main() {
  pool.connections = new Semaphore(pool.size);
  const handlers = Array.from({ length: 6 }, (_, request) => createTask(handle(request), { name: `request-${request}` }));
  for (const handler of handlers) {
    try {
      yield* handler;
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error; // a hung-up client is not an error
    }
  }
  // Every connection is back in the pool once the handlers are done.
  for (let i = 0; i < pool.size; i++) {
    if (pool.connections.locked()) throw new Error(`leaked a connection: ${i} of ${pool.size} are back in the pool`);
    yield* pool.connections.acquire();
  }
}

export const exploreOptions = { cancel: '*' };

export const minimumChoices = 1;
