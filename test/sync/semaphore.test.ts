import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/effects.js';
import { createTask } from '../../src/task.js';
import { BoundedSemaphore, Semaphore, ValueError } from '../../src/sync/index.js';
import { outcome, traced, type Log } from './trace.js';

/** Takes a slot with `with`, holds it for `holdMs`, and logs how the `with` ended. */
function* worker(semaphore: Semaphore, log: Log, holdMs = 10) {
  log('acquiring');
  const ended = yield* outcome(
    semaphore.with(function* () {
      log('acquired');
      yield* sleep(holdMs);
      log('releasing');
    }),
  );
  log(`with ${ended}`);
}

describe('Semaphore', () => {
  it('lets `value` tasks in at once and the rest in FIFO order as slots come back', () => {
    const lines = traced(function* (log) {
      const semaphore = new Semaphore(2);
      const tasks = ['a', 'b', 'c', 'd'].map((name) => createTask(worker(semaphore, log), { name }));
      for (const task of tasks) yield* task;
    });
    expect(lines).toEqual([
      '0 a acquiring',
      '0 a acquired',
      '0 b acquiring',
      '0 b acquired',
      '0 c acquiring',
      '0 d acquiring',
      '10 a releasing',
      '10 a with returned null',
      '10 b releasing',
      '10 b with returned null',
      '10 c acquired',
      '10 d acquired',
      '20 c releasing',
      '20 c with returned null',
      '20 d releasing',
      '20 d with returned null',
      'result null',
    ]);
  });

  it('makes a newcomer wait behind a woken waiter even with a slot free, and the waiter wakes it once in', () => {
    const lines = traced(function* (log) {
      const semaphore = new Semaphore(0);
      const b = createTask(worker(semaphore, log), { name: 'b' });
      yield* sleep(1);
      semaphore.release(); // handed to b
      semaphore.release(); // free, yet b, woken but not running, is still queued
      log(`released twice: ${semaphore.toString()}`);
      yield* semaphore.acquire();
      log('acquired');
      semaphore.release();
      yield* b;
    });
    expect(lines).toEqual([
      '0 b acquiring',
      '1 main released twice: Semaphore [locked, waiters:1]',
      '1 b acquired',
      '1 main acquired',
      '11 b releasing',
      '11 b with returned null',
      'result null',
    ]);
  });

  it('a waiter cancelled after release() handed it a slot gives the slot back to the next waiter', () => {
    const lines = traced(function* (log) {
      const semaphore = new Semaphore(1);
      const tasks: { cancel(): boolean }[] = [];
      tasks.push(
        createTask(
          (function* () {
            yield* worker(semaphore, log);
            log(`cancel b -> ${tasks[1]?.cancel()}`);
          })(),
          { name: 'a' },
        ),
      );
      tasks.push(createTask(worker(semaphore, log), { name: 'b' }));
      tasks.push(createTask(worker(semaphore, log), { name: 'c' }));
      yield* sleep(30);
      log(semaphore.toString());
    });
    expect(lines).toEqual([
      '0 a acquiring',
      '0 a acquired',
      '0 b acquiring',
      '0 c acquiring',
      '10 a releasing',
      '10 a with returned null',
      '10 a cancel b -> true',
      '10 b with threw CancelledError',
      '10 c acquired',
      '20 c releasing',
      '20 c with returned null',
      '30 main Semaphore [unlocked, value:1]',
      'result null',
    ]);
  });

  it('rejects a negative initial value with ValueError', () => {
    expect(() => new Semaphore(-1)).toThrow(ValueError);
  });
});

describe('BoundedSemaphore', () => {
  it('throws ValueError when released above its initial value', () => {
    const semaphore = new BoundedSemaphore(1);
    expect(() => semaphore.release()).toThrow(new ValueError('BoundedSemaphore released too many times'));
  });

  it('counts a slot handed to a woken waiter as taken, as CPython does, so the extra release shows up later', () => {
    const lines = traced(function* (log) {
      const semaphore = new BoundedSemaphore(1);
      yield* semaphore.acquire();
      const b = createTask(
        (function* () {
          log('acquiring');
          yield* semaphore.acquire();
          log(`acquired: ${semaphore.toString()}`);
          try {
            semaphore.release();
            log('released');
          } catch (error) {
            log(`release threw ${(error as Error).name}`);
          }
        })(),
        { name: 'b' },
      );
      yield* sleep(1);
      semaphore.release();
      semaphore.release();
      log('released twice without error');
      yield* b;
    });
    expect(lines).toEqual([
      '0 b acquiring',
      '1 main released twice without error',
      '1 b acquired: BoundedSemaphore [unlocked, value:1]',
      '1 b release threw ValueError',
      'result null',
    ]);
  });
});
