// The misuse catalogue, kernel part: each case of issue 19 (and the misuses
// found with them) is refused at the call that makes it, with the API's name
// in the message, or behaves as asyncio does. One test per case; each
// asserts the error's class and its exact message.
import { describe, expect, it } from 'vitest';
import {
  Future,
  Loop,
  RuntimeError,
  createTask,
  getRunningLoop,
  run,
  sleep,
  timeout,
  timeoutAt,
  waitFor,
  wait,
  asCompleted,
} from '../../src/index.js';
import { expectError, thrownBy } from './helpers.js';

const CLOSED = '(run() closes its loop when it returns)';

describe('issue 19, case 1: a callback that raises', () => {
  it('goes to the exception handler; the run goes on and the pending tasks clean up', () => {
    const events: string[] = [];
    function* sleeper() {
      try {
        yield* sleep(1000);
      } finally {
        events.push('sleeper finally');
      }
    }
    function* main() {
      createTask(sleeper());
      getRunningLoop().callSoon(function raises() {
        throw new Error('in a callback');
      });
      yield* sleep(1);
      events.push('main goes on');
    }
    run(main(), { errorLog: (text) => events.push(text.split('\n')[0]!) });
    expect(events).toEqual(['Exception in callback raises()', 'main goes on', 'sleeper finally']);
  });
});

describe('issue 19, case 2: a task that fails with nobody awaiting it', () => {
  it('is reported as "Task exception was never retrieved" with its name and error when the run ends', () => {
    const reports: string[] = [];
    function* main() {
      createTask(
        (function* (): Generator<never, void> {
          throw new TypeError('lost');
        })(),
        { name: 'forgotten' },
      );
      yield* sleep(1);
    }
    run(main(), { errorLog: (text) => reports.push(text.split('\n').slice(0, 3).join(' | ')) });
    expect(reports).toEqual(["Task exception was never retrieved | future: Task 'forgotten' | TypeError: lost"]);
  });
});

describe('issue 19, case 5: callbacks that could never run', () => {
  it('callSoon(null) is refused at the call', () => {
    expectError(() => new Loop().callSoon(null as never), TypeError, 'a callable object was expected by callSoon(), got null');
  });

  it('callLater(1, 42) is refused at the call', () => {
    expectError(() => new Loop().callLater(1, 42 as never), TypeError, 'a callable object was expected by callLater(), got 42');
  });

  it('callAt(5, "f") is refused at the call, the string quoted', () => {
    expectError(() => new Loop().callAt(5, 'f' as never), TypeError, 'a callable object was expected by callAt(), got "f"');
  });

  it('addDoneCallback of something else than a function is refused at the call', () => {
    expectError(() => new Future({ loop: new Loop() }).addDoneCallback({} as never), TypeError, 'addDoneCallback(): a function was expected, got {}');
  });
});

describe('issue 19, case 6: a future of a run that has ended', () => {
  function futuresOfAnEndedRun(): { done: Future<number>; pending: Future<number>; loop: Loop } {
    let futures: { done: Future<number>; pending: Future<number>; loop: Loop } | undefined;
    run(
      (function* () {
        const done = new Future<number>({ description: 'the reply' });
        done.setResult(1);
        const pending = new Future<number>({ description: 'the request' });
        pending.addDoneCallback(() => undefined);
        futures = { done, pending, loop: getRunningLoop() };
      })(),
    );
    return futures!;
  }

  it('refuses a done callback: it could never run', () => {
    const { done } = futuresOfAnEndedRun();
    expectError(() => done.addDoneCallback(() => undefined), RuntimeError, `addDoneCallback() on the reply: Event loop is closed ${CLOSED}`);
  });

  it('refuses to complete a future whose callbacks could never run', () => {
    const { pending } = futuresOfAnEndedRun();
    expectError(() => pending.setResult(2), RuntimeError, `setResult() on the request: Event loop is closed ${CLOSED}`);
    expectError(() => pending.cancel(), RuntimeError, `cancel() on the request: Event loop is closed ${CLOSED}`);
  });

  it('refuses new callbacks and tasks on the closed loop', () => {
    const { loop } = futuresOfAnEndedRun();
    expectError(() => loop.callSoon(() => undefined), RuntimeError, `callSoon(): Event loop is closed ${CLOSED}`);
    expectError(() => createTask((function* () {})(), { loop } as never), RuntimeError, `createTask(): Event loop is closed ${CLOSED}`);
  });
});

describe('issue 19, case 7: yielding an object without a prototype', () => {
  it('is a catchable TypeError like every other bad yield', () => {
    function* main() {
      try {
        yield Object.create(null) as never;
      } catch (error) {
        return [(error as Error).constructor, (error as Error).message];
      }
      return 'not refused';
    }
    expect(run(main())).toEqual([TypeError, "Task 'main' got bad yield: {}"]);
  });
});

describe('issue 19, case 8: one generator handed to two tasks', () => {
  it('is refused at the second createTask, naming the first task', () => {
    function* main() {
      const generator = (function* () {
        yield* sleep(1);
      })();
      createTask(generator, { name: 'first' });
      createTask(generator);
    }
    expectError(
      () => run(main()),
      RuntimeError,
      "createTask(): this generator is already run by Task 'first'; a generator runs once, so call the generator function again for a new task",
    );
  });

  it('is refused for the generator of an earlier run too', () => {
    const generator = (function* () {
      return 1;
    })();
    expect(run(generator)).toBe(1);
    expectError(() => run(generator), RuntimeError, expect.stringContaining("this generator is already run by Task 'main'") as never);
  });
});

describe('issue 19, case 9: setException of something that is not an error', () => {
  it("setException('boom') is refused, as CPython's \"invalid exception object\"", () => {
    expectError(() => new Future({ loop: new Loop() }).setException('boom'), TypeError, 'setException(): invalid exception object "boom": an Error was expected');
  });

  it('an Error class is instantiated, as CPython instantiates an exception class', () => {
    const future = new Future({ loop: new Loop() });
    future.setException(RangeError);
    expect(future.exception()).toBeInstanceOf(RangeError);
  });
});

describe('issue 19, case 10: the smaller ones', () => {
  it('createTask(g, { name: 42 }) names the task "42", as CPython str(name)', () => {
    function* main() {
      return createTask((function* () {})(), { name: 42 as never }).getName();
    }
    expect(run(main())).toBe('42');
  });

  it('values in messages are quoted: the string "10" is not the number 10', () => {
    expectError(() => new Loop().callLater('10' as never, () => undefined), TypeError, 'callLater(delayMs): delayMs must be a number of milliseconds, got "10"');
  });

  it('timeout(NaN) names its own parameter', () => {
    function* main() {
      yield* timeout(Number.NaN, function* () {});
    }
    expectError(() => run(main()), TypeError, 'timeout(delayMs): delayMs must be a number of milliseconds, got NaN');
  });

  it('timeoutAt, waitFor, wait and asCompleted name theirs', () => {
    const inRun = (body: () => unknown): void => void run((function* () { body(); })());
    expectError(() => inRun(() => timeoutAt(Number.NaN, function* () {})), TypeError, 'timeoutAt(deadlineMs): deadlineMs must be a number of milliseconds, got NaN');
    expectError(() => inRun(() => waitFor(new Future(), Number.NaN).next()), TypeError, 'waitFor(timeoutMs): timeoutMs must be a number of milliseconds, got NaN');
    expectError(() => inRun(() => wait([new Future()], { timeoutMs: Number.NaN }).next()), TypeError, 'wait(timeoutMs): timeoutMs must be a number of milliseconds, got NaN');
    expectError(() => inRun(() => asCompleted([new Future()], { timeoutMs: Number.NaN })), TypeError, 'asCompleted(timeoutMs): timeoutMs must be a number of milliseconds, got NaN');
  });

  it('a 1 MB value makes a message of readable length', () => {
    const error = thrownBy(() => sleep('x'.repeat(1_000_000) as never));
    expect([error.constructor, error.message]).toEqual([TypeError, `sleep(delayMs): delayMs must be a number of milliseconds, got "${'x'.repeat(76)}...`]);
  });
});
