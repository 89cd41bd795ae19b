// The service with a bug (see variant.ts): `simloop explore dist/examples/kv/retry-applied-twice.js` finds it,
// shrinks it, explains it and prints the line that replays it.
import { kvTest } from './kv-test.js';

export const { main, check } = kvTest('retry-applied-twice');

/** What `simloop explore` uses unless flags say otherwise: the bound the tests hold the search to. */
export const exploreOptions = { runs: 2_000, seed: 1 };
