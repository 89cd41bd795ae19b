import { describe, expect, it } from 'vitest';
import { currentTask, run, RuntimeError, sleep, type Operation, type Task } from '../../src/index.js';
import { ExceptionGroup, TaskGroup, taskGroup } from '../../src/combinators/index.js';
import { expectCPython, js, traceOf, type Tracer } from './trace.js';
import { renderError } from '../../src/scenario/render.js';
import { ApplicationError } from '../../src/scenario/application-error.js';

/** ["spawn", name, def] inside a group body. */
function spawnIn<T>(t: Tracer, group: TaskGroup, name: string, body: () => Operation<T>): Task<T> {
  const task = group.createTask(t.def(body), { name });
  t.emit(`spawn ${name}`);
  return task;
}

/** A def that sleeps `delayMs`, logging and re-raising a CancelledError. */
function sleeper(t: Tracer, delayMs: number, value: unknown = null) {
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

/** The scenario form of `sleeper`. */
const sleeperOps = (delayMs: number, value: unknown = null) => [
  ['try', [['sleep', delayMs]], [['CancelledError', [['reraise']]]]],
  ['return', value],
];

function failer(delayMs: number, name: string) {
  return function* () {
    yield* sleep(delayMs);
    throw new ApplicationError(name);
  };
}

describe('TaskGroup', () => {
  it('waits for every child to succeed', async () => {
    const expected = [
      '0 main start',
      '0 main spawn a',
      '0 main spawn b',
      '0 main log body done',
      '0 a start',
      '0 b start',
      '10 a exit return 1',
      '20 b exit return 2',
      '20 main log after',
      '20 main exit return null',
      '20 - run -> return null',
    ];
    const trace = traceOf(function* (t) {
      yield* taskGroup(function* (group) {
        spawnIn(t, group, 'a', sleeper(t, 10, 1));
        spawnIn(t, group, 'b', sleeper(t, 20, 2));
        t.emit('log body done');
      });
      t.emit('log after');
    });
    expect(trace).toEqual(expected);
    await expectCPython(
      {
        defs: {
          main: [['group', [['spawn', 'a', 'a'], ['spawn', 'b', 'b'], ['log', 'body done']]], ['log', 'after']],
          a: sleeperOps(10, 1),
          b: sleeperOps(20, 2),
        },
      },
      expected,
    );
  });

  it('a failing child cancels the others in creation order and the body, then raises an ExceptionGroup', async () => {
    const expected = [
      '0 main start',
      '0 main spawn c',
      '0 main spawn a',
      '0 main spawn b',
      '0 c start',
      '0 a start',
      '0 b start',
      '10 a exit raise Boom',
      '10 c caught CancelledError',
      '10 c exit raise CancelledError',
      '10 b caught CancelledError',
      '10 b exit raise CancelledError',
      '10 main caught CancelledError',
      '10 main caught ExceptionGroup[Boom]',
      '10 main cancelling -> 0',
      '10 main exit return null',
      '10 - run -> return null',
    ];
    let group: ExceptionGroup | null = null;
    const trace = traceOf(function* (t) {
      try {
        yield* taskGroup(function* (g) {
          spawnIn(t, g, 'c', sleeper(t, 100));
          spawnIn(t, g, 'a', failer(10, 'Boom'));
          spawnIn(t, g, 'b', sleeper(t, 100));
          yield* sleeper(t, 50)();
        });
      } catch (error) {
        group = error as ExceptionGroup;
        t.emit(`caught ${renderError(error)}`);
      }
      t.emit(`cancelling -> ${currentTask().cancelling()}`);
    });
    expect(trace).toEqual(expected);
    expect(group).toBeInstanceOf(ExceptionGroup);
    expect(group!.message).toBe('unhandled errors in a TaskGroup (1 sub-exception)');
    await expectCPython(
      {
        defs: {
          main: [
            [
              'try',
              [['group', [['spawn', 'c', 'c'], ['spawn', 'a', 'a'], ['spawn', 'b', 'b'], ...sleeperOps(50).slice(0, 1)]]],
              [['ExceptionGroup', []]],
            ],
            ['cancelling'],
          ],
          a: [['sleep', 10], ['raise', 'Boom']],
          b: sleeperOps(100),
          c: sleeperOps(100),
        },
      },
      expected,
    );
  });

  it('lists the children errors in the order they finished, then the body error', async () => {
    const expected = [
      '0 main start',
      '0 main spawn y',
      '0 main spawn x',
      '0 main spawn z',
      '0 y start',
      '0 x start',
      '0 z start',
      '10 x exit raise X',
      '10 y exit raise Y',
      '10 z caught CancelledError',
      '10 z exit raise CancelledError',
      '10 main caught CancelledError',
      '10 main caught ExceptionGroup[X,Y,Body]',
      '10 main exit return null',
      '10 - run -> return null',
    ];
    let message = '';
    const trace = traceOf(function* (t) {
      try {
        yield* taskGroup(function* (g) {
          spawnIn(t, g, 'y', function* () {
            // Finishes at the same instant as x, but its timer was scheduled later.
            yield* sleep(0);
            yield* sleep(10);
            throw new ApplicationError('Y');
          });
          spawnIn(t, g, 'x', failer(10, 'X'));
          spawnIn(t, g, 'z', sleeper(t, 100));
          try {
            yield* sleep(50);
          } catch (error) {
            t.emit(`caught ${renderError(error)}`);
            throw new ApplicationError('Body');
          }
        });
      } catch (error) {
        message = (error as Error).message;
        t.emit(`caught ${renderError(error)}`);
      }
    });
    expect(trace).toEqual(expected);
    expect(message).toBe('unhandled errors in a TaskGroup (3 sub-exceptions)');
    await expectCPython(
      {
        defs: {
          main: [
            [
              'try',
              [
                [
                  'group',
                  [
                    ['spawn', 'y', 'y'],
                    ['spawn', 'x', 'x'],
                    ['spawn', 'z', 'z'],
                    ['try', [['sleep', 50]], [['CancelledError', [['raise', 'Body']]]]],
                  ],
                ],
              ],
              [['ExceptionGroup', []]],
            ],
          ],
          y: [['sleep', 0], ['sleep', 10], ['raise', 'Y']],
          x: [['sleep', 10], ['raise', 'X']],
          z: sleeperOps(100),
        },
      },
      expected,
    );
  });

  it('a body that raises cancels the children and raises the ExceptionGroup of its error', async () => {
    const expected = [
      '0 main start',
      '0 main spawn a',
      '0 a start',
      '5 a caught CancelledError',
      '5 a exit raise CancelledError',
      '5 main caught ExceptionGroup[Oops]',
      '5 main exit return null',
      '5 - run -> return null',
    ];
    const trace = traceOf(function* (t) {
      try {
        yield* taskGroup(function* (g) {
          spawnIn(t, g, 'a', sleeper(t, 100));
          yield* sleep(5);
          throw new ApplicationError('Oops');
        });
      } catch (error) {
        t.emit(`caught ${renderError(error)}`);
      }
    });
    expect(trace).toEqual(expected);
    await expectCPython(
      {
        defs: {
          main: [['try', [['group', [['spawn', 'a', 'a'], ['sleep', 5], ['raise', 'Oops']]]], [['ExceptionGroup', []]]]],
          a: sleeperOps(100),
        },
      },
      expected,
    );
  });

  it('a cancellation from outside while the body runs propagates as CancelledError once the children are cancelled', async () => {
    const expected = [
      '0 main start',
      '0 main spawn w',
      '0 w start',
      '0 w spawn a',
      '0 a start',
      '10 main cancel w -> true',
      '10 w caught CancelledError(stop)',
      '10 a caught CancelledError',
      '10 a exit raise CancelledError',
      '10 w exit raise CancelledError(stop)',
      '10 main caught CancelledError(stop)',
      '10 main exit return null',
      '10 - run -> return null',
    ];
    const trace = traceOf(function* (t) {
      const w = t.spawn('w', function* () {
        yield* taskGroup(function* (g) {
          spawnIn(t, g, 'a', sleeper(t, 100));
          yield* sleeper(t, 100)();
        });
      });
      yield* sleep(10);
      t.cancel('w', w, 'stop');
      try {
        yield* w;
      } catch (error) {
        t.emit(`caught ${renderError(error)}`);
      }
    });
    expect(trace).toEqual(expected);
    await expectCPython(
      {
        defs: {
          main: [
            ['spawn', 'w', 'w'],
            ['sleep', 10],
            ['cancel', 'w', 'stop'],
            ['try', [['await', 'w']], [['CancelledError', []]]],
          ],
          w: [['group', [['spawn', 'a', 'a'], ...sleeperOps(100).slice(0, 1)]]],
          a: sleeperOps(100),
        },
      },
      expected,
    );
  });

  it('a cancellation from outside while the exit waits cancels the children and propagates', async () => {
    const expected = [
      '0 main start',
      '0 main spawn w',
      '0 w start',
      '0 w spawn a',
      '0 w spawn b',
      '0 a start',
      '0 b start',
      '10 main cancel w -> true',
      '10 a caught CancelledError',
      '10 a exit raise CancelledError',
      '10 b caught CancelledError',
      '10 b exit raise CancelledError',
      '10 w exit raise CancelledError(stop)',
      '10 main caught CancelledError(stop)',
      '10 main exit return null',
      '10 - run -> return null',
    ];
    const trace = traceOf(function* (t) {
      const w = t.spawn('w', function* () {
        yield* taskGroup(function* (g) {
          spawnIn(t, g, 'a', sleeper(t, 100));
          spawnIn(t, g, 'b', sleeper(t, 100));
        });
      });
      yield* sleep(10);
      t.cancel('w', w, 'stop');
      try {
        yield* w;
      } catch (error) {
        t.emit(`caught ${renderError(error)}`);
      }
    });
    expect(trace).toEqual(expected);
    await expectCPython(
      {
        defs: {
          main: [
            ['spawn', 'w', 'w'],
            ['sleep', 10],
            ['cancel', 'w', 'stop'],
            ['try', [['await', 'w']], [['CancelledError', []]]],
          ],
          w: [['group', [['spawn', 'a', 'a'], ['spawn', 'b', 'b']]]],
          a: sleeperOps(100),
          b: sleeperOps(100),
        },
      },
      expected,
    );
  });

  it('a child error wins over a cancellation from outside, which stays requested', async () => {
    const expected = [
      '0 main start',
      '0 main spawn w',
      '0 w start',
      '0 w spawn a',
      '0 w spawn b',
      '0 a start',
      '0 b start',
      '10 main cancel w -> true',
      '10 a caught CancelledError',
      '10 a exit raise Boom',
      '10 b caught CancelledError',
      '10 b exit raise CancelledError',
      '10 w caught ExceptionGroup[Boom]',
      '10 w cancelling -> 1',
      '10 w exit return null',
      '10 main caught CancelledError',
      '10 main exit return null',
      '10 - run -> return null',
    ];
    const trace = traceOf(function* (t) {
      const w = t.spawn('w', function* () {
        try {
          yield* taskGroup(function* (g) {
            spawnIn(t, g, 'a', function* () {
              try {
                yield* sleep(100);
              } catch (error) {
                t.emit(`caught ${renderError(error)}`);
              }
              throw new ApplicationError('Boom');
            });
            spawnIn(t, g, 'b', sleeper(t, 100));
          });
        } catch (error) {
          t.emit(`caught ${renderError(error)}`);
        }
        t.emit(`cancelling -> ${currentTask().cancelling()}`);
      });
      yield* sleep(10);
      t.cancel('w', w);
      try {
        t.emit(`await w -> ${js(yield* w)}`);
      } catch (error) {
        // The re-requested cancellation ends w cancelled as it returns.
        t.emit(`caught ${renderError(error)}`);
      }
    });
    expect(trace).toEqual(expected);
    await expectCPython(
      {
        defs: {
          main: [['spawn', 'w', 'w'], ['sleep', 10], ['cancel', 'w'], ['try', [['await', 'w']], [['CancelledError', []]]]],
          w: [
            ['try', [['group', [['spawn', 'a', 'a'], ['spawn', 'b', 'b']]]], [['ExceptionGroup', []]]],
            ['cancelling'],
          ],
          a: [['try', [['sleep', 100]], [['*', [['raise', 'Boom']]]]]],
          b: sleeperOps(100),
        },
      },
      expected,
    );
  });

  it('refuses new tasks before entry, while aborting and once finished, closing the generator', () => {
    const messages = run(
      (function* () {
        const messages: string[] = [];
        const refused = (group: TaskGroup): void => {
          let closed = true;
          const coro = (function* () {
            closed = false;
            yield* sleep(1);
          })();
          try {
            group.createTask(coro);
          } catch (error) {
            expect(error).toBeInstanceOf(RuntimeError);
            messages.push((error as Error).message);
          }
          // The generator was closed without ever running.
          expect(coro.next().done).toBe(true);
          expect(closed).toBe(true);
        };
        refused(new TaskGroup());
        let kept: TaskGroup | null = null;
        try {
          yield* taskGroup(function* (group) {
            kept = group;
            group.createTask(
              (function* () {
                throw new ApplicationError('Boom');
              })(),
            );
            try {
              yield* sleep(10);
            } finally {
              refused(group);
            }
          });
        } catch (error) {
          messages.push(renderError(error));
        }
        refused(kept!);
        return messages;
      })(),
    );
    expect(messages).toEqual([
      'TaskGroup <TaskGroup> has not been entered',
      'TaskGroup <TaskGroup errors=1 cancelling> is shutting down',
      'ExceptionGroup[Boom]',
      'TaskGroup <TaskGroup cancelling> is finished',
    ]);
  });

  it('returns what the body returns, and lets children start children while it waits', () => {
    const value = run(
      (function* () {
        const finished: string[] = [];
        const result = yield* taskGroup(function* (group) {
          group.createTask(
            (function* () {
              yield* sleep(10);
              group.createTask(
                (function* () {
                  yield* sleep(10);
                  finished.push('grandchild');
                })(),
              );
              finished.push('child');
            })(),
          );
          return 'body';
        });
        return [result, finished];
      })(),
    );
    expect(value).toEqual(['body', ['child', 'grandchild']]);
  });
});
