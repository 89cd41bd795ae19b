import { describe, expect, it } from 'vitest';
import { CancelledError, currentTask, getRunningLoop, run, sleep } from '../../src/index.js';
import { taskGroup, Timeout, timeout, timeoutAt, TimeoutError } from '../../src/combinators/index.js';
import { expectCPython, js, traceOf, type Tracer } from './trace.js';
import { renderError } from '../../src/scenario/render.js';

/** sleep as an Operation, for a body that only sleeps. */
function* nap(delayMs: number) {
  yield* sleep(delayMs);
}

describe('timeout', () => {
  it('cancels the body when the deadline passes and raises TimeoutError, caused by the CancelledError', async () => {
    const expected = [
      '0 main start',
      '50 main caught CancelledError',
      '50 main caught TimeoutError',
      '50 main cancelling -> 0',
      '50 main exit return null',
      '50 - run -> return null',
    ];
    let thrown: unknown;
    const trace = traceOf(function* (t) {
      try {
        yield* timeout(50, function* () {
          try {
            yield* sleep(100);
            t.emit('log not reached');
          } catch (error) {
            t.emit(`caught ${renderError(error)}`);
            throw error;
          }
        });
      } catch (error) {
        thrown = error;
        t.emit(`caught ${renderError(error)}`);
      }
      t.emit(`cancelling -> ${currentTask().cancelling()}`);
    });
    expect(trace).toEqual(expected);
    expect(thrown).toBeInstanceOf(TimeoutError);
    expect((thrown as TimeoutError).cause).toBeInstanceOf(CancelledError);
    await expectCPython(
      {
        defs: {
          main: [
            [
              'try',
              [['timeout', 50, [['try', [['sleep', 100], ['log', 'not reached']], [['CancelledError', [['reraise']]]]]]]],
              [['TimeoutError', []]],
            ],
            ['cancelling'],
          ],
        },
      },
      expected,
    );
  });

  it('a body that swallows the CancelledError ends normally, and the cancel request is withdrawn', async () => {
    const expected = [
      '0 main start',
      '50 main caught CancelledError',
      '50 main log swallowed',
      '50 main cancelling -> 0',
      '60 main log after',
      '60 main exit return null',
      '60 - run -> return null',
    ];
    const expired: boolean[] = [];
    const trace = traceOf(function* (t) {
      yield* timeout(50, function* (scope) {
        expired.push(scope.expired());
        try {
          yield* sleep(100);
        } catch (error) {
          t.emit(`caught ${renderError(error)}`);
          t.emit('log swallowed');
        }
        expired.push(scope.expired());
      });
      t.emit(`cancelling -> ${currentTask().cancelling()}`);
      yield* sleep(10);
      t.emit('log after');
    });
    expect(trace).toEqual(expected);
    expect(expired).toEqual([false, true]);
    await expectCPython(
      {
        defs: {
          main: [
            ['timeout', 50, [['try', [['sleep', 100]], [['CancelledError', [['log', 'swallowed']]]]]]],
            ['cancelling'],
            ['sleep', 10],
            ['log', 'after'],
          ],
        },
      },
      expected,
    );
  });

  it('of nested timeouts, the inner one that expires converts, and the outer one runs on', async () => {
    const expected = [
      '0 main start',
      '50 main caught TimeoutError',
      '50 main cancelling -> 0',
      '100 main caught TimeoutError',
      '100 main exit return null',
      '100 - run -> return null',
    ];
    const trace = traceOf(function* (t) {
      try {
        yield* timeout(100, function* () {
          try {
            yield* timeout(50, () => nap(200));
          } catch (error) {
            t.emit(`caught ${renderError(error)}`);
          }
          t.emit(`cancelling -> ${currentTask().cancelling()}`);
          yield* sleep(200);
        });
      } catch (error) {
        t.emit(`caught ${renderError(error)}`);
      }
    });
    expect(trace).toEqual(expected);
    await expectCPython(
      {
        defs: {
          main: [
            [
              'try',
              [
                [
                  'timeout',
                  100,
                  [['try', [['timeout', 50, [['sleep', 200]]]], [['TimeoutError', []]]], ['cancelling'], ['sleep', 200]],
                ],
              ],
              [['TimeoutError', []]],
            ],
          ],
        },
      },
      expected,
    );
  });

  it('when the outer deadline passes first, the inner timeout lets the CancelledError through and the outer converts it', async () => {
    const expected = ['0 main start', '50 main caught TimeoutError', '50 main exit return null', '50 - run -> return null'];
    const trace = traceOf(function* (t) {
      try {
        yield* timeout(50, function* () {
          yield* timeout(100, () => nap(200));
        });
      } catch (error) {
        t.emit(`caught ${renderError(error)}`);
      }
    });
    expect(trace).toEqual(expected);
    await expectCPython(
      { defs: { main: [['try', [['timeout', 50, [['timeout', 100, [['sleep', 200]]]]]], [['TimeoutError', []]]]] } },
      expected,
    );
  });

  it('when both deadlines pass at the same instant, only the outer timeout converts', async () => {
    const expected = [
      '0 main start',
      '50 main caught CancelledError',
      '50 main cancelling -> 1',
      '50 main caught TimeoutError',
      '50 main cancelling -> 0',
      '50 main exit return null',
      '50 - run -> return null',
    ];
    const trace = traceOf(function* (t) {
      try {
        yield* timeout(50, function* () {
          try {
            yield* timeout(50, () => nap(200));
          } catch (error) {
            t.emit(`caught ${renderError(error)}`);
            t.emit(`cancelling -> ${currentTask().cancelling()}`);
            throw error;
          }
        });
      } catch (error) {
        t.emit(`caught ${renderError(error)}`);
      }
      t.emit(`cancelling -> ${currentTask().cancelling()}`);
    });
    expect(trace).toEqual(expected);
    await expectCPython(
      {
        defs: {
          main: [
            [
              'try',
              [['timeout', 50, [['try', [['timeout', 50, [['sleep', 200]]]], [['CancelledError', [['cancelling'], ['reraise']]]]]]]],
              [['TimeoutError', []]],
            ],
            ['cancelling'],
          ],
        },
      },
      expected,
    );
  });

  it('a task also cancelled from outside at the deadline keeps its CancelledError', async () => {
    const expected = [
      '0 main start',
      '0 main spawn w',
      '0 w start',
      '50 main cancel w -> true',
      '50 w caught CancelledError',
      '50 w cancelling -> 1',
      '50 w exit return null',
      '50 main await w -> null',
      '50 main exit return null',
      '50 - run -> return null',
    ];
    const trace = traceOf(function* (t) {
      const w = t.spawn('w', function* () {
        try {
          yield* timeout(50, () => nap(100));
        } catch (error) {
          t.emit(`caught ${renderError(error)}`);
        }
        t.emit(`cancelling -> ${currentTask().cancelling()}`);
      });
      yield* sleep(50);
      t.cancel('w', w);
      t.emit(`await w -> ${js(yield* w)}`);
    });
    expect(trace).toEqual(expected);
    await expectCPython(
      {
        defs: {
          main: [['spawn', 'w', 'w'], ['sleep', 50], ['cancel', 'w'], ['await', 'w']],
          w: [['try', [['timeout', 50, [['sleep', 100]]]], [['*', []]]], ['cancelling']],
        },
      },
      expected,
    );
  });

  it('compares with the cancel requests the task had on entry', async () => {
    const expected = [
      '0 main start',
      '0 main cancel self -> true',
      '0 main caught CancelledError',
      '0 main cancelling -> 1',
      '50 main caught TimeoutError',
      '50 main cancelling -> 1',
      '50 main exit return null',
      '50 - run -> return null',
    ];
    const trace = traceOf(function* (t) {
      t.cancel('self', currentTask());
      try {
        yield* sleep(0);
      } catch (error) {
        t.emit(`caught ${renderError(error)}`);
      }
      t.emit(`cancelling -> ${currentTask().cancelling()}`);
      try {
        yield* timeout(50, () => nap(100));
      } catch (error) {
        t.emit(`caught ${renderError(error)}`);
      }
      t.emit(`cancelling -> ${currentTask().cancelling()}`);
    });
    expect(trace).toEqual(expected);
    await expectCPython(
      {
        defs: {
          main: [
            ['cancel', 'self'],
            ['try', [['sleep', 0]], [['CancelledError', []]]],
            ['cancelling'],
            ['try', [['timeout', 50, [['sleep', 100]]]], [['TimeoutError', []]]],
            ['cancelling'],
          ],
        },
      },
      expected,
    );
  });

  it('a timeout of 0 expires in the next loop iteration, and a body that does not wait escapes it', async () => {
    const expected = [
      '0 main start',
      '0 main log quick',
      '0 main caught TimeoutError',
      '0 main exit return null',
      '0 - run -> return null',
    ];
    const trace = traceOf(function* (t) {
      yield* timeout(0, function* () {
        t.emit('log quick');
      });
      try {
        yield* timeout(0, () => nap(0));
      } catch (error) {
        t.emit(`caught ${renderError(error)}`);
      }
    });
    expect(trace).toEqual(expected);
    await expectCPython(
      {
        defs: {
          main: [
            ['timeout', 0, [['log', 'quick']]],
            ['try', [['timeout', 0, [['sleep', 0]]]], [['TimeoutError', []]]],
          ],
        },
      },
      expected,
    );
  });

  it('a deadline over a TaskGroup cancels the body, the group cancels its children, and TimeoutError comes out', async () => {
    const expected = [
      '0 main start',
      '0 main spawn a',
      '0 a start',
      '50 main caught CancelledError',
      '50 a caught CancelledError',
      '50 a exit raise CancelledError',
      '50 main caught TimeoutError',
      '50 main cancelling -> 0',
      '50 main exit return null',
      '50 - run -> return null',
    ];
    const sleeper = (t: Tracer) =>
      function* () {
        try {
          yield* sleep(100);
        } catch (error) {
          t.emit(`caught ${renderError(error)}`);
          throw error;
        }
      };
    const trace = traceOf(function* (t) {
      try {
        yield* timeout(50, function* () {
          yield* taskGroup(function* (group) {
            group.createTask(t.def(sleeper(t)), { name: 'a' });
            t.emit('spawn a');
            yield* sleeper(t)();
          });
        });
      } catch (error) {
        t.emit(`caught ${renderError(error)}`);
      }
      t.emit(`cancelling -> ${currentTask().cancelling()}`);
    });
    expect(trace).toEqual(expected);
    const sleeperOps = [['try', [['sleep', 100]], [['CancelledError', [['reraise']]]]]];
    await expectCPython(
      {
        defs: {
          main: [
            ['try', [['timeout', 50, [['group', [['spawn', 'a', 'a'], ...sleeperOps]]]]], [['TimeoutError', []]]],
            ['cancelling'],
          ],
          a: sleeperOps,
        },
      },
      expected,
    );
  });

  it('null means no deadline', () => {
    const when = run(
      (function* () {
        return yield* timeout(null, function* (scope) {
          yield* sleep(1_000_000);
          return [scope.when(), scope.expired(), getRunningLoop().time()];
        });
      })(),
    );
    expect(when).toEqual([null, false, 1_000_000]);
  });

  it('reschedule moves the deadline, later, earlier or away', () => {
    const log = run(
      (function* () {
        const log: string[] = [];
        const loop = getRunningLoop();
        try {
          yield* timeout(50, function* (scope) {
            yield* sleep(30);
            scope.reschedule((scope.when() as number) + 50); // now due at 100
            yield* sleep(60);
            log.push(`${loop.time()} still running, deadline ${scope.when()}`);
            yield* sleep(100);
          });
        } catch (error) {
          log.push(`${loop.time()} ${renderError(error)}`);
        }
        yield* timeout(50, function* (scope) {
          scope.reschedule(null);
          yield* sleep(100);
          log.push(`${loop.time()} no deadline`);
        });
        try {
          yield* timeout(50, function* (scope) {
            scope.reschedule(loop.time() - 1); // already past: fires in the next iteration
            yield* sleep(0);
            log.push('not reached');
          });
        } catch (error) {
          log.push(`${loop.time()} ${renderError(error)} at once`);
        }
        return log;
      })(),
    );
    expect(log).toEqual(['90 still running, deadline 100', '100 TimeoutError', '200 no deadline', '200 TimeoutError at once']);
  });

  it('refuses to reschedule before entry or after expiry, and to be entered twice', () => {
    const errors = run(
      (function* () {
        const errors: string[] = [];
        const note = (action: () => void): void => {
          try {
            action();
          } catch (error) {
            errors.push(`${(error as Error).name}: ${(error as Error).message}`);
          }
        };
        const scope = new Timeout(null);
        note(() => scope.reschedule(10));
        let kept: Timeout | null = null;
        try {
          yield* timeoutAt(getRunningLoop().time() + 10, function* (inner) {
            kept = inner;
            try {
              yield* sleep(20);
            } finally {
              note(() => inner.reschedule(100));
            }
          });
        } catch (error) {
          errors.push(renderError(error));
        }
        note(() => kept!.reschedule(100));
        note(() => kept!.enter());
        expect(kept!.state).toBe('expired');
        return errors;
      })(),
    );
    expect(errors).toEqual([
      'RuntimeError: Timeout has not been entered',
      'RuntimeError: Cannot change state of expiring Timeout',
      'TimeoutError',
      'RuntimeError: Cannot change state of expired Timeout',
      'RuntimeError: Timeout has already been entered',
    ]);
  });
});
