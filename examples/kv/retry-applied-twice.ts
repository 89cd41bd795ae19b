// The service with a bug: `simloop explore dist/examples/kv/retry-applied-twice.js` finds it, shrinks it and prints the line that replays it.
import { kvTest } from './kv-test.js';

export const { main, check } = kvTest('retry-applied-twice');
