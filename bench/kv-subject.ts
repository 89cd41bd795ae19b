// The correct key-value service of examples/kv with a 10 s fault phase, as a
// module `exploreFile` can load in its worker threads (bench/kv.ts). It
// exports no `check`: the linearizability check of a 10 s history full of
// operations whose outcome is unknown can run out of its budget (bench/kv.ts
// measures the check on the 3 s runs of the test instead).
import { kvTest } from '../examples/kv/kv-test.js';

export const { main } = kvTest('correct', { faultPhaseMs: 10_000 });
