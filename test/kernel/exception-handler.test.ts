// The loop's exception handler, as asyncio's (base_events.call_exception_handler,
// events.Handle._run, futures.Future.__del__). The orders and messages pinned
// here were checked against CPython 3.14.2 (pyodide) on a virtual-clock
// BaseEventLoop: a callback's error is logged and the loop goes on, the
// pending tasks' finally blocks run in asyncio.run's clean-up, and an
// exception nobody retrieved is logged as "Task exception was never retrieved".
import { describe, expect, it } from 'vitest';
import {
  CallbackError,
  DeadlockError,
  Future,
  Loop,
  RuntimeError,
  StepBudgetError,
  createTask,
  getRunningLoop,
  run,
  sleep,
  type ExceptionContext,
} from '../../src/index.js';

/** A run's error log as one line per report, stack frames left out. */
function reportsOf(): { reports: string[]; errorLog: (text: string) => void } {
  const reports: string[] = [];
  const errorLog = (text: string): void => void reports.push(text.split('\n').filter((line) => !line.startsWith('    at ')).join(' | '));
  return { reports, errorLog };
}

function boom(): void {
  throw new Error('boom');
}

/** A task asleep when main ends: its finally runs in run()'s clean-up. */
function* worker(reports: string[]) {
  try {
    yield* sleep(100);
  } finally {
    reports.push('worker finally');
  }
}

describe('the exception handler', () => {
  it('reports a callback error and goes on; the pending tasks still clean up, as asyncio', () => {
    const { reports, errorLog } = reportsOf();
    function* main() {
      const loop = getRunningLoop();
      createTask(worker(reports), { name: 'w' });
      loop.callSoon(boom);
      loop.callLater(1, boom);
      const future = new Future<number>();
      future.addDoneCallback(function onThree() {
        throw new RangeError('three');
      });
      future.setResult(3);
      yield* sleep(2);
      reports.push(`main goes on at ${loop.time()}`);
      return 'done';
    }
    expect(run(main(), { errorLog })).toBe('done');
    expect(reports).toEqual([
      'Exception in callback boom() | handle: <Handle boom()> | Error: boom',
      'Exception in callback onThree(Future) | callback: function onThree | future: Future | RangeError: three',
      'Exception in callback boom() | handle: <TimerHandle when=1 boom()> | Error: boom',
      'main goes on at 2',
      'worker finally',
    ]);
  });

  it('hands the context to the handler set, which getExceptionHandler returns; null restores the default', () => {
    const contexts: ExceptionContext[] = [];
    const { reports, errorLog } = reportsOf();
    function* main() {
      const loop = getRunningLoop();
      expect(loop.getExceptionHandler()).toBeNull();
      const handler = (seenBy: Loop, context: ExceptionContext): void => {
        expect(seenBy).toBe(loop);
        contexts.push(context);
      };
      loop.setExceptionHandler(handler);
      expect(loop.getExceptionHandler()).toBe(handler);
      const handle = loop.callSoon(boom);
      yield* sleep(0);
      expect(contexts).toEqual([{ message: 'Exception in callback boom()', exception: new Error('boom'), handle }]);
      loop.setExceptionHandler(null);
      loop.callSoon(boom);
      yield* sleep(0);
    }
    run(main(), { errorLog });
    expect([contexts.length, reports]).toEqual([1, ['Exception in callback boom() | handle: <Handle boom()> | Error: boom']]);
  });

  it('refuses a handler that is not a function, as CPython', () => {
    expect(() => new Loop().setExceptionHandler(3 as never)).toThrow(new TypeError('setExceptionHandler(): a function or null was expected, got 3'));
  });

  it('reports an error thrown by the handler itself with the default handler, and goes on', () => {
    const { reports, errorLog } = reportsOf();
    function* main() {
      const loop = getRunningLoop();
      loop.setExceptionHandler(() => {
        throw new Error('handler broke');
      });
      loop.callExceptionHandler({ message: 'lost a reply' });
      return 'on';
    }
    expect(run(main(), { errorLog })).toBe('on');
    expect(reports).toEqual(['Unhandled error in exception handler | context: "lost a reply" | Error: handler broke']);
  });

  it('lets a handler defer to the default one', () => {
    const { reports, errorLog } = reportsOf();
    function* main() {
      const loop = getRunningLoop();
      loop.setExceptionHandler((self, context) => self.defaultExceptionHandler({ ...context, message: `seen: ${context.message}` }));
      loop.callSoon(boom);
      yield* sleep(0);
    }
    run(main(), { errorLog });
    expect(reports).toEqual(['seen: Exception in callback boom() | handle: <Handle boom()> | Error: boom']);
  });

  it('still ends the run at a spent step budget, even from a callback', () => {
    function* main() {
      getRunningLoop().callSoon(() => {
        throw new StepBudgetError('spent');
      });
      yield* sleep(10);
    }
    expect(() => run(main())).toThrow(new StepBudgetError('spent'));
  });
});

describe('strict runs', () => {
  it('fail with CallbackError at the end, after the clean-up, without printing', () => {
    const { reports, errorLog } = reportsOf();
    function* main() {
      createTask(worker(reports));
      getRunningLoop().callSoon(boom);
      getRunningLoop().callLater(1, boom);
      yield* sleep(2);
      return 'done';
    }
    let error: unknown;
    try {
      run(main(), { strict: true, errorLog });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(CallbackError);
    const callbackError = error as CallbackError;
    expect(callbackError.message).toBe('2 callbacks raised during the run (strict): Exception in callback boom(): Error: boom (and 1 more)');
    expect([callbackError.count, callbackError.contexts.length, callbackError.cause]).toEqual([2, 2, new Error('boom')]);
    expect(reports).toEqual(['worker finally']);
  });

  it('still call a handler the program set', () => {
    const seen: string[] = [];
    function* main() {
      getRunningLoop().setExceptionHandler((_loop, context) => seen.push(context.message));
      getRunningLoop().callSoon(boom);
      yield* sleep(0);
    }
    expect(() => run(main(), { strict: true })).toThrow(CallbackError);
    expect(seen).toEqual(['Exception in callback boom()']);
  });

  it('keep a deadlock as a deadlock', () => {
    function* main() {
      getRunningLoop().callSoon(boom);
      yield* new Future<void>({ description: 'never' });
    }
    expect(() => run(main(), { strict: true, errorLog: () => {} })).toThrow(DeadlockError);
  });

  it('pass when no callback raised', () => {
    function* main() {
      getRunningLoop().callSoon(() => undefined);
      yield* sleep(1);
      return 7;
    }
    expect(run(main(), { strict: true })).toBe(7);
  });
});

describe('exceptions never retrieved', () => {
  it('are reported when the run ends, by task name, as "Task exception was never retrieved"', () => {
    const { reports, errorLog } = reportsOf();
    function* failing(): Generator<never, void> {
      throw new Error('nobody awaits me');
    }
    function* retrieved(): Generator<never, void> {
      throw new Error('awaited');
    }
    function* main() {
      const orphan = createTask(failing(), { name: 'orphan' });
      const awaited = createTask(retrieved(), { name: 'awaited' });
      const future = new Future<void>({ description: 'the reply' });
      future.setException(new RangeError('lost'));
      yield* sleep(1);
      try {
        yield* awaited;
      } catch {
        // retrieved: not reported
      }
      return orphan;
    }
    const orphan = run(main(), { errorLog });
    // In the order the errors were set.
    expect(reports).toEqual([
      'Future exception was never retrieved | future: the reply | RangeError: lost',
      "Task exception was never retrieved | future: Task 'orphan' | Error: nobody awaits me",
    ]);
    // The report leaves the task as it was.
    expect(orphan.hasUnretrievedError()).toBe(true);
  });

  it('reach the handler set, with the future in the context', () => {
    const contexts: ExceptionContext[] = [];
    function* failing(): Generator<never, void> {
      throw new Error('x');
    }
    function* main() {
      getRunningLoop().setExceptionHandler((_loop, context) => contexts.push(context));
      const task = createTask(failing(), { name: 'f' });
      yield* sleep(0);
      return task;
    }
    const task = run(main());
    // Fields one by one: a deep equality would iterate the task, which awaits it.
    expect(contexts.map((context) => [Object.keys(context), context.message, context.exception, context.future === task])).toEqual([
      [['message', 'exception', 'future'], 'Task exception was never retrieved', new Error('x'), true],
    ]);
  });
});

describe('a closed loop', () => {
  it('is what run() leaves: its futures and the loop refuse to schedule, "Event loop is closed"', () => {
    let loop: Loop | undefined;
    let pending: Future<number> | undefined;
    let done: Future<number> | undefined;
    function* main() {
      loop = getRunningLoop();
      pending = new Future<number>({ description: 'pending' });
      pending.addDoneCallback(() => undefined);
      done = new Future<number>({ description: 'done' });
      done.setResult(1);
    }
    run(main());
    expect(loop!.isClosed()).toBe(true);
    const closed = (api: string): RuntimeError => new RuntimeError(`${api}: Event loop is closed (run() closes its loop when it returns)`);
    expect(() => loop!.callSoon(() => undefined)).toThrow(closed('callSoon()'));
    expect(() => loop!.callLater(1, () => undefined)).toThrow(closed('callAt()'));
    expect(() => done!.addDoneCallback(() => undefined)).toThrow(closed('addDoneCallback() on done'));
    expect(() => pending!.setResult(2)).toThrow(closed('setResult() on pending'));
    expect(() => loop!.runUntilIdle()).toThrow(closed('runUntilStopped()'));
  });

  it('refuses to close while running, and closing twice does nothing', () => {
    function* main() {
      expect(() => getRunningLoop().close()).toThrow(new RuntimeError('Cannot close a running event loop'));
    }
    run(main());
    const loop = new Loop();
    loop.close();
    loop.close();
    expect(loop.isClosed()).toBe(true);
  });
});
