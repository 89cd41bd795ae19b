import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/effects.js';
import { createTask } from '../../src/task.js';
import { Barrier, BrokenBarrierError, ValueError } from '../../src/sync/index.js';
import { RuntimeError } from '../../src/errors.js';
import { outcome, traced, type Log } from './trace.js';

/** Arrives at the barrier after `delayMs` and logs how its wait ended. */
function* party(barrier: Barrier, log: Log, delayMs = 0) {
  if (delayMs > 0) yield* sleep(delayMs);
  log('arrives');
  log(`wait ${yield* outcome(barrier.wait())}`);
}

describe('Barrier', () => {
  it('lets the parties go once all have arrived; each gets its arrival index, the last arrival first', () => {
    const lines = traced(function* (log) {
      const barrier = new Barrier(3);
      const tasks = ['a', 'b', 'c'].map((name, i) => createTask(party(barrier, log, i), { name }));
      yield* sleep(2);
      log(`nWaiting ${barrier.nWaiting} of ${barrier.parties}`);
      for (const task of tasks) yield* task;
      log(`nWaiting ${barrier.nWaiting}`);
    });
    expect(lines).toEqual([
      '0 a arrives',
      '1 b arrives',
      '2 main nWaiting 2 of 3',
      '2 c arrives',
      '2 c wait returned 2',
      '2 a wait returned 0',
      '2 b wait returned 1',
      '2 main nWaiting 0',
      'result null',
    ]);
  });

  it('makes tasks that arrive while it drains wait for the next cycle, which it then fills', () => {
    const lines = traced(function* (log) {
      const barrier = new Barrier(2);
      const tasks = ['a', 'b', 'c', 'd'].map((name) => createTask(party(barrier, log), { name }));
      for (const task of tasks) yield* task;
    });
    expect(lines).toEqual([
      '0 a arrives',
      '0 b arrives',
      '0 b wait returned 1',
      '0 c arrives',
      '0 d arrives',
      '0 a wait returned 0',
      '0 d wait returned 1',
      '0 c wait returned 0',
      'result null',
    ]);
  });

  it('abort() breaks it: waiting and later tasks get BrokenBarrierError until reset()', () => {
    const lines = traced(function* (log) {
      const barrier = new Barrier(3);
      const tasks = ['a', 'b'].map((name) => createTask(party(barrier, log), { name }));
      yield* sleep(1);
      yield* barrier.abort();
      log(`aborted: broken ${barrier.broken}`);
      log(`wait ${yield* outcome(barrier.wait())}`);
      for (const task of tasks) yield* task;
      yield* barrier.reset();
      log(`reset: broken ${barrier.broken}, nWaiting ${barrier.nWaiting}`);
    });
    expect(lines).toEqual([
      '0 a arrives',
      '0 b arrives',
      '1 main aborted: broken true',
      '1 main wait threw BrokenBarrierError',
      '1 a wait threw BrokenBarrierError',
      '1 b wait threw BrokenBarrierError',
      '1 main reset: broken false, nWaiting 0',
      'result null',
    ]);
  });

  it('reset() while tasks wait breaks their wait; a task arriving meanwhile waits for the next cycle', () => {
    const lines = traced(function* (log) {
      const barrier = new Barrier(2);
      const a = createTask(party(barrier, log), { name: 'a' });
      const c = createTask(party(barrier, log, 2), { name: 'c' });
      yield* sleep(1);
      yield* barrier.reset();
      log(`reset while a waits: nWaiting ${barrier.nWaiting}`);
      log(`wait ${yield* outcome(barrier.wait())}`);
      yield* a;
      yield* c;
    });
    expect(lines).toEqual([
      '0 a arrives',
      '1 main reset while a waits: nWaiting 0',
      '1 a wait threw BrokenBarrierError',
      '2 c arrives',
      '2 c wait returned 1',
      '2 main wait returned 0',
      'result null',
    ]);
  });

  it('needs at least one party, and its error is a RuntimeError as in asyncio', () => {
    expect(() => new Barrier(0)).toThrow(ValueError);
    expect(new BrokenBarrierError('x')).toBeInstanceOf(RuntimeError);
    expect(new Barrier(1).parties).toBe(1);
  });
});
