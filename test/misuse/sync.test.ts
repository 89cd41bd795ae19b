// The misuse catalogue, synchronisation part (see kernel.test.ts).
import { describe, expect, it } from 'vitest';
import { Barrier, BoundedSemaphore, Condition, DeadlockError, Semaphore, createTask, run } from '../../src/index.js';
import { thrownBy } from './helpers.js';

describe('issue 19, case 5: a primitive built on something it cannot use', () => {
  it('new Condition({}) is refused at the call', () => {
    const error = thrownBy(() => new Condition({} as never));
    expect([error.constructor, error.message]).toEqual([TypeError, 'Condition(lock): lock must be a Lock, got {}']);
  });

  it('Semaphore and Barrier name their parameter and quote what they got', () => {
    const semaphore = thrownBy(() => new Semaphore('2' as never));
    expect([semaphore.constructor, semaphore.message]).toEqual([TypeError, 'Semaphore(value): value must be an integer, got "2"']);
    const bounded = thrownBy(() => new BoundedSemaphore(1.5));
    expect([bounded.constructor, bounded.message]).toEqual([TypeError, 'BoundedSemaphore(value): value must be an integer, got 1.5']);
    const barrier = thrownBy(() => new Barrier('3' as never));
    expect([barrier.constructor, barrier.message]).toEqual([TypeError, 'Barrier(parties): parties must be an integer, got "3"']);
  });
});

describe('issue 19, case 10: a barrier deadlock', () => {
  it('names Barrier.wait(), what the program called, not the Condition inside', () => {
    function* main() {
      const barrier = new Barrier(3);
      createTask(
        (function* () {
          yield* barrier.wait();
        })(),
        { name: 'second' },
      );
      yield* barrier.wait();
    }
    const error = thrownBy(() => run(main()));
    expect([error.constructor, error.message]).toEqual([
      DeadlockError,
      "deadlock at t=0ms: Task 'main' is not done, nothing is ready and no timer is pending. Unfinished tasks:\n" +
        '  main: waiting on Barrier.wait()\n' +
        '  second: waiting on Barrier.wait()',
    ]);
  });
});
