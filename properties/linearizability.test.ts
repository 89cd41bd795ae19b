// The linearizability checker against an independent brute-force reference
// (test/check/brute-force.ts: every subset of the unknown-outcome operations,
// every order) on thousands of random small histories of register and kv
// stores, with and without info and fail operations; each with a fixed seed.
// A failure prints the seed and the shrunk plan; PROPERTY_RUNS_SCALE runs more.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLinearizability, operationsOf, validateHistory } from '../src/check/index.js';
import { bruteForceLinearizable } from '../test/check/brute-force.js';
import { buildHistory, historyPlan } from './histories.js';
import { propertyRuns } from './runs.js';

type Ending = 'ok' | 'fail' | 'info' | 'pending';

const CASES: { name: string; endings: Ending[]; seed: number; maxOps: number }[] = [
  { name: 'only ok operations', endings: ['ok'], seed: 1401, maxOps: 7 },
  { name: 'ok and fail operations', endings: ['ok', 'ok', 'fail'], seed: 1402, maxOps: 7 },
  { name: 'ok, info and never-completed operations', endings: ['ok', 'ok', 'info', 'pending'], seed: 1403, maxOps: 6 },
  { name: 'every ending', endings: ['ok', 'ok', 'fail', 'info', 'pending'], seed: 1404, maxOps: 6 },
];

const RUNS = propertyRuns(1500);

describe('the checker agrees with the brute-force reference', () => {
  for (const { name, endings, seed, maxOps } of CASES) {
    it(`on random histories with ${name} (seed ${seed})`, () => {
      const verdicts = { linearizable: 0, 'not linearizable': 0 };
      fc.assert(
        fc.property(historyPlan(endings, maxOps), (plan) => {
          const { file, genuine } = buildHistory(plan);
          const valid = validateHistory(file);
          const verdict = checkLinearizability(operationsOf(valid), valid.model).verdict;
          const expected = bruteForceLinearizable(file as never) ? 'linearizable' : 'not linearizable';
          expect(verdict).toBe(expected);
          if (genuine) expect(verdict).toBe('linearizable');
          verdicts[expected]++;
        }),
        { seed, numRuns: RUNS },
      );
      // Both verdicts must be common, or the comparison says little.
      expect(verdicts.linearizable).toBeGreaterThan(RUNS / 5);
      expect(verdicts['not linearizable']).toBeGreaterThan(RUNS / 10);
    });
  }
});
