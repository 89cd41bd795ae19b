// Ordering properties of the kernel, on random programs written against the
// TypeScript API (properties/api-programs.ts), each with a fixed seed. The
// rules are checked while the program runs, by a Monitor and by the
// callbacks themselves; a broken rule is reported as a sentence, with the
// shrunk program.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INVARIANTS, observe, programArbitrary, type Invariant } from './api-programs.js';
import { propertyRuns } from './runs.js';

const RUNS = propertyRuns(1000);
// A task awaiting a shield while something cancels it is a rarer program: more runs.
const RUNS_FOR: Partial<Record<Invariant, number>> = { shield: propertyRuns(5000) };
// How often each rule must have been checked over the runs, so that it is not vacuously true.
const MINIMUM_CHECKS: Partial<Record<Invariant, number>> = { shield: 50 };
const SEEDS: Record<Invariant, number> = {
  fifo: 101,
  timers: 102,
  time: 103,
  cancelDelivery: 104,
  cancelResult: 105,
  allDone: 106,
  cancelling: 107,
  outcome: 109,
  shield: 110,
  timeout: 111,
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
  shield: 'cancelling a task that awaits shield(child) leaves the child alone',
  timeout: 'a timeout cancels at its deadline, and TimeoutError replaces only the cancel it caused',
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
        { seed: SEEDS[invariant], numRuns: RUNS_FOR[invariant] ?? RUNS },
      );
      expect(checks).toBeGreaterThan(MINIMUM_CHECKS[invariant] ?? RUNS / 4);
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
});
