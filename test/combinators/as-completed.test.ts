// The expected traces here were derived from asyncio's _AsCompletedIterator
// and asyncio.Queue, and checked once against CPython 3.14.2 (in pyodide, on
// the reference's virtual loop): as_completed has no scenario op, so there is
// no reference run in these tests.
import { describe, expect, it } from 'vitest';
import { createTask, currentTask, Future, getRunningLoop, run, sleep, type Task } from '../../src/index.js';
import { asCompleted, TimeoutError } from '../../src/combinators/index.js';
import { renderError } from '../../src/scenario/render.js';
import { ApplicationError } from '../../src/scenario/application-error.js';

function collect(main: (log: (...words: unknown[]) => void) => Generator<any, void, unknown>): string[] {
  const lines: string[] = [];
  const log = (...words: unknown[]): void => {
    lines.push(`${getRunningLoop().time()} ${currentTask().getName()} ${words.join(' ')}`);
  };
  run(main(log));
  return lines;
}

function work(log: (...words: unknown[]) => void, name: string, delayMs: number): Task<string> {
  return createTask(
    (function* () {
      yield* sleep(delayMs);
      log('exit');
      return name;
    })(),
    { name },
  );
}

/** Logs once per loop iteration from `startMs` on, to show how many iterations each wakeup takes. */
function ticker(log: (...words: unknown[]) => void, startMs: number, ticks: number): Task<void> {
  return createTask(
    (function* () {
      yield* sleep(startMs);
      for (let i = 0; i < ticks; i++) {
        log('tick', i);
        yield* sleep(0);
      }
    })(),
    { name: 'ticker' },
  );
}

describe('asCompleted', () => {
  it('gives results in the order the futures finish, two loop iterations after each', () => {
    const trace = collect(function* (log) {
      const a = work(log, 'a', 30);
      const b = work(log, 'b', 10);
      const c = work(log, 'c', 20);
      ticker(log, 10, 4);
      for (const next of asCompleted([a, b, c])) log('got', yield* next);
    });
    expect(trace).toEqual([
      '10 b exit',
      '10 ticker tick 0',
      '10 ticker tick 1',
      '10 main got b',
      '10 ticker tick 2',
      '10 ticker tick 3',
      '20 c exit',
      '20 main got c',
      '30 a exit',
      '30 main got a',
    ]);
  });

  it('after the timeout, each operation still to come throws TimeoutError', () => {
    const trace = collect(function* (log) {
      const a = work(log, 'a', 30);
      const b = work(log, 'b', 10);
      ticker(log, 15, 3);
      try {
        for (const next of asCompleted([a, b], { timeoutMs: 15 })) log('got', yield* next);
      } catch (error) {
        if (!(error instanceof TimeoutError)) throw error;
        log('timeout');
      }
      yield* a;
    });
    expect(trace).toEqual([
      '10 b exit',
      '10 main got b',
      '15 main timeout',
      '15 ticker tick 0',
      '15 ticker tick 1',
      '15 ticker tick 2',
      '30 a exit',
    ]);
  });

  it('nextDone gives the finished futures themselves; operations can be awaited in other tasks', () => {
    const trace = collect(function* (log) {
      const a = work(log, 'a', 10);
      const iterator = asCompleted([a]);
      const first = iterator.next();
      expect(first.done).toBe(false);
      expect(iterator.next().done).toBe(true);
      const g1 = createTask(
        (function* () {
          log('got', yield* first.value!);
        })(),
        { name: 'g1' },
      );
      yield* sleep(5);
      const futures = asCompleted([a]);
      for (let future = yield* futures.nextDone(); future !== undefined; future = yield* futures.nextDone()) {
        log('anext', (future as Task<string>).getName());
      }
      yield* g1;
    });
    expect(trace).toEqual(['10 a exit', '10 g1 got a', '10 main anext a']);
  });

  it('throws the error of a failed future, and gives futures already done first, in the order given', () => {
    const outcomes = run(
      (function* () {
        const loop = getRunningLoop();
        const late = new Future<string>();
        const failed = new Future<string>();
        const done = new Future<string>();
        const cancelled = new Future<string>();
        done.setResult('done');
        cancelled.cancel('gone');
        loop.callLater(10, () => late.setResult('late'));
        loop.callLater(5, () => failed.setException(new ApplicationError('Boom')));
        const outcomes: string[] = [];
        for (const next of asCompleted([late, failed, done, cancelled, done])) {
          try {
            const value = yield* next;
            outcomes.push(`${loop.time()} ${value}`);
          } catch (error) {
            outcomes.push(`${loop.time()} ${renderError(error)}`);
          }
        }
        return outcomes;
      })(),
    );
    expect(outcomes).toEqual(['0 done', '0 CancelledError(gone)', '5 Boom', '10 late']);
  });

  it('an empty list gives nothing and starts no timer', () => {
    const count = run(
      (function* () {
        return [...asCompleted([], { timeoutMs: 10 })].length;
      })(),
    );
    expect(count).toBe(0);
  });
});
