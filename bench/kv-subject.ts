// The correct key-value service of examples/kv with a 10 s fault phase, as a
// module `exploreFile` can load in its worker threads (bench/kv.ts).
import { kvTest } from '../examples/kv/kv-test.js';

export const { main, check } = kvTest('correct', { faultPhaseMs: 10_000 });
