// The store with its bug: `simloop explore dist/examples/durable-log/buggy.js`.
import { logTest } from './scenario.js';

export const main = logTest('buggy');

/** What `simloop explore` uses unless flags say otherwise: enough runs to find the bug at most seeds. */
export const exploreOptions = { runs: 1_000, seed: 1 };
