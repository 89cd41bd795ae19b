// The store with its fix: `simloop explore dist/examples/durable-log/fixed.js --runs 2000`.
import { logTest } from './scenario.js';

export const main = logTest('fixed');
