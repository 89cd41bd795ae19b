// The zoo of bug programs (examples/zoo): every bug is found by explore with
// its default settings and shrunk to at most one choice more than its
// minimum, on five seeds; and each minimum is what the exhaustive search
// says. CI checks the minimums whose proof takes at most MINIMUM_PROOF_RUNS
// runs; ZOO_FULL=1 checks them all (timer-storm's takes about 220,000), and
// twenty seeds.
import { describe, expect, it } from 'vitest';
import { ZOO, type ZooBug } from '../../examples/zoo/index.js';
import { ScriptedChooser } from '../../src/explore/choices/scripted.js';
import { executeRun } from '../../src/explore/execute.js';
import { explore } from '../../src/explore/explore.js';
import { sameFailure } from '../../src/explore/report/failure.js';
import { searchBounded } from '../../src/explore/shrink/bounded-search.js';
import { programSubject } from '../../src/explore/subject.js';

const FULL = process.env['ZOO_FULL'] === '1';
/** Five seeds in CI, twenty with ZOO_FULL=1. */
const SEEDS = Array.from({ length: FULL ? 20 : 5 }, (_, seed) => seed);
const MINIMUM_PROOF_RUNS = 5_000;

/** The zoo bugs whose minimum the lean run proves too. */
const PROVEN_IN_CI = new Set(['overdraft', 'lost-wakeup', 'leaked-connection', 'lazy-init', 'idle-reaper', 'stale-cache', 'double-charge', 'transfer-deadlock', 'stolen-wakeup', 'missed-event', 'duplicate-delivery']);

function explored(bug: ZooBug, seed: number) {
  return explore(bug.main, { ...bug.exploreOptions, invariant: bug.invariant ?? null, seed });
}

describe('the zoo: every bug found with the default settings and shrunk to its minimum plus at most one', () => {
  for (const [name, bug] of Object.entries(ZOO)) {
    it(`${name} (minimum ${bug.minimumChoices})`, () => {
      const shrunk = SEEDS.map((seed) => {
        const failure = explored(bug, seed).failure;
        expect(failure, `${name}, seed ${seed}: not found`).not.toBeNull();
        expect(failure!.determinism.status).toBe('deterministic');
        return failure!.shrunk.nonZero;
      });
      for (const [at, nonZero] of shrunk.entries()) {
        expect(nonZero, `${name}, seed ${SEEDS[at]}: shrunk to ${nonZero}`).toBeLessThanOrEqual(bug.minimumChoices + 1);
        expect(nonZero).toBeGreaterThanOrEqual(bug.minimumChoices);
      }
    });
  }
});

describe("the zoo's minimums are the exhaustive search's", () => {
  for (const [name, bug] of Object.entries(ZOO)) {
    const check = FULL || PROVEN_IN_CI.has(name) ? it : it.skip;
    check(`${name}: fails with ${bug.minimumChoices} choices other than FIFO's, never with fewer`, () => {
      const subject = programSubject(bug.main, name);
      const cancel = (bug.exploreOptions?.cancel as string | undefined) ?? null;
      const checks = { invariant: bug.invariant ?? null };
      const run = (prefix: number[][]) => executeRun(subject, new ScriptedChooser(prefix), cancel, checks, false);
      const fifo = run([]);
      expect(fifo.failure).toBeNull();
      const limit = FULL ? 1_000_000 : MINIMUM_PROOF_RUNS;
      const below = searchBounded(run, bug.minimumChoices - 1, limit, (record) => record.failure !== null);
      expect([below.found?.streams, below.complete]).toEqual([undefined, true]);
      const at = searchBounded(run, bug.minimumChoices, limit, (record) => record.failure !== null);
      expect(at.found).not.toBeNull();
      expect(sameFailure(at.found!.failure!, at.found!.failure!)).toBe(true);
    });
  }
});
