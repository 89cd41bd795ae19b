// Ordering properties of the kernel, on random programs written against the
// TypeScript API (properties/api-programs.ts), each with a fixed seed. The
// rules are checked while the program runs, by a Monitor and by the
// callbacks themselves; a broken rule is reported as a sentence, with the
// shrunk program.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INVARIANTS, observe, programArbitrary, type Invariant } from './api-programs.js';

const RUNS = 1000;
const SEEDS: Record<Invariant, number> = {
  fifo: 101,
  timers: 102,
  time: 103,
  cancelDelivery: 104,
  cancelResult: 105,
  allDone: 106,
  cancelling: 107,
  outcome: 109,
};

const RULES: Record<Invariant, string> = {
  fifo: 'ready callbacks run in FIFO order, in the time they were scheduled at',
  timers: 'timers fire in (deadline, sequence) order, at their deadline',
  time: 'virtual time never goes back',
  cancelDelivery: "a cancel is observed at the target's next resumption, never earlier or later",
  cancelResult: 'cancel() returns false exactly when the task is done',
  allDone: "every task is done when run returns, but those created during run's clean-up, which asyncio leaves pending",
  cancelling: 'cancelling() counts cancel requests and uncancel() withdraws one',
  outcome: "run returns main's result or raises its CancelledError, never a kernel error",
};

describe('ordering properties of the kernel', () => {
  for (const invariant of INVARIANTS) {
    it(`${RULES[invariant]} (seed ${SEEDS[invariant]})`, () => {
      let checks = 0;
      fc.assert(
        fc.property(programArbitrary(), (program) => {
          const { violations, checks: counted } = observe(program);
          checks += counted[invariant];
          expect(violations[invariant]).toEqual([]);
        }),
        { seed: SEEDS[invariant], numRuns: RUNS },
      );
      // The rule was exercised, not vacuously true.
      expect(checks).toBeGreaterThan(RUNS / 4);
    });
  }

  it('the same program run twice gives the same trace (seed 108)', () => {
    fc.assert(
      fc.property(programArbitrary(), (program) => {
        expect(observe(program).trace).toEqual(observe(program).trace);
      }),
      { seed: 108, numRuns: RUNS },
    );
  });

  // The TypeScript combinators are not exported yet; their ordering is
  // covered meanwhile by the differential property on the shield and
  // timeout ops, as soon as the scenario runner carries them out.
  it.todo('shield: cancelling the awaiter never cancels the shielded task');
  it.todo('timeout: the body is cancelled at the deadline, exactly once, and TimeoutError replaces only that cancel');
});
