import { describe, expect, it } from 'vitest';
import { CancelledError, Future, InvalidStateError, Loop, createTask, getRunningLoop, run, sleep } from '../../src/index.js';

describe('a future', () => {
  it('is pending until a result is set, then finished for good', () => {
    const future = new Future<number>({ loop: new Loop(), description: 'answer' });
    expect(future.state).toBe('pending');
    expect(() => future.result()).toThrow(new InvalidStateError('Result is not ready.'));
    expect(() => future.exception()).toThrow(new InvalidStateError('Exception is not set.'));
    future.setResult(42);
    expect([future.state, future.done(), future.cancelled(), future.result(), future.exception()]).toEqual(['finished', true, false, 42, undefined]);
    expect(() => future.setResult(43)).toThrow(new InvalidStateError('setResult() on answer, which is already finished'));
    expect(future.cancel()).toBe(false);
  });

  it('raises its error from result() and hands it out from exception()', () => {
    const future = new Future<number>({ loop: new Loop() });
    const boom = new Error('boom');
    future.setException(boom);
    expect(() => future.result()).toThrow(boom);
    expect(future.exception()).toBe(boom);
    expect(() => future.setException(boom)).toThrow(InvalidStateError);
  });

  it('once cancelled, raises CancelledError carrying the message', () => {
    const future = new Future<number>({ loop: new Loop() });
    expect(future.cancel('stop')).toBe(true);
    expect(future.cancel('again')).toBe(false);
    expect(future.cancelled()).toBe(true);
    expect(future.cancelMessage()).toBe('stop');
    expect(() => future.result()).toThrow(new CancelledError('stop'));
    expect(() => future.exception()).toThrow(new CancelledError('stop'));
  });

  it('queues done callbacks with the loop, in the order added, never inside the call that completes it', () => {
    const loop = new Loop();
    const future = new Future<string>({ loop });
    const calls: string[] = [];
    const second = () => calls.push('second');
    future.addDoneCallback((done) => calls.push(`first saw ${done.result()}`));
    future.addDoneCallback(second);
    future.addDoneCallback(second);
    future.addDoneCallback(() => calls.push('third'));
    expect(future.removeDoneCallback(second)).toBe(2);
    future.setResult('x');
    expect(calls).toEqual([]);
    loop.runUntilStopped();
    expect(calls).toEqual(['first saw x', 'third']);
    future.addDoneCallback(() => calls.push('added when done'));
    expect(calls).toHaveLength(2);
    loop.runUntilStopped();
    expect(calls).toEqual(['first saw x', 'third', 'added when done']);
  });

  it('is awaited with yield*, which returns the result once it is set', () => {
    function* main() {
      const future = new Future<number>({ description: 'answer' });
      getRunningLoop().callLater(100, () => future.setResult(42));
      const answer: number = yield* future;
      return [answer, getRunningLoop().time()];
    }
    expect(run(main())).toEqual([42, 100]);
  });

  it('already done is awaited without suspending', () => {
    const order: string[] = [];
    function* other() {
      order.push('other ran');
    }
    function* main() {
      const future = new Future<number>();
      future.setResult(1);
      createTask(other());
      const value = yield* future;
      order.push(`main got ${value} without yielding`);
      yield* sleep(0);
    }
    run(main());
    expect(order).toEqual(['main got 1 without yielding', 'other ran']);
  });
});
