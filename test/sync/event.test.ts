import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/effects.js';
import { RuntimeError } from '../../src/errors.js';
import { run } from '../../src/run.js';
import { createTask } from '../../src/task.js';
import { Event } from '../../src/sync/index.js';
import { outcome, traced, type Log } from './trace.js';

function* waiter(event: Event, log: Log) {
  log('waits');
  log(`wait ${yield* outcome(event.wait())}`);
}

describe('Event', () => {
  it('set() wakes every waiter in the order they waited, and later waits return without suspending', () => {
    const lines = traced(function* (log) {
      const event = new Event();
      const tasks = ['w1', 'w2', 'w3'].map((name) => createTask(waiter(event, log), { name }));
      yield* sleep(5);
      log('set');
      event.set();
      for (const task of tasks) yield* task;
      log(`late wait ${yield* outcome(event.wait())}`);
    });
    expect(lines).toEqual([
      '0 w1 waits',
      '0 w2 waits',
      '0 w3 waits',
      '5 main set',
      '5 w1 wait returned true',
      '5 w2 wait returned true',
      '5 w3 wait returned true',
      '5 main late wait returned true',
      'result null',
    ]);
  });

  it('a waiter woken by set() returns true even if clear() came before it resumed', () => {
    const lines = traced(function* (log) {
      const event = new Event();
      const first = createTask(waiter(event, log), { name: 'w1' });
      yield* sleep(1);
      event.set();
      event.clear();
      log(`set, then clear: isSet ${event.isSet()}`);
      const second = createTask(waiter(event, log), { name: 'w2' });
      yield* sleep(1);
      log('set');
      event.set();
      yield* first;
      yield* second;
    });
    expect(lines).toEqual([
      '0 w1 waits',
      '1 main set, then clear: isSet false',
      '1 w1 wait returned true',
      '1 w2 waits',
      '2 main set',
      '2 w2 wait returned true',
      'result null',
    ]);
  });

  it('set() skips a waiter cancelled in the same step; the cancelled task sees CancelledError', () => {
    const lines = traced(function* (log) {
      const event = new Event();
      const first = createTask(waiter(event, log), { name: 'w1' });
      const second = createTask(waiter(event, log), { name: 'w2' });
      yield* sleep(1);
      first.cancel();
      event.set();
      log('cancelled w1, set');
      yield* second;
      log(event.toString());
    });
    expect(lines).toEqual([
      '0 w1 waits',
      '0 w2 waits',
      '1 main cancelled w1, set',
      '1 w1 wait threw CancelledError',
      '1 w2 wait returned true',
      '1 main Event [set]',
      'result null',
    ]);
  });

  it('binds to the loop it first waited on, and refuses to wait on another', () => {
    const event = new Event();
    run(
      (function* () {
        createTask(
          (function* () {
            yield* sleep(1);
            event.set();
          })(),
        );
        yield* event.wait();
      })(),
    );
    event.clear();
    expect(() =>
      run(
        (function* () {
          yield* event.wait();
        })(),
      ),
    ).toThrow(new RuntimeError('Event [unset] is bound to a different event loop'));
  });
});
