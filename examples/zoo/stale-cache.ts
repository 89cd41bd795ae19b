// A stale cache fill, an ordering bug of depth 3 (cache-aside): a reader
// misses the cache, reads the database and fills the cache with what it read;
// a writer updates the database and then invalidates the cache. When one
// reader's database read comes before the write, and its cache fill after
// both the invalidation and another reader's fresh fill, the cache keeps the
// old value for good. (The race Facebook's memcache paper closes with leases.)
//
//   simloop explore dist/examples/zoo/stale-cache.js
import { createTask, sleep } from '../../src/index.js';

export const data = { database: 1, cache: null as number | null };

function* reader(startAfter: number) {
  for (let i = 0; i < startAfter; i++) yield* sleep(0);
  if (data.cache !== null) return data.cache;
  const value = data.database; // read the database
  yield* sleep(0); // the reply travels back
  data.cache = value; // the bug: may fill in a value that is already stale
  return value;
}

function* writer() {
  yield* sleep(0); // validate the update
  data.database = 2; // write the database
  yield* sleep(0); // the write is acknowledged
  data.cache = null; // invalidate
}

export function* main() {
  data.database = 1;
  data.cache = null;
  const tasks = [
    createTask(writer(), { name: 'writer' }),
    ...[1, 1, 2, 3].map((startAfter, i) => createTask(reader(startAfter), { name: `reader-${i}` })),
  ];
  for (const task of tasks) yield* task;
  yield* sleep(1); // later, a fresh read
  if (data.cache !== null && data.cache !== data.database) throw new Error(`stale cache: ${data.cache}, the database has ${data.database}`);
}

export const minimumChoices = 3;
