import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/effects.js';
import { RuntimeError } from '../../src/errors.js';
import { run } from '../../src/run.js';
import { createTask } from '../../src/task.js';
import { Condition, Lock } from '../../src/sync/index.js';
import { outcome, traced, type Log } from './trace.js';

/** Waits once on `condition` holding its lock, and logs how the wait ended and whether the lock is held after. */
function* waiter(condition: Condition, log: Log) {
  yield* condition.with(function* () {
    log('waiting');
    const ended = yield* outcome(condition.wait());
    log(`wait ${ended}, locked ${condition.locked()}`);
  });
}

describe('Condition', () => {
  it('notify(n) wakes the n oldest waiters, which resume one by one as they get the lock back', () => {
    const lines = traced(function* (log) {
      const condition = new Condition();
      const tasks = ['w1', 'w2', 'w3'].map((name) => createTask(waiter(condition, log), { name }));
      yield* sleep(1);
      yield* condition.with(function* () {
        condition.notify();
        log('notified 1');
      });
      yield* sleep(1);
      yield* condition.with(function* () {
        condition.notify(2);
        log('notified 2');
        yield* sleep(5);
        log('releasing');
      });
      for (const task of tasks) yield* task;
    });
    expect(lines).toEqual([
      '0 w1 waiting',
      '0 w2 waiting',
      '0 w3 waiting',
      '1 main notified 1',
      '1 w1 wait returned true, locked true',
      '2 main notified 2',
      '7 main releasing',
      '7 w2 wait returned true, locked true',
      '7 w3 wait returned true, locked true',
      'result null',
    ]);
  });

  it('notifyAll() wakes every waiter; waitFor() goes back to waiting while its predicate is false', () => {
    const lines = traced(function* (log) {
      const condition = new Condition();
      const items: string[] = [];
      function* consumer() {
        yield* condition.with(function* () {
          log('waiting');
          yield* condition.waitFor(() => items.length > 0);
          log(`got ${items.shift()}`);
        });
      }
      const tasks = ['c1', 'c2', 'c3'].map((name) => createTask(consumer(), { name }));
      yield* sleep(1);
      yield* condition.with(function* () {
        items.push('x', 'y');
        condition.notifyAll();
        log('notified all');
      });
      yield* sleep(1);
      yield* condition.with(function* () {
        items.push('z');
        condition.notify(1);
        log('notified 1');
      });
      for (const task of tasks) yield* task;
    });
    expect(lines).toEqual([
      '0 c1 waiting',
      '0 c2 waiting',
      '0 c3 waiting',
      '1 main notified all',
      '1 c1 got x',
      '1 c2 got y',
      '2 main notified 1',
      '2 c3 got z',
      'result null',
    ]);
  });

  it('a waiter cancelled while waiting takes the lock back, waiting for its holder, before throwing', () => {
    const lines = traced(function* (log) {
      const condition = new Condition();
      const w1 = createTask(waiter(condition, log), { name: 'w1' });
      yield* sleep(1);
      yield* condition.with(function* () {
        w1.cancel();
        log('cancelled w1 while holding the lock');
        yield* sleep(5);
        log('releasing');
      });
      yield* w1;
    });
    expect(lines).toEqual([
      '0 w1 waiting',
      '1 main cancelled w1 while holding the lock',
      '6 main releasing',
      '6 w1 wait threw CancelledError, locked true',
      'result null',
    ]);
  });

  it('a waiter cancelled after it was notified passes the notification on to the next waiter', () => {
    const lines = traced(function* (log) {
      const condition = new Condition();
      const [w1, w2] = ['w1', 'w2'].map((name) => createTask(waiter(condition, log), { name }));
      yield* sleep(1);
      yield* condition.with(function* () {
        condition.notify(1);
        w1?.cancel();
        log('notified 1 and cancelled w1');
      });
      yield* w1!;
      yield* w2!;
    });
    expect(lines).toEqual([
      '0 w1 waiting',
      '0 w2 waiting',
      '1 main notified 1 and cancelled w1',
      '1 w1 wait threw CancelledError, locked true',
      '1 w2 wait returned true, locked true',
      'result null',
    ]);
  });

  it('a waiter cancelled while it re-acquires the lock keeps trying, and throws only once it holds the lock', () => {
    const lines = traced(function* (log) {
      const condition = new Condition();
      const w1 = createTask(waiter(condition, log), { name: 'w1' });
      yield* sleep(1);
      yield* condition.with(function* () {
        condition.notify(1);
        log('notified 1');
        yield* sleep(1);
        w1.cancel();
        log('cancelled w1 while it re-acquires');
        yield* sleep(4);
        log('releasing');
      });
      yield* w1;
    });
    expect(lines).toEqual([
      '0 w1 waiting',
      '1 main notified 1',
      '2 main cancelled w1 while it re-acquires',
      '6 main releasing',
      '6 w1 wait threw CancelledError, locked true',
      'result null',
    ]);
  });

  it('wait() and notify() without the lock throw RuntimeError; a shared lock is the condition lock', () => {
    const messages: string[] = [];
    run(
      (function* () {
        const lock = new Lock();
        const condition = new Condition(lock);
        for (const attempt of [() => condition.wait().next(), () => condition.notify(), () => condition.notifyAll()]) {
          try {
            attempt();
          } catch (error) {
            if (error instanceof RuntimeError) messages.push(error.message);
          }
        }
        yield* lock.acquire();
        messages.push(`condition locked ${condition.locked()}`);
        condition.release();
        messages.push(`lock locked ${lock.locked()}`);
      })(),
    );
    expect(messages).toEqual([
      'cannot wait on un-acquired lock',
      'cannot notify on un-acquired lock',
      'cannot notify on un-acquired lock',
      'condition locked true',
      'lock locked false',
    ]);
  });
});
