import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { account, invariant, main as lostUpdateMain } from '../../examples/lost-update.js';
import { sleep } from '../../src/effects.js';
import { replay } from '../../src/explore/replay.js';
import { formatSchedule } from '../../src/explore/choices/schedule.js';
import { scheduleArbitrary } from '../../src/fast-check.js';
import { createTask } from '../../src/task.js';
import { checkSimulation, simTest, SimulationFailure } from '../../src/vitest.js';

/** The lost update fixed: the write-back happens in the same step as the read. */
function* fixedDeposit(amount: number) {
  yield* sleep(0);
  account.balance += amount;
}

function* fixedMain() {
  account.balance = 100;
  const tasks = [createTask(fixedDeposit(50), { name: 'deposit' }), createTask(fixedDeposit(1000), { name: 'payroll' })];
  for (const task of tasks) yield* task;
  if (account.balance !== 1150) throw new Error(`lost update: the balance is ${account.balance}, expected 1150`);
}

/** The buggy program with the deposit as an input. */
function lostUpdateOf(amount: number) {
  return function* main() {
    account.balance = 0;
    const balanceTask = createTask(
      (function* () {
        const balance = account.balance;
        yield* sleep(0);
        account.balance = balance + amount;
      })(),
      { name: 'deposit' },
    );
    const payroll = createTask(
      (function* () {
        yield* sleep(0);
        account.balance += 1000;
      })(),
      { name: 'payroll' },
    );
    yield* balanceTask;
    yield* payroll;
    if (account.balance !== amount + 1000) throw new Error('lost update');
  };
}

describe('simloop/vitest', () => {
  simTest('simTest passes a program no schedule breaks (the fixed deposit, every schedule)', fixedMain, { policy: 'exhaustive', invariant });
  simTest.replay('simTest.replay passes a schedule under which the buggy program happens to work', lostUpdateMain, 'v1;', { invariant });

  it('fails with the report: the shrunk schedule, its trace and the replay line', () => {
    let message = '';
    try {
      checkSimulation(lostUpdateMain, { invariant, seed: 0 });
    } catch (error) {
      expect(error).toBeInstanceOf(SimulationFailure);
      message = (error as Error).message;
    }
    expect(message.split('\n')).toEqual(
      expect.arrayContaining([
        'FAILED at run 2: main raised Error: lost update: the balance is 150, expected 1150',
        '  schedule: v1;1',
        '    t=0 schedule: ready choice 1 of 2',
        '  replay in a test: replay(main, "v1;1", { invariant })',
      ]),
    );
  });
});

describe('simloop/fast-check', () => {
  it('a property takes a schedule next to its own inputs, and both shrink', () => {
    const details = fc.check(
      fc.property(fc.integer({ min: 1, max: 100 }), scheduleArbitrary(), (amount, schedule) => {
        replay(lostUpdateOf(amount), schedule);
      }),
      { seed: 42, numRuns: 200 },
    );
    expect(details.failed).toBe(true);
    const [amount, schedule] = details.counterexample!;
    expect(amount).toBe(1);
    expect(formatSchedule(schedule)).toBe('v1;1');
    expect(fc.stringify(schedule)).toBe('"v1;1"');
  });

  it('the fixed program passes every schedule the arbitrary makes, with cancellation points too', () => {
    fc.assert(
      fc.property(scheduleArbitrary({ cancel: null }), (schedule) => void replay(fixedMain, schedule, { invariant })),
      { seed: 42, numRuns: 200 },
    );
    const withCancel = fc.sample(scheduleArbitrary({ cancel: '*' }), { seed: 1, numRuns: 3 });
    expect(withCancel.every((schedule) => schedule.cancel === '*')).toBe(true);
  });
});
