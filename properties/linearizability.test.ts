// The linearizability checker against an independent brute-force reference
// (test/check/brute-force.ts: every subset of the unknown-outcome operations,
// every order) on thousands of random small histories of register and kv
// stores, with and without info and fail operations; each with a fixed seed.
// A failure prints the seed and the shrunk plan; PROPERTY_RUNS_SCALE runs more.
// Then, on larger histories a real store made (bench/check-histories.ts), the
// store is the oracle, and every order the checker reports is replayed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { storeHistory } from '../bench/check-histories.js';
import {
  checkLinearizability,
  operationsOf,
  registerModel,
  validateHistory,
  type HistoryOperation,
  type PartFailure,
  type RegisterInput,
  type Scalar,
} from '../src/check/index.js';
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

describe('larger histories, with the store as the oracle', () => {
  const shape = fc.record({
    operations: fc.integer({ min: 1, max: 60 }),
    processes: fc.integer({ min: 1, max: 6 }),
    keys: fc.constantFrom(0, 1, 3),
    durationMs: fc.constant([0, 12] as const),
    thinkMs: fc.constant([0, 4] as const),
    values: fc.integer({ min: 1, max: 4 }),
    infoRate: fc.constantFrom(0, 0.1, 0.3),
    corrupt: fc.boolean(),
    seed: fc.nat(),
  });

  it('a history a real store made is linearizable; a corrupted one is explained consistently (seed 1405)', () => {
    let explained = 0;
    fc.assert(
      fc.property(shape, (chosen) => {
        const history = storeHistory(chosen);
        const result = checkLinearizability(history, chosen.keys === 0 ? 'register' : 'kv');
        if (!chosen.corrupt) expect(result.verdict).toBe('linearizable');
        for (const part of result.parts) {
          const own = part.operations;
          if (part.linearization !== undefined) expect(replayProblem(history, own, part.linearization.operations, part.linearization.states)).toBeUndefined();
          if (part.failure !== undefined) {
            explained++;
            expect(failureProblem(history, own, part.failure)).toBeUndefined();
          }
        }
      }),
      { seed: 1405, numRuns: propertyRuns(1000) },
    );
    expect(explained).toBeGreaterThan(propertyRuns(1000) / 10);
  });
});

type Op = HistoryOperation<RegisterInput, Scalar>;

/** What is wrong with an order the checker reports for a part, or undefined: it must follow real time and the model must explain it. */
function replayProblem(history: readonly Op[], part: readonly number[], order: readonly number[], states: readonly Scalar[]): string | undefined {
  let state: Scalar = null;
  const placed = new Set<number>();
  for (let i = 0; i < order.length; i++) {
    const op = history[order[i]!]!;
    if (placed.has(order[i]!) || op.status === 'fail') return `#${order[i]} placed twice, or failed`;
    for (const j of part) {
      const other = history[j]!;
      if (other.status === 'ok' && other.completeTime! < op.invokeTime && !placed.has(j)) return `#${order[i]} placed before #${j}, which precedes it`;
    }
    const step = registerModel.step(state, op.input, op.status === 'ok' ? op.output : undefined);
    if (!step.ok || step.state !== states[i]) return `#${order[i]} is illegal in ${JSON.stringify(state)}, or its state is wrong`;
    state = step.state;
    placed.add(order[i]!);
  }
  return undefined;
}

function failureProblem(history: readonly Op[], part: readonly number[], failure: PartFailure<Scalar>): string | undefined {
  const problem = replayProblem(history, part, failure.prefix, failure.states);
  if (problem !== undefined) return problem;
  if (failure.prefix.includes(failure.blocked) || history[failure.blocked]!.status !== 'ok') return 'the blocked operation is in the prefix, or not ok';
  if (!failure.candidates.includes(failure.blocked)) return 'the blocked operation is not among the candidates';
  for (const candidate of failure.candidates) {
    const op = history[candidate]!;
    const step = registerModel.step(failure.state, op.input, op.status === 'ok' ? op.output : undefined);
    if (step.ok && (op.status === 'ok' || step.state !== failure.state)) return `candidate #${candidate} is legal in ${JSON.stringify(failure.state)}`;
  }
  return undefined;
}
