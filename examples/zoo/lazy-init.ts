// A lazy-initialisation race: the first caller of client() finds no client
// and connects (two trips to the loop), then stores it; a caller that checks
// between the first caller's check and its store connects a second time.
// Under FIFO the later callers always check after the store. The second
// connection leaks (one more than the server allows). (Double-checked
// initialisation without a lock or a shared pending future.)
//
//   simloop explore dist/examples/zoo/lazy-init.js
import { createTask, sleep } from '../../src/index.js';

export const service = { client: null as string | null, connections: 0 };

function* connect() {
  service.connections++;
  yield* sleep(0); // TCP handshake
  yield* sleep(0); // TLS handshake
  return `client-${service.connections}`;
}

function* client() {
  if (service.client === null) service.client = yield* connect(); // the bug: no pending marker
  return service.client;
}

function* request(startAfter: number) {
  for (let i = 0; i < startAfter; i++) yield* sleep(0);
  yield* client();
  yield* sleep(0); // send the request
}

export function* main() {
  service.client = null;
  service.connections = 0;
  const requests = [0, 2, 2, 3, 3, 4, 5, 6].map((startAfter, i) => createTask(request(startAfter), { name: `request-${i}` }));
  for (const task of requests) yield* task;
}

/** One connection, ever. */
export function invariant(): boolean {
  return service.connections <= 1;
}

export const minimumChoices = 1;
