// The correct service: `simloop explore dist/examples/kv/correct.js --runs 10000 --workers 2`.
import { kvTest } from './kv-test.js';

export const { main, check } = kvTest('correct');
