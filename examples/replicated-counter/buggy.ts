// The counter with its bug: `simloop explore dist/examples/replicated-counter/buggy.js`.
import { counterTest } from './scenario.js';

export const main = counterTest('buggy');

/** What `simloop explore` uses unless flags say otherwise: enough runs to find the bug at most seeds. */
export const exploreOptions = { runs: 3_000, seed: 1 };
