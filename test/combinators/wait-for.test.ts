import { describe, expect, it } from 'vitest';
import { CancelledError, createTask, currentTask, Future, getRunningLoop, run, sleep } from '../../src/index.js';
import { shield, TimeoutError, waitFor } from '../../src/combinators/index.js';
import { expectCPython, js, status, traceOf, type Tracer } from './trace.js';
import { renderError } from '../../src/scenario/render.js';

/** main's part of each scenario below: wait_for t n, catching TimeoutError, then t's status. */
function* waitForT(t: Tracer, task: Future<unknown>, timeoutMs: number) {
  try {
    t.emit(`wait_for t -> ${js(yield* waitFor(task, timeoutMs))}`);
  } catch (error) {
    t.emit(`caught ${renderError(error)}`);
  }
  t.emit(`cancelling -> ${currentTask().cancelling()}`);
}

const mainOps = (n: number) => [
  ['spawn', 't', 't'],
  ['try', [['wait_for', 't', n]], [['TimeoutError', []]]],
  ['cancelling'],
  ['status', 't'],
];

describe('waitFor', () => {
  it('returns the result when it comes in time', async () => {
    const expected = [
      '0 main start',
      '0 main spawn t',
      '0 t start',
      '50 t exit return "ok"',
      '50 main wait_for t -> "ok"',
      '50 main cancelling -> 0',
      '50 main status t -> result "ok"',
      '50 main exit return null',
      '50 - run -> return null',
    ];
    const trace = traceOf(function* (t) {
      const task = t.spawn('t', function* () {
        yield* sleep(50);
        return 'ok';
      });
      yield* waitForT(t, task, 100);
      t.emit(`status t -> ${status(task)}`);
    });
    expect(trace).toEqual(expected);
    await expectCPython({ defs: { main: mainOps(100), t: [['sleep', 50], ['return', 'ok']] } }, expected);
  });

  it('on timeout cancels the awaited task, waits for it to finish, then raises TimeoutError', async () => {
    const expected = [
      '0 main start',
      '0 main spawn t',
      '0 t start',
      '100 t caught CancelledError',
      '100 t log cleaning up',
      '110 t exit raise CancelledError',
      '110 main caught TimeoutError',
      '110 main cancelling -> 0',
      '110 main status t -> cancelled',
      '110 main exit return null',
      '110 - run -> return null',
    ];
    const trace = traceOf(function* (t) {
      const task = t.spawn('t', function* () {
        try {
          yield* sleep(200);
        } catch (error) {
          t.emit(`caught ${renderError(error)}`);
          t.emit('log cleaning up');
          yield* sleep(10);
          throw error;
        }
      });
      yield* waitForT(t, task, 100);
      t.emit(`status t -> ${status(task)}`);
    });
    expect(trace).toEqual(expected);
    await expectCPython(
      {
        defs: {
          main: mainOps(100),
          t: [['try', [['sleep', 200]], [['CancelledError', [['log', 'cleaning up'], ['sleep', 10], ['reraise']]]]]],
        },
      },
      expected,
    );
  });

  it('returns the value of a task that refuses the cancellation', async () => {
    const expected = [
      '0 main start',
      '0 main spawn t',
      '0 t start',
      '100 t caught CancelledError',
      '100 t exit return "late"',
      '100 main wait_for t -> "late"',
      '100 main cancelling -> 0',
      '100 main status t -> result "late"',
      '100 main exit return null',
      '100 - run -> return null',
    ];
    const trace = traceOf(function* (t) {
      const task = t.spawn('t', function* () {
        try {
          yield* sleep(200);
        } catch (error) {
          t.emit(`caught ${renderError(error)}`);
        }
        return 'late';
      });
      yield* waitForT(t, task, 100);
      t.emit(`status t -> ${status(task)}`);
    });
    expect(trace).toEqual(expected);
    await expectCPython(
      {
        defs: {
          main: mainOps(100),
          t: [['try', [['sleep', 200]], [['CancelledError', []]]], ['return', 'late']],
        },
      },
      expected,
    );
  });

  it('with a timeout of 0 cancels a pending task before it even starts', async () => {
    const expected = [
      '0 main start',
      '0 main spawn t',
      '0 main caught TimeoutError',
      '0 main cancelling -> 0',
      '0 main status t -> cancelled',
      '0 main exit return null',
      '0 - run -> return null',
    ];
    const trace = traceOf(function* (t) {
      const task = t.spawn('t', function* () {
        yield* sleep(10);
      });
      yield* waitForT(t, task, 0);
      t.emit(`status t -> ${status(task)}`);
    });
    expect(trace).toEqual(expected);
    await expectCPython({ defs: { main: mainOps(0), t: [['sleep', 10]] } }, expected);
  });

  it('cancelling the waiter cancels the awaited task and stays a CancelledError', async () => {
    const expected = [
      '0 main start',
      '0 main spawn w',
      '0 main spawn t',
      '0 w start',
      '0 t start',
      '10 main cancel w -> true',
      '10 t exit raise CancelledError',
      '10 w exit raise CancelledError',
      '10 main caught CancelledError',
      '10 main status t -> cancelled',
      '10 main exit return null',
      '10 - run -> return null',
    ];
    const trace = traceOf(function* (t) {
      let task: Future<unknown> | null = null;
      const w = t.spawn('w', function* () {
        t.emit(`wait_for t -> ${js(yield* waitFor(task as Future<unknown>, 100))}`);
      });
      task = t.spawn('t', function* () {
        yield* sleep(200);
      });
      yield* sleep(10);
      t.cancel('w', w);
      try {
        yield* w;
      } catch (error) {
        t.emit(`caught ${renderError(error)}`);
      }
      t.emit(`status t -> ${status(task as never)}`);
    });
    expect(trace).toEqual(expected);
    await expectCPython(
      {
        defs: {
          main: [
            ['spawn', 'w', 'w'],
            ['spawn', 't', 't'],
            ['sleep', 10],
            ['cancel', 'w'],
            ['try', [['await', 'w']], [['CancelledError', []]]],
            ['status', 't'],
          ],
          w: [['wait_for', 't', 100]],
          t: [['sleep', 200]],
        },
      },
      expected,
    );
  });

  it('with a timeout of 0 returns the outcome of a future already done, and no limit with null', () => {
    const values = run(
      (function* () {
        const done = new Future<number>();
        done.setResult(7);
        const slow = createTask(
          (function* () {
            return yield* sleep(5000, 'slow');
          })(),
        );
        return [yield* waitFor(done, 0), yield* waitFor(slow, null)];
      })(),
    );
    expect(values).toEqual([7, 'slow']);
  });

  it('a shielded task runs on past the timeout', () => {
    const outcome = run(
      (function* () {
        const loop = getRunningLoop();
        const task = createTask(
          (function* () {
            yield* sleep(100);
            return 'finished';
          })(),
        );
        const lines: string[] = [];
        try {
          yield* waitFor(shield(task), 10);
        } catch (error) {
          lines.push(`${loop.time()} ${renderError(error)}`);
        }
        const value = yield* task;
        lines.push(`${loop.time()} ${value}`);
        return lines;
      })(),
    );
    expect(outcome).toEqual(['10 TimeoutError', '100 finished']);
  });

  it('the TimeoutError of a timeout of 0 is caused by the CancelledError of the awaitable', () => {
    const error = run(
      (function* () {
        const pending = new Future<number>();
        try {
          yield* waitFor(pending, -1);
        } catch (caught) {
          return caught;
        }
      })(),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).cause).toBeInstanceOf(CancelledError);
  });
});
