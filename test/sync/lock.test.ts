import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/effects.js';
import { RuntimeError } from '../../src/errors.js';
import { createTask } from '../../src/task.js';
import { Lock } from '../../src/sync/index.js';
import { outcome, traced, type Log } from './trace.js';

/** Takes the lock with `with`, holds it for `holdMs`, and logs how the `with` ended. */
function* worker(lock: Lock, log: Log, holdMs = 10) {
  log('acquiring');
  const ended = yield* outcome(
    lock.with(function* () {
      log('acquired');
      yield* sleep(holdMs);
      log('releasing');
    }),
  );
  log(`with ${ended}`);
}

describe('Lock', () => {
  it('hands the lock on in FIFO order, and a task re-acquiring right after release queues behind the waiters', () => {
    const lines = traced(function* (log) {
      const lock = new Lock();
      const a = createTask(
        (function* () {
          yield* worker(lock, log);
          log(`locked ${lock.locked()} while b is woken but not yet running`);
          yield* worker(lock, log);
        })(),
        { name: 'a' },
      );
      const b = createTask(worker(lock, log), { name: 'b' });
      const c = createTask(worker(lock, log), { name: 'c' });
      for (const task of [a, b, c]) yield* task;
    });
    expect(lines).toEqual([
      '0 a acquiring',
      '0 a acquired',
      '0 b acquiring',
      '0 c acquiring',
      '10 a releasing',
      '10 a with returned null',
      '10 a locked false while b is woken but not yet running',
      '10 a acquiring',
      '10 b acquired',
      '20 b releasing',
      '20 b with returned null',
      '20 c acquired',
      '30 c releasing',
      '30 c with returned null',
      '30 a acquired',
      '40 a releasing',
      '40 a with returned null',
      'result null',
    ]);
  });

  it('skips a waiter that was cancelled while it waited', () => {
    const lines = traced(function* (log) {
      const lock = new Lock();
      const tasks = ['a', 'b', 'c'].map((name) => createTask(worker(lock, log), { name }));
      yield* sleep(5);
      log(`cancel b -> ${tasks[1]?.cancel()}`);
      for (const task of tasks) yield* task;
    });
    expect(lines).toEqual([
      '0 a acquiring',
      '0 a acquired',
      '0 b acquiring',
      '0 c acquiring',
      '5 main cancel b -> true',
      '5 b with threw CancelledError',
      '10 a releasing',
      '10 a with returned null',
      '10 c acquired',
      '20 c releasing',
      '20 c with returned null',
      'result null',
    ]);
  });

  it('is not lost when a waiter is cancelled after release() woke it: the waiter passes its turn on', () => {
    const lines = traced(function* (log) {
      const lock = new Lock();
      const tasks: { cancel(): boolean }[] = [];
      tasks.push(
        createTask(
          (function* () {
            yield* worker(lock, log);
            log(`cancel b -> ${tasks[1]?.cancel()}`);
          })(),
          { name: 'a' },
        ),
      );
      tasks.push(createTask(worker(lock, log), { name: 'b' }));
      tasks.push(createTask(worker(lock, log), { name: 'c' }));
      yield* sleep(30);
      log(lock.toString());
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
      '30 main Lock [unlocked]',
      'result null',
    ]);
  });

  it('lets a newcomer take a free lock at once when every queued waiter was cancelled', () => {
    const lines = traced(function* (log) {
      const lock = new Lock();
      yield* lock.acquire();
      const b = createTask(worker(lock, log), { name: 'b' });
      yield* sleep(1);
      b.cancel();
      lock.release();
      yield* lock.acquire();
      log('cancelled b, released, and acquired again without waiting');
      yield* b;
      log(`locked ${lock.locked()}`);
      lock.release();
    });
    expect(lines).toEqual([
      '0 b acquiring',
      '1 main cancelled b, released, and acquired again without waiting',
      '1 b with threw CancelledError',
      '1 main locked true',
      'result null',
    ]);
  });

  it('with() returns the body result and releases after an error or a cancellation in the body', () => {
    const lines = traced(function* (log) {
      const lock = new Lock();
      const value: number = yield* lock.with(function* () {
        return 42;
      });
      log(`with returned ${value}, locked ${lock.locked()}`);
      const failed = yield* outcome(
        lock.with(function* () {
          throw new TypeError('boom');
        }),
      );
      log(`with ${failed}, locked ${lock.locked()}`);
      const a = createTask(worker(lock, log), { name: 'a' });
      const b = createTask(worker(lock, log), { name: 'b' });
      yield* sleep(5);
      a.cancel();
      yield* b;
    });
    expect(lines).toEqual([
      '0 main with returned 42, locked false',
      '0 main with threw TypeError, locked false',
      '0 a acquiring',
      '0 a acquired',
      '0 b acquiring',
      '5 a with threw CancelledError',
      '5 b acquired',
      '15 b releasing',
      '15 b with returned null',
      'result null',
    ]);
  });

  it('release() of an unlocked lock throws RuntimeError', () => {
    expect(() => new Lock().release()).toThrow(new RuntimeError('Lock is not acquired.'));
  });
});
