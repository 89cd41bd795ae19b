// The test: a world with the store (`kv`) and a client; the client makes its
// puts, each followed by a get of every key, under whatever faults the run
// draws: the network's, the store's random crashes and restarts, and its
// disk's (latencies, slow I/O, what a crash keeps, lost or torn). The store
// must never forget a put it acknowledged.
//
//   simloop explore dist/examples/durable-log/buggy.js
//   simloop explore dist/examples/durable-log/fixed.js --runs 2000
import { createWorld, RemoteError, TimeoutError, type HostContext, type Operation } from '../../src/index.js';
import { kvStore, type Variant } from './store.js';

export const KEYS = ['k0', 'k1', 'k2'] as const;

/** How many puts the client makes in a run. */
export const PUTS = 12;

/** The run: main of an exploration, one world per run. */
export function logTest(variant: Variant) {
  return function* main(): Operation<void> {
    // The store is the one host random faults may crash (the client is protected): let them.
    const world = createWorld({ maxHostsDown: 1 });
    world.host('kv', kvStore(variant));
    const user = world.host('client', client, { protected: true });
    yield* user.task!;
  };
}

/**
 * Puts 1, 2, ..., PUTS to the keys in turn; after each, gets every key and
 * checks that none is below the last value acknowledged for it. A put that
 * timed out may or may not have happened; values only grow, so it never
 * undoes a later one.
 */
function* client(host: HostContext): Operation<void> {
  const acknowledged = new Map<string, number>();
  for (let value = 1; value <= PUTS; value++) {
    const key = KEYS[value % KEYS.length] as string;
    try {
      yield* host.call('kv', { type: 'put', key, value }, { timeoutMs: 300 });
      acknowledged.set(key, value);
    } catch (error) {
      if (!(error instanceof TimeoutError || error instanceof RemoteError)) throw error;
    }
    for (const each of KEYS) {
      const read = yield* get(host, each);
      const expected = acknowledged.get(each) ?? 0;
      if (read < expected) throw new Error(`lost an acknowledged put: ${each} reads ${read}, but ${each}=${expected} was acknowledged`);
    }
  }
}

/** A get, retried until the store answers (it may be down, restarting, or cut off for a while). */
function* get(host: HostContext, key: string): Operation<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return yield* host.call<number>('kv', { type: 'get', key }, { timeoutMs: 300 });
    } catch (error) {
      if (!(error instanceof TimeoutError) || attempt === 50) throw error;
    }
  }
}
