// The counter with its fix: `simloop explore dist/examples/replicated-counter/fixed.js --runs 5000`.
import { counterTest } from './scenario.js';

export const main = counterTest('fixed');
