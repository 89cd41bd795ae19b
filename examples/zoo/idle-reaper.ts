// Use after close, an ordering bug of depth 3: a reaper closes the shared
// connection when it finds no request using it, a request checks that the
// connection is open (reopening it if not) before its query, and a health
// checker reopens a closed connection. The query fails only when three things
// happen in the one bad order: the reaper looks before the request borrows,
// the request's check comes before the reaper's close, and its query before
// the health checker's repair. Seven other handlers share the loop. (Idle
// reapers of connection pools, caches evicting an entry a reader holds.)
//
//   simloop explore dist/examples/zoo/idle-reaper.js
import { createTask, sleep } from '../../src/index.js';

export const connection = { open: true, users: 0 };

function* request() {
  connection.users++; // borrow
  yield* sleep(0);
  if (!connection.open) connection.open = true; // reopen a closed connection
  yield* sleep(0);
  if (!connection.open) throw new Error('query on a closed connection');
  connection.users--;
}

function* reaper() {
  const idle = connection.users === 0;
  yield* sleep(0); // log "closing an idle connection"
  if (idle) connection.open = false; // the bug: acts on a stale look
}

function* healthCheck() {
  yield* sleep(0);
  yield* sleep(0);
  if (!connection.open) connection.open = true;
}

function* handler(steps: number) {
  for (let i = 0; i < steps; i++) yield* sleep(0);
}

export function* main() {
  connection.open = true;
  connection.users = 0;
  const tasks = [
    createTask(healthCheck(), { name: 'health-check' }),
    ...[3, 2, 3].map((steps, i) => createTask(handler(steps), { name: `handler-${i}` })),
    createTask(request(), { name: 'request' }),
    ...[2, 3, 1].map((steps, i) => createTask(handler(steps), { name: `handler-${i + 3}` })),
    createTask(reaper(), { name: 'reaper' }),
  ];
  for (const task of tasks) yield* task;
}

export const minimumChoices = 2;
