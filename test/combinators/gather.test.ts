import { describe, expect, expectTypeOf, it } from 'vitest';
import { createTask, currentTask, Future, run, sleep, type Operation, type Task } from '../../src/index.js';
import { gather, GatheringFuture } from '../../src/combinators/index.js';
import { expectCPython, js, status, traceOf, type Tracer } from './trace.js';
import { renderError } from '../../src/scenario/render.js';
import { ApplicationError } from '../../src/scenario/application-error.js';

/** ["gather", [vars], returnExceptions], rendered as the scenario format does. */
function* gatherOp(t: Tracer, futures: Future<unknown>[], returnExceptions: boolean): Operation<void> {
  const items = yield* gather(futures, { returnExceptions });
  const shown = items.map((item) => (item instanceof Error ? `error ${renderError(item)}` : js(item)));
  t.emit(`gather -> [${shown.join(',')}]`);
}

function sleeper(t: Tracer, delayMs: number, value: unknown) {
  return function* () {
    try {
      yield* sleep(delayMs);
    } catch (error) {
      t.emit(`caught ${renderError(error)}`);
      throw error;
    }
    return value;
  };
}

const sleeperOps = (delayMs: number, value: unknown) => [
  ['try', [['sleep', delayMs]], [['CancelledError', [['reraise']]]]],
  ['return', value],
];

describe('gather', () => {
  it('gives the results in the order given, not the order they finished', async () => {
    const expected = [
      '0 main start',
      '0 main spawn a',
      '0 main spawn b',
      '0 a start',
      '0 b start',
      '10 b exit return "b"',
      '20 a exit return "a"',
      '20 main gather -> ["a","b","a"]',
      '20 main exit return null',
      '20 - run -> return null',
    ];
    const trace = traceOf(function* (t) {
      const a = t.spawn('a', sleeper(t, 20, 'a'));
      const b = t.spawn('b', sleeper(t, 10, 'b'));
      yield* gatherOp(t, [a, b, a], false);
    });
    expect(trace).toEqual(expected);
    await expectCPython(
      {
        defs: {
          main: [['spawn', 'a', 'a'], ['spawn', 'b', 'b'], ['gather', ['a', 'b', 'a'], false]],
          a: sleeperOps(20, 'a'),
          b: sleeperOps(10, 'b'),
        },
      },
      expected,
    );
  });

  it('without returnExceptions fails with the first error while the others keep running', async () => {
    const expected = [
      '0 main start',
      '0 main spawn a',
      '0 main spawn b',
      '0 a start',
      '0 b start',
      '10 a exit raise Boom',
      '10 main caught Boom',
      '10 main status b -> pending',
      '30 b exit return "b"',
      '30 main await b -> "b"',
      '30 main exit return null',
      '30 - run -> return null',
    ];
    const trace = traceOf(function* (t) {
      const a = t.spawn('a', function* () {
        yield* sleep(10);
        throw new ApplicationError('Boom');
      });
      const b = t.spawn('b', sleeper(t, 30, 'b'));
      try {
        yield* gatherOp(t, [a, b], false);
      } catch (error) {
        t.emit(`caught ${renderError(error)}`);
      }
      t.emit(`status b -> ${status(b)}`);
      t.emit(`await b -> ${js(yield* b)}`);
    });
    expect(trace).toEqual(expected);
    await expectCPython(
      {
        defs: {
          main: [
            ['spawn', 'a', 'a'],
            ['spawn', 'b', 'b'],
            ['try', [['gather', ['a', 'b'], false]], [['Exception', []]]],
            ['status', 'b'],
            ['await', 'b'],
          ],
          a: [['sleep', 10], ['raise', 'Boom']],
          b: sleeperOps(30, 'b'),
        },
      },
      expected,
    );
  });

  it('with returnExceptions collects errors, and a new CancelledError for a cancelled child', async () => {
    // b ends by raising the CancelledError its self-cancel threw in: as in
    // CPython the task keeps no cancel message then, so gather's
    // CancelledError has none, while awaiting b gets the original error.
    const expected = [
      '0 main start',
      '0 main spawn a',
      '0 main spawn b',
      '0 main spawn c',
      '0 main spawn d',
      '0 a start',
      '0 b start',
      '0 b cancel self -> true',
      '0 c start',
      '0 d start',
      '0 d cancel self -> true',
      '0 d exit return null',
      '0 b exit raise CancelledError(bye)',
      '10 a exit raise Boom',
      '20 c exit return 3',
      '20 main gather -> [error Boom,error CancelledError,3,error CancelledError(later)]',
      '20 main caught CancelledError(bye)',
      '20 main exit return null',
      '20 - run -> return null',
    ];
    const trace = traceOf(function* (t) {
      const a = t.spawn('a', function* () {
        yield* sleep(10);
        throw new ApplicationError('Boom');
      });
      const b = t.spawn('b', function* () {
        t.cancel('self', currentTask(), 'bye');
        yield* sleep(5);
      });
      const c = t.spawn('c', sleeper(t, 20, 3));
      // A task that cancels itself and returns keeps its message.
      const d = t.spawn('d', function* () {
        t.cancel('self', currentTask(), 'later');
      });
      yield* gatherOp(t, [a, b, c, d], true);
      try {
        yield* b;
      } catch (error) {
        t.emit(`caught ${renderError(error)}`);
      }
    });
    expect(trace).toEqual(expected);
    await expectCPython(
      {
        defs: {
          main: [
            ['spawn', 'a', 'a'],
            ['spawn', 'b', 'b'],
            ['spawn', 'c', 'c'],
            ['spawn', 'd', 'd'],
            ['gather', ['a', 'b', 'c', 'd'], true],
            ['try', [['await', 'b']], [['CancelledError', []]]],
          ],
          a: [['sleep', 10], ['raise', 'Boom']],
          b: [['cancel', 'self', 'bye'], ['sleep', 5]],
          c: sleeperOps(20, 3),
          d: [['cancel', 'self', 'later']],
        },
      },
      expected,
    );
  });

  it('without returnExceptions a cancelled child fails the gather with its CancelledError, the others run on', async () => {
    const expected = [
      '0 main start',
      '0 main spawn a',
      '0 main spawn b',
      '0 main spawn k',
      '0 a start',
      '0 b start',
      '0 k start',
      '5 k cancel a -> true',
      '5 k exit return null',
      '5 a caught CancelledError(no)',
      '5 a exit raise CancelledError(no)',
      '5 main caught CancelledError(no)',
      '5 main status b -> pending',
      '5 main cancelling -> 0',
      '5 main exit return null',
      // b is still pending when main returns: the clean-up of run() cancels it.
      '5 b caught CancelledError',
      '5 b exit raise CancelledError',
      '5 - run -> return null',
    ];
    const trace = traceOf(function* (t) {
      const a = t.spawn('a', sleeper(t, 20, 'a'));
      const b = t.spawn('b', sleeper(t, 20, 'b'));
      t.spawn('k', function* () {
        yield* sleep(5);
        t.cancel('a', a, 'no');
      });
      try {
        yield* gatherOp(t, [a, b], false);
      } catch (error) {
        t.emit(`caught ${renderError(error)}`);
      }
      t.emit(`status b -> ${status(b)}`);
      t.emit(`cancelling -> ${currentTask().cancelling()}`);
    });
    expect(trace).toEqual(expected);
    await expectCPython(
      {
        defs: {
          main: [
            ['spawn', 'a', 'a'],
            ['spawn', 'b', 'b'],
            ['spawn', 'k', 'k'],
            ['try', [['gather', ['a', 'b'], false]], [['CancelledError', []]]],
            ['status', 'b'],
            ['cancelling'],
          ],
          a: sleeperOps(20, 'a'),
          b: sleeperOps(20, 'b'),
          k: [['sleep', 5], ['cancel', 'a', 'no']],
        },
      },
      expected,
    );
  });

  for (const returnExceptions of [false, true]) {
    it(`cancelling the gather cancels the children, and the awaiter gets a CancelledError (returnExceptions ${returnExceptions})`, async () => {
      const expected = [
        '0 main start',
        '0 main spawn a',
        '0 main spawn b',
        '0 main spawn w',
        '0 a start',
        '0 b start',
        '0 w start',
        '10 main cancel w -> true',
        '10 a caught CancelledError(stop)',
        '10 a exit raise CancelledError(stop)',
        '10 b caught CancelledError(stop)',
        '10 b exit raise CancelledError(stop)',
        '10 w exit raise CancelledError(stop)',
        '10 main caught CancelledError(stop)',
        '10 main status a -> cancelled',
        '10 main exit return null',
        '10 - run -> return null',
      ];
      const trace = traceOf(function* (t) {
        const a = t.spawn('a', sleeper(t, 100, 'a'));
        const b = t.spawn('b', sleeper(t, 100, 'b'));
        const w = t.spawn('w', () => gatherOp(t, [a, b], returnExceptions));
        yield* sleep(10);
        t.cancel('w', w, 'stop');
        try {
          yield* w;
        } catch (error) {
          t.emit(`caught ${renderError(error)}`);
        }
        t.emit(`status a -> ${status(a)}`);
      });
      expect(trace).toEqual(expected);
      await expectCPython(
        {
          defs: {
            main: [
              ['spawn', 'a', 'a'],
              ['spawn', 'b', 'b'],
              ['spawn', 'w', 'w'],
              ['sleep', 10],
              ['cancel', 'w', 'stop'],
              ['try', [['await', 'w']], [['CancelledError', []]]],
              ['status', 'a'],
            ],
            a: sleeperOps(100, 'a'),
            b: sleeperOps(100, 'b'),
            w: [['gather', ['a', 'b'], returnExceptions]],
          },
        },
        expected,
      );
    });
  }

  it('a cancelled gather whose children refuse to stop still ends with a CancelledError, made by the last child', () => {
    const outcome = run(
      (function* () {
        const stubborn = (value: string) =>
          createTask(
            (function* () {
              try {
                yield* sleep(100);
              } catch {
                return value;
              }
              return 'slept';
            })(),
          );
        const first = stubborn('first');
        const last = stubborn('last');
        yield* sleep(0);
        const all = gather([first, last], { returnExceptions: true });
        expect(all.cancel('stop')).toBe(true);
        expect(all.cancel('again')).toBe(true);
        try {
          yield* all;
        } catch (error) {
          return [all.cancelled(), renderError(error), first.result(), last.result()];
        }
        return [];
      })(),
    );
    // The gather is done with a CancelledError as its error, not cancelled
    // itself; the error comes from the last child, whose second cancel() left
    // its message behind.
    expect(outcome).toEqual([false, 'CancelledError(again)', 'first', 'last']);
  });

  it('is done already when every child is, and an empty gather gives []', () => {
    run(
      (function* () {
        const one = new Future<number>();
        one.setResult(1);
        const two = new Future<string>();
        two.setResult('two');
        const both = gather([one, two]);
        expect(both.done()).toBe(true);
        expect(both.result()).toEqual([1, 'two']);
        const none = gather([]);
        expect(none.result()).toEqual([]);
        expect(none.cancel()).toBe(false);
        expect(yield* both).toEqual([1, 'two']);
      })(),
    );
  });

  it('types its results position by position', () => {
    run(
      (function* () {
        const a = new Future<number>();
        const b = new Future<string>();
        a.setResult(1);
        b.setResult('b');
        const results = yield* gather([a, b]);
        expectTypeOf(results).toEqualTypeOf<[number, string]>();
        const outcomes = yield* gather([a, b], { returnExceptions: true });
        expectTypeOf(outcomes).toEqualTypeOf<[unknown, unknown]>();
        expectTypeOf(gather([a, b])).toEqualTypeOf<GatheringFuture<[number, string]>>();
        const tasks: Task<number>[] = [];
        expectTypeOf(gather(tasks)).toEqualTypeOf<GatheringFuture<number[]>>();
      })(),
    );
  });

  it('retrieves the errors of children that fail after the gather is done', () => {
    const late = run(
      (function* () {
        const early = new Future<number>();
        const late = new Future<number>();
        const all = gather([early, late]);
        early.setException(new ApplicationError('first'));
        try {
          yield* all;
        } catch {
          // expected
        }
        late.setException(new ApplicationError('second'));
        yield* sleep(0);
        return late;
      })(),
    );
    expect(late.hasUnretrievedError()).toBe(false);
  });
});
